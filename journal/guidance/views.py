"""Guidance pages: staff record interviews, advice, decisions and actions; pupils read theirs,
answer them and tick off their own actions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from journal.audit.operations import record
from journal.extensions import db
from journal.schools.guards import own_pupil_or_403, staff_pupil_or_404

from . import bp, operations, queries
from .forms import ActionForm, CommentForm, InterviewForm, NoteForm, StatusForm
from .models import ACTION_STATUSES, NOTE_KINDS, SUBJECTS
from .permissions import (
    can_add_guidance,
    can_comment_on_entry,
    can_mark_done,
    can_read_guidance,
    can_read_own_guidance,
    can_record_interview,
)

# --- staff -----------------------------------------------------------------------------------


@bp.route("/pupils/<int:pupil_id>/guidance")
@login_required
def pupil_guidance(pupil_id: int):
    """The pupil's interviews, advice, decisions and actions, for staff in scope; audited."""
    pupil = staff_pupil_or_404(pupil_id, can_read_guidance)
    record("pupil_guidance_opened", actor=current_user, pupil=pupil)
    db.session.commit()
    return render_template(
        "guidance/pupil_guidance.html",
        pupil=pupil,
        interviews=queries.interviews_of(pupil, for_pupil=False),
        notes=queries.notes_of(pupil, for_pupil=False),
        actions=queries.actions_of(pupil, for_pupil=False),
        threads=queries.threads_for(pupil, for_pupil=False),
        for_pupil=False,
        can_add=can_add_guidance(current_user, pupil),
        can_interview=can_record_interview(current_user, pupil),
        status_form=StatusForm(),
    )


@bp.route("/pupils/<int:pupil_id>/guidance/interviews/new", methods=["GET", "POST"])
@login_required
def new_interview(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_record_interview)
    form = InterviewForm(pupil=pupil, staff=queries.staff_of_school(pupil.school_id))
    if request.method == "GET":
        form.adviser.data = str(current_user.id)
    if form.validate_on_submit():
        operations.record_interview(
            pupil,
            by=current_user,
            adviser=form.staff[form.adviser.data],
            held_on=form.held_on.data,
            place=form.place.data or "",
            notes=form.notes.data or "",
            advice=form.advice.data or "",
            visibility=form.visibility.data,
            decisions=form.decision_texts(),
            actions=form.new_actions(),
        )
        return _saved(pupil, "The interview is saved.")
    return _form_page("guidance/interview_form.html", form, pupil)


@bp.route("/pupils/<int:pupil_id>/guidance/notes/new", methods=["GET", "POST"])
@login_required
def new_note(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_add_guidance)
    form = NoteForm(interviews=queries.interviews_of(pupil, for_pupil=False))
    if request.method == "GET" and request.args.get("kind") in NOTE_KINDS:
        form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        operations.add_note(
            pupil,
            by=current_user,
            kind=form.kind.data,
            text=form.text.data,
            visibility=form.visibility.data,
            interview=form.chosen_interview(),
        )
        return _saved(pupil, f"The {NOTE_KINDS[form.kind.data].lower()} is saved.")
    return _form_page("guidance/note_form.html", form, pupil)


@bp.route("/pupils/<int:pupil_id>/guidance/actions/new", methods=["GET", "POST"])
@login_required
def new_action(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_add_guidance)
    form = ActionForm(staff=queries.staff_of_school(pupil.school_id))
    if form.validate_on_submit():
        operations.add_action(
            pupil, form.action.form.action(), by=current_user, visibility=form.visibility.data
        )
        return _saved(pupil, "The action is saved.")
    return _form_page("guidance/action_form.html", form, pupil)


@bp.route("/pupils/<int:pupil_id>/guidance/actions/<int:action_id>/status", methods=["POST"])
@login_required
def set_action_status(pupil_id: int, action_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_add_guidance)
    action = queries.record_of("action", pupil, action_id, for_pupil=False)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    operations.set_action_status(action, form.status.data, by=current_user, pupil=pupil)
    return _saved(pupil, f"The action is now “{ACTION_STATUSES[form.status.data]}”.")


