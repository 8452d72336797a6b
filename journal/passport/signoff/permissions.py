"""Who may sign off passport entries: functions of (person, thing)."""

from __future__ import annotations

from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.passport.entries.models import Entry
from journal.passport.entries.permissions import tutors_pupil
from journal.schools.models import Pupil


def can_use_sign_off_queue(user: User) -> bool:
    """Tutors and careers staff have a sign-off queue; other people have none."""
    return user.has_role(Role.TUTOR) or user.is_careers_staff


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
