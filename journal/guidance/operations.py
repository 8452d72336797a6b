"""Writes of guidance records: each flushes and audits; the request commits once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from journal.accounts.models import User
from journal.audit.operations import record
from journal.calendar import utcnow
from journal.extensions import db
from journal.schools.models import Pupil

from .models import (
    PUPIL_AND_FAMILY,
    PUPIL_ONLY,
    Action,
    Comment,
    GuidanceInterview,
    GuidanceNote,
)


@dataclass(frozen=True)
class NewAction:
    """What an action needs, as a form gives it."""

    what: str
    owner_kind: str
    owner_user: User | None = None
    owner_name: str = ""
    due_on: date | None = None


def record_interview(
    pupil: Pupil,
    *,
    by: User,
    adviser: User,
    held_on: date,
    place: str = "",
    notes: str = "",
    advice: str = "",
    visibility: str = PUPIL_AND_FAMILY,
    decisions: tuple[str, ...] = (),
    actions: tuple[NewAction, ...] = (),
) -> GuidanceInterview:
    """A personal guidance interview, with any decisions agreed and actions set at it (each
    seen by the same people as the interview)."""
    interview = GuidanceInterview(
        pupil_id=pupil.id,
        adviser_id=adviser.id,
        adviser_name=adviser.display_name,
        held_on=held_on,
        place=place,
        notes=notes,
        advice=advice,
        visibility=visibility,
        created_by_id=by.id,
    )
    db.session.add(interview)
    db.session.flush()
    record(
        "guidance_interview_recorded",
        actor=by,
        pupil=pupil,
        interview_id=interview.id,
        visibility=visibility,
    )
    for text in decisions:
        add_note(
            pupil, by=by, kind="decision", text=text, visibility=visibility, interview=interview
        )
    for new in actions:
        add_action(pupil, new, by=by, visibility=visibility, interview=interview)
    return interview


def add_note(
    pupil: Pupil,
    *,
    by: User,
    kind: str,
    text: str,
    visibility: str = PUPIL_AND_FAMILY,
    interview: GuidanceInterview | None = None,
) -> GuidanceNote:
    """Advice given to the pupil, or a decision agreed with them."""
    note = GuidanceNote(
        pupil_id=pupil.id,
        kind=kind,
        text=text,
        visibility=visibility,
        interview_id=interview.id if interview else None,
        author_id=by.id,
    )
    db.session.add(note)
    db.session.flush()
    record(
        "guidance_note_added",
        actor=by,
        pupil=pupil,
        note_id=note.id,
        kind=kind,
        visibility=visibility,
    )
    return note


def add_action(
    pupil: Pupil,
    new: NewAction,
    *,
    by: User,
    visibility: str = PUPIL_AND_FAMILY,
    interview: GuidanceInterview | None = None,
) -> Action:
    """A transition action. A staff owner is kept by account and by name (the name stays if
    the account goes)."""
    owner_name = new.owner_user.display_name if new.owner_user else new.owner_name
    action = Action(
        pupil_id=pupil.id,
        what=new.what,
        owner_kind=new.owner_kind,
        owner_user_id=new.owner_user.id if new.owner_user else None,
        owner_name=owner_name,
        due_on=new.due_on,
        status="open",
        visibility=visibility,
        interview_id=interview.id if interview else None,
        created_by_id=by.id,
    )
    db.session.add(action)
    db.session.flush()
    record(
        "guidance_action_added",
        actor=by,
        pupil=pupil,
        action_id=action.id,
        owner_kind=new.owner_kind,
        visibility=visibility,
    )
    return action


def set_action_status(action: Action, status: str, *, by: User, pupil: Pupil) -> bool:
    """Mark an action open, done or no longer needed. Returns False (and writes nothing) when
    it already had that status."""
    if action.status == status:
        return False
    before = action.status
    action.status = status
    action.status_changed_at = utcnow()
    action.status_changed_by_id = by.id
    db.session.flush()
    record(
        "guidance_action_status_changed",
        actor=by,
        pupil=pupil,
        action_id=action.id,
        before=before,
        after=status,
    )
    return True


def add_comment(pupil: Pupil, subject_type: str, subject, body: str, *, by: User) -> Comment:
    """A comment by staff, or the pupil's answer, on an entry or a guidance record. It is seen
    by whoever sees what it is about (an entry not shared with family: the pupil only)."""
    if subject_type == "entry":
        visibility = PUPIL_AND_FAMILY if subject.shared_with_family else PUPIL_ONLY
    else:
        visibility = subject.visibility
    comment = Comment(
        pupil_id=pupil.id,
        subject_type=subject_type,
        subject_id=subject.id,
        body=body,
        visibility=visibility,
        author_id=by.id,
    )
    db.session.add(comment)
    db.session.flush()
    record(
        "guidance_comment_added",
        actor=by,
        pupil=pupil,
        comment_id=comment.id,
        subject_type=subject_type,
        subject_id=subject.id,
    )
    return comment
