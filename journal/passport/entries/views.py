"""Passport pages: the pupil records and reads their own entries; staff in scope read them."""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from journal.audit.operations import record
from journal.calendar import today
from journal.extensions import db
from journal.media.permissions import add_reader
from journal.offline import replies as offline_replies
from journal.passport.blueprint import bp
from journal.passport.entries import operations, queries
from journal.passport.entries.forms import DiaryForm, EntryForm, form_for
from journal.passport.entries.permissions import (
    can_edit_entry,
    can_write_passport,
    staff_can_see_attachment,
    staff_can_see_entry,
)
from journal.passport.entries.uploads import take_uploads
from journal.reference import gatsby, kinds
from journal.schools.guards import own_pupil_or_403, staff_pupil_or_404


@bp.record_once
def _media_reader(state) -> None:
    """Staff open a photo or certificate through a saved entry of a pupil in their scope."""
    add_reader(state.app, staff_can_see_attachment)


@bp.route("/passport/record")
@login_required
def record_something():
    """ "Record something": choose what kind, or carry on a work experience diary."""
    pupil = own_pupil_or_403(can_write_passport)
    placements = queries.open_placements(pupil)
    return render_template("passport/record.html", placements=placements)


@bp.route("/passport/new/<kind>", methods=["GET", "POST"])
@login_required
def new_entry(kind: str):
    pupil = own_pupil_or_403(can_write_passport)
    if kind not in kinds.RECORDABLE:
        abort(404)
    form = form_for(kind)(pupil=pupil)
    return _record(form, pupil)


@bp.route("/passport/entries/<int:entry_id>/diary/new", methods=["GET", "POST"])
@login_required
def new_diary_day(entry_id: int):
    """A dated reflection on a day of a workplace experience."""
    pupil = own_pupil_or_403(can_write_passport)
    placement = queries.entry_of(pupil, entry_id)
    if placement.kind != kinds.WORKPLACE:
        abort(404)
    form = DiaryForm(pupil=pupil, placement=placement)
    return _record(form, pupil, placement=placement)


def _record(form: EntryForm, pupil, placement=None):
    if request.method == "GET":
        form.client_id.data = str(uuid.uuid4())
        form.occurred_on.data = today()
        form.shared_with_family.data = pupil.school.family_sharing_default
    queued = offline_replies.is_queued()  # sent from the phone's queue: answered in JSON
    if queued:
        found = queries.entry_by_client_id(pupil, form.client_id.data or "")
        if (stored := offline_replies.replayed(found)) is not None:
            return stored
    attachments, problems = take_uploads(form, pupil)
    if _valid(form, problems):
        entry, _changed = operations.save_entry(
            pupil,
            kind=form.kind,
            client_id=form.client_id.data,
            content=form.content(),
            state=form.state,
            author=current_user,
            shared_with_family=form.shared_with_family.data,
            attachments=attachments,
            parent=placement,
        )
        db.session.commit()
        return offline_replies.saved(entry) if queued else _saved(entry)
    db.session.commit()  # files uploaded with a form that has errors are kept for the next try
    if queued:
        return offline_replies.invalid(form)
    return _form_page(form, attachments, placement=placement)


