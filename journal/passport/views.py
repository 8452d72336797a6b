"""Passport pages: the pupil records and reads their own entries; staff in scope read them."""

from __future__ import annotations

import uuid

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from journal.audit.operations import record
from journal.calendar import today
from journal.extensions import db
from journal.schools.queries import pupil_for

from . import bp, kinds, operations, queries
from .forms import EncounterForm
from .permissions import (
    can_edit_entry,
    can_open_staff_view,
    can_write_passport,
    staff_can_see_entry,
)
from .text import render_markdown

bp.add_app_template_filter(render_markdown, "markdown")


def _own_pupil():
    """The signed-in pupil's record; anyone else is refused."""
    pupil = current_user.pupil if current_user.is_pupil else None
    if not can_write_passport(current_user, pupil):
        abort(403)
    return pupil


def _form_page(form, entry=None):
    if form.client_id.errors:
        abort(400)
    status = 422 if form.errors else 200
    return render_template("passport/encounter_form.html", form=form, entry=entry), status


@bp.route("/passport/new/encounter", methods=["GET", "POST"])
@login_required
def new_encounter():
    pupil = _own_pupil()
    form = EncounterForm(pupil=pupil)
    if request.method == "GET":
        form.client_id.data = str(uuid.uuid4())
        form.occurred_on.data = form.occurred_on.data or today()
    if form.validate_on_submit():
        entry, _created = operations.record_entry(
            pupil,
            kind=kinds.ENCOUNTER,
            client_id=form.client_id.data,
            content=form.content(),
            state=form.state,
            author=current_user,
        )
        db.session.commit()
        return redirect(url_for("passport.entry", entry_id=entry.id))
    return _form_page(form)


@bp.route("/passport/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@login_required
def edit_entry(entry_id: int):
    pupil = _own_pupil()
    entry = queries.entry_of(pupil, entry_id)
    if not can_edit_entry(current_user, entry):
        abort(403)
    if request.method == "GET":
        form = EncounterForm.from_content(entry.content, pupil=pupil, client_id=entry.client_id)
    else:
        form = EncounterForm(pupil=pupil)
    if form.validate_on_submit():
        operations.revise_entry(
            entry, content=form.content(), state=form.state, author=current_user
        )
        db.session.commit()
        return redirect(url_for("passport.entry", entry_id=entry.id))
    return _form_page(form, entry)


@bp.route("/passport/entries/<int:entry_id>")
@login_required
def entry(entry_id: int):
    pupil = _own_pupil()
    return render_template(
        "passport/entry.html", entry=queries.entry_of(pupil, entry_id), for_pupil=True
    )


def _timeline_args() -> dict:
    kind = request.args.get("kind") or None
    year = request.args.get("year", type=int)
    page = request.args.get("page", 1, type=int)
    return {"kind": kind if kind in kinds.KINDS else None, "school_year": year, "page": page}


@bp.route("/passport/timeline")
@login_required
def timeline():
    pupil = _own_pupil()
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


def _staff_pupil(pupil_id: int):
    if not can_open_staff_view(current_user):
        abort(403)
    return pupil_for(current_user, pupil_id)


@bp.route("/pupils/<int:pupil_id>/timeline")
@login_required
def pupil_timeline(pupil_id: int):
    """A pupil's saved entries, for staff who can see the pupil; every opening is audited."""
    pupil = _staff_pupil(pupil_id)
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


@bp.route("/pupils/<int:pupil_id>/entries/<int:entry_id>")
@login_required
def pupil_entry(pupil_id: int, entry_id: int):
    """One of a pupil's saved entries, for staff who can see the pupil; audited."""
    pupil = _staff_pupil(pupil_id)
    entry = queries.entry_of(pupil, entry_id)
    if not staff_can_see_entry(entry):
        abort(404)
    record("pupil_entry_opened", actor=current_user, pupil=pupil, entry_id=entry.id)
    db.session.commit()
    return render_template("passport/entry.html", entry=entry, pupil=pupil, for_pupil=False)


@bp.context_processor
def _passport_words() -> dict:
    return {
        "kinds": kinds.KINDS,
        "benchmarks": kinds.BENCHMARKS,
        "states": kinds.STATES,
        "feelings": kinds.FEELINGS,
        "source_label": kinds.source_label,
        "prompts": PROMPTS,
    }


PROMPTS = (
    ("what_i_did", "What did you do?"),
    ("who_i_met", "Who did you meet?"),
    ("what_i_learned", "What did you learn?"),
    ("what_next", "What next?"),
)