@bp.route("/pupils/<int:pupil_id>/entries/<int:entry_id>/comments", methods=["POST"])
@login_required
def comment_on_entry(pupil_id: int, entry_id: int):
    """A comment by staff on one of the pupil's saved entries; the pupil can answer it."""
    pupil = staff_pupil_or_404(pupil_id, can_comment_on_entry)
    entry = queries.subject_of("entry", pupil, entry_id, for_pupil=False)
    form = CommentForm()
    if not form.validate_on_submit():
        return _reply_page(form, pupil, "entry", entry, for_pupil=False)
    operations.add_comment(pupil, "entry", entry, form.body.data, by=current_user)
    db.session.commit()
    flash("Your comment is saved.", "success")
    return redirect(url_for("passport.pupil_entry", pupil_id=pupil.id, entry_id=entry.id))


def _saved(pupil, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("guidance.pupil_guidance", pupil_id=pupil.id))


def _form_page(template: str, form, pupil):
    status = 422 if form.errors else 200
    return render_template(template, form=form, pupil=pupil), status


# --- the pupil -------------------------------------------------------------------------------


@bp.route("/guidance")
@login_required
def my_guidance():
    """Advice, decisions, actions and interviews addressed to the pupil (never staff-only)."""
    pupil = own_pupil_or_403(can_read_own_guidance)
    return render_template(
        "guidance/my_guidance.html",
        pupil=pupil,
        interviews=queries.interviews_of(pupil, for_pupil=True),
        notes=queries.notes_of(pupil, for_pupil=True),
        actions=queries.actions_of(pupil, for_pupil=True),
        threads=queries.threads_for(pupil, for_pupil=True),
        for_pupil=True,
    )


@bp.route("/guidance/<subject_type>/<int:subject_id>/reply", methods=["POST"])
@login_required
def reply(subject_type: str, subject_id: int):
    """The pupil answers a comment, advice, a decision, an action or an interview."""
    pupil = own_pupil_or_403()
    if subject_type not in SUBJECTS:
        abort(404)
    subject = queries.subject_of(subject_type, pupil, subject_id, for_pupil=True)
    form = CommentForm()
    if not form.validate_on_submit():
        return _reply_page(form, pupil, subject_type, subject, for_pupil=True)
    operations.add_comment(pupil, subject_type, subject, form.body.data, by=current_user)
    db.session.commit()
    flash("Your reply is saved.", "success")
    if subject_type == "entry":
        return redirect(url_for("passport.entry", entry_id=subject.id))
    return redirect(url_for("guidance.my_guidance", _anchor=f"{subject_type}-{subject.id}"))


@bp.route("/guidance/actions/<int:action_id>/done", methods=["POST"])
@login_required
def mark_done(action_id: int):
    """The pupil ticks off one of their own actions."""
    pupil = own_pupil_or_403()
    action = queries.record_of("action", pupil, action_id, for_pupil=True)
    if not can_mark_done(current_user, pupil, action.owner_kind):
        abort(403)
    operations.set_action_status(action, "done", by=current_user, pupil=pupil)
    db.session.commit()
    flash("Well done. That action is marked as done.", "success")
    if request.form.get("back") == "home":
        return redirect(url_for("home.index"))
    return redirect(url_for("guidance.my_guidance"))


def _reply_page(form, pupil, subject_type: str, subject, *, for_pupil: bool):
    """A comment that could not be saved, shown again with what was typed."""
    comments = queries.comments_on(subject_type, subject.id, for_pupil=for_pupil)
    return render_template(
        "guidance/reply.html",
        form=form,
        pupil=pupil,
        subject_type=subject_type,
        subject=subject,
        comments=comments,
        for_pupil=for_pupil,
    ), 422
