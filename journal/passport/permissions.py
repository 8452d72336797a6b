"""Who may do what with passport entries: functions of (person, thing)."""

from __future__ import annotations

from sqlalchemy import select

from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.extensions import db
from journal.schools.models import Pupil, TutorAssignment

from .models import Entry


def can_write_passport(user: User, pupil: Pupil | None) -> bool:
    """Only the pupil writes in their own passport (staff group records come later)."""
    return pupil is not None and user.is_pupil and pupil.user_id == user.id


def can_edit_entry(user: User, entry: Entry) -> bool:
    """The pupil edits their own entries; once sign-off exists, editing starts a new revision."""
    return entry.pupil.user_id == user.id and user.is_pupil


def staff_can_see_entry(entry: Entry) -> bool:
    """Staff who can see the pupil see entries the pupil has saved, not their drafts."""
    return not entry.is_draft


def can_open_staff_view(user: User) -> bool:
    """Staff pages about a pupil's passport; which pupils comes from the scoping helper."""
    return user.is_staff


def can_use_sign_off_queue(user: User) -> bool:
    """Tutors and careers staff have a sign-off queue; other people have none."""
    return user.has_role(Role.TUTOR) or user.is_careers_staff


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


def can_sign_off(user: User, entry: Entry) -> bool:
    """Staff sign off (or return) a pupil's saved entry: a tutor for pupils in their tutor
    groups, careers staff for any pupil of their school. Never a pupil, never a draft, and
    never someone who wrote the entry or its current version: nobody signs their own work."""
    if not user.is_staff or entry.is_draft:
        return False
    revision = entry.current_revision
    if entry.created_by_id == user.id or (revision is not None and revision.author_id == user.id):
        return False
    pupil = entry.pupil
    if pupil.school_id != user.school_id:
        return False
    return user.is_careers_staff or tutors_pupil(user, pupil)


def signer_role_for(user: User, pupil: Pupil) -> str:
    """The role a sign-off records: "tutor" for the pupil's own tutor, else the careers role."""
    if tutors_pupil(user, pupil):
        return Role.TUTOR.value
    for role in (Role.CAREERS_LEADER, Role.CAREERS_ADVISER, Role.SENCO):
        if user.has_role(role):
            return role.value
    return Role.TUTOR.value
