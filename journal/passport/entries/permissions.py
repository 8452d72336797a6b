"""Who may do what with passport entries: functions of (person, thing)."""

from __future__ import annotations

from sqlalchemy import select

from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.extensions import db
from journal.media.models import Attachment
from journal.passport.entries.models import Entry
from journal.schools.models import Pupil, TutorAssignment
from journal.schools.queries import pupil_for


def can_write_passport(user: User, pupil: Pupil | None) -> bool:
    """Only the pupil writes in their own passport (staff group records come later)."""
    return pupil is not None and user.is_pupil and pupil.user_id == user.id


def can_edit_entry(user: User, entry: Entry) -> bool:
    """The pupil edits their own entries; once sign-off exists, editing starts a new revision."""
    return entry.pupil.user_id == user.id and user.is_pupil


def staff_can_see_entry(entry: Entry) -> bool:
    """Staff who can see the pupil see entries the pupil has saved, not their drafts."""
    return not entry.is_draft


def staff_can_see_attachment(user: User, attachment: Attachment) -> bool:
    """Staff see a file on a saved entry of the same pupil: never an unclaimed upload, never
    a draft's photos (the pupil has not shared those yet). 404 for a pupil outside their
    scope (``pupil_for``), as for a file that does not exist. Given to media as a reader."""
    if not user.is_staff:
        return False
    pupil_for(user, attachment.pupil_id)
    entry = db.session.get(Entry, attachment.entry_id) if attachment.entry_id else None
    return (
        entry is not None and entry.pupil_id == attachment.pupil_id and staff_can_see_entry(entry)
    )


def tutors_pupil(user: User, pupil: Pupil) -> bool:
    """Whether ``user`` is a tutor of the pupil's tutor group (one query)."""
    if not user.has_role(Role.TUTOR) or pupil.tutor_group_id is None:
        return False
    found = db.session.scalar(
        select(TutorAssignment.user_id).where(
            TutorAssignment.user_id == user.id,
            TutorAssignment.tutor_group_id == pupil.tutor_group_id,
        )
    )
    return found is not None