@bp.route("/passport/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@login_required
def edit_entry(entry_id: int):
    pupil = own_pupil_or_403(can_write_passport)
    entry = queries.entry_of(pupil, entry_id)
    if not can_edit_entry(current_user, entry):
        abort(403)
    form_class = form_for(entry.kind)
    extra = {"placement": entry.parent} if form_class is DiaryForm else {}
    if request.method == "GET":
        form = form_class.from_entry(entry, pupil=pupil, **extra)
    else:
        form = form_class(pupil=pupil, **extra)
    attachments, problems = take_uploads(form, pupil, entry)
    conflict = request.method == "POST" and form.based_on.data != str(entry.revision_count)
    if _valid(form, problems) and not conflict:
        return _save_changes(entry, form, attachments)
    db.session.commit()
    if conflict:
        form.based_on.data = str(entry.revision_count)  # the next save is made over what they saw
    return _form_page(form, attachments, entry=entry, conflict=conflict)


def _save_changes(entry, form: EntryForm, attachments):
    """A new version of the entry (a draft stays one until the pupil saves it for good)."""
    operations.change_entry(
        entry,
        content=form.content(),
        state=form.state if entry.is_draft else "submitted",
        author=current_user,
        shared_with_family=form.shared_with_family.data,
        attachments=attachments,
    )
    db.session.commit()
    return _saved(entry)


def _valid(form: EntryForm, problems: list[str]) -> bool:
    """Validate a posted form; problems with its files go beside the photo field."""
    if request.method != "POST":
        return False
    valid = form.validate_on_submit()
    form.photos.errors = [*form.photos.errors, *problems]
    return valid and not problems


def _form_page(form: EntryForm, attachments, *, entry=None, placement=None, conflict=False):
    if form.client_id.errors:
        abort(400)
    status = 409 if conflict else 422 if form.errors else 200
    return render_template(
        "passport/entry_form.html",
        form=form,
        entry=entry,
        placement=placement or (entry.parent if entry else None),
        attachments=attachments,
        attachments_content=[a.as_content() for a in attachments],
        conflict=conflict,
    ), status


def _saved(entry):
    if entry.is_draft:
        flash("Saved as a draft. Only you can see it until you save it.", "success")
    else:
        flash("Saved in your passport.", "success")
    return redirect(url_for("passport.entry", entry_id=entry.id))


@bp.route("/passport/autosave", methods=["POST"])
@login_required
def autosave():
    """Saves a new entry or a draft as the pupil types (called by static/js/autosave.js).
    A saved entry is never changed here: that needs its Save button and the version check."""
    pupil = own_pupil_or_403(can_write_passport)
    kind = request.form.get("kind", "")
    if kind not in kinds.FIELDS:
        abort(400)
    placement = None
    if kind == kinds.DIARY:
        placement = queries.entry_of(pupil, request.form.get("placement_id", 0, type=int))
    form = form_for(kind)(pupil=pupil, **({"placement": placement} if placement else {}))
    form.save_draft.data = True
    existing = queries.entry_by_client_id(pupil, form.client_id.data or "")
    if existing is not None and not existing.is_draft:
        return render_template("passport/_autosave.html", status="saved_entry")
    if not form.validate_on_submit():
        return render_template("passport/_autosave.html", status="not_yet", form=form), 422
    entry = _save_draft(pupil, kind, form, existing, placement)
    db.session.commit()
    return render_template("passport/_autosave.html", status="draft_saved", entry=entry)


def _save_draft(pupil, kind: str, form: EntryForm, existing, placement):
    """The typed-so-far entry as a draft, with the photos it already has."""
    attachments = queries.usable_attachments(pupil, form.kept_attachment_ids, existing)
    entry, _changed = operations.save_entry(
        pupil,
        kind=kind,
        client_id=form.client_id.data,
        content=form.content(),
        state="draft",
        author=current_user,
        shared_with_family=form.shared_with_family.data,
        attachments=attachments,
        parent=placement,
    )
    return entry


@bp.route("/passport/entries/<int:entry_id>")
@login_required
def entry(entry_id: int):
    pupil = own_pupil_or_403(can_write_passport)
    entry = queries.entry_of(pupil, entry_id)
    diary = queries.diary_of(entry) if entry.kind == kinds.WORKPLACE else []
    return render_template("passport/entry.html", entry=entry, diary=diary, for_pupil=True)


@bp.route("/passport/entries/<int:entry_id>/history")
@login_required
def entry_history(entry_id: int):
    """Every version of one of the pupil's entries, newest first."""
    pupil = own_pupil_or_403(can_write_passport)
    entry = queries.entry_of(pupil, entry_id)
    return render_template(
        "passport/history.html", entry=entry, revisions=queries.revisions_of(entry), for_pupil=True
    )


def _timeline_args() -> dict:
    kind = request.args.get("kind") or None
    year = request.args.get("year", type=int)
    page = request.args.get("page", 1, type=int)
    return {"kind": kind if kind in kinds.KINDS else None, "school_year": year, "page": page}


@bp.route("/passport/timeline")
@login_required
def timeline():
    pupil = own_pupil_or_403(can_write_passport)
    args = _timeline_args()
    return render_template(
        "passport/timeline.html",
        pupil=pupil,
        page=queries.timeline(pupil, **args),
        filters=args,
        years=queries.school_years_of(pupil),
        for_pupil=True,
    )


# --- staff, read-only ------------------------------------------------------------------------


@bp.route("/pupils/<int:pupil_id>/timeline")
@login_required
def pupil_timeline(pupil_id: int):
    """A pupil's saved entries, for staff who can see the pupil; every opening is audited."""
    pupil = staff_pupil_or_404(pupil_id)
    record("pupil_timeline_opened", actor=current_user, pupil=pupil)
    db.session.commit()
    args = _timeline_args()
    page = queries.timeline(pupil, include_drafts=False, **args)  # after the commit expires rows
    return render_template(
        "passport/timeline.html",
        pupil=pupil,
        page=page,
        filters=args,
        years=queries.school_years_of(pupil),
        for_pupil=False,
    )


def _staff_entry(pupil_id: int, entry_id: int, action: str):
    pupil = staff_pupil_or_404(pupil_id)
    entry = queries.entry_of(pupil, entry_id)
    if not staff_can_see_entry(entry):
        abort(404)
    record(action, actor=current_user, pupil=pupil, entry_id=entry.id)
    db.session.commit()
    return pupil, queries.entry_of(pupil, entry_id)


@bp.route("/pupils/<int:pupil_id>/entries/<int:entry_id>")
@login_required
def pupil_entry(pupil_id: int, entry_id: int):
    """One of a pupil's saved entries, for staff who can see the pupil; audited."""
    pupil, entry = _staff_entry(pupil_id, entry_id, "pupil_entry_opened")
    diary = queries.diary_of(entry, include_drafts=False) if entry.kind == kinds.WORKPLACE else []
    return render_template(
        "passport/entry.html", entry=entry, diary=diary, pupil=pupil, for_pupil=False
    )


@bp.route("/pupils/<int:pupil_id>/entries/<int:entry_id>/history")
@login_required
def pupil_entry_history(pupil_id: int, entry_id: int):
    """Every version of a pupil's saved entry, for staff who can see the pupil; audited."""
    pupil, entry = _staff_entry(pupil_id, entry_id, "pupil_entry_history_opened")
    return render_template(
        "passport/history.html",
        entry=entry,
        pupil=pupil,
        revisions=queries.revisions_of(entry),
        for_pupil=False,
    )


def passport_words() -> dict:
    """The passport's words, for every page that shows an entry (``journal.templating``)."""
    return {
        "kinds": kinds.KINDS,
        "benchmarks": gatsby.BENCHMARKS,
        "states": kinds.STATES,
        "feelings": kinds.FEELINGS,
        "source_label": kinds.source_label,
        "prompts": kinds.PROMPTS,
        "workplace_kinds": kinds.WORKPLACE_KINDS,
        "achievement_kinds": kinds.ACHIEVEMENT_KINDS,
        "recordable": kinds.RECORDABLE,
        "fields": kinds.FIELDS,
        "intro": INTROS,
        "question_for": kinds.question_for,
        "faces": kinds.FACES,
    }


INTROS = {
    kinds.ENCOUNTER: "A talk, a fair, a visit, or meeting a college or university. "
    "Write as much or as little as you like.",
    kinds.WORKPLACE: "A day or more at a workplace. Add diary days to it as you go.",
    kinds.DIARY: "What happened today? A few words are fine.",
    kinds.ACHIEVEMENT: "A certificate, an award, a qualification or volunteering. "
    "You can add a photo of it or the certificate itself.",
}
