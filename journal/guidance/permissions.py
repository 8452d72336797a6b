"""Who may do what with guidance records: functions of (person, thing).

Which pupils a member of staff reaches is decided by ``journal.schools.queries.pupil_for``;
these say what they may do once there.
"""

from __future__ import annotations

from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.schools.models import Pupil


def _tutors_pupil(user: User, pupil: Pupil) -> bool:
    group = pupil.tutor_group
    return (
        user.has_role(Role.TUTOR)
        and group is not None
        and any(t.id == user.id for t in group.tutors)
    )


def can_read_own_guidance(user: User, pupil: Pupil | None) -> bool:
    """The pupil reads what is addressed to them (never staff-only records)."""
    return pupil is not None and user.is_pupil and pupil.user_id == user.id


def can_read_guidance(user: User, pupil: Pupil) -> bool:
    """Staff of the pupil's school (school admins included) read the guidance record."""
    return user.is_staff and user.school_id == pupil.school_id


def can_add_guidance(user: User, pupil: Pupil) -> bool:
    """Careers staff, and the pupil's own tutors, add advice, decisions and actions and
    change an action's status. School admins only read."""
    if user.school_id != pupil.school_id:
        return False
    return user.is_careers_staff or _tutors_pupil(user, pupil)


def can_record_interview(user: User, pupil: Pupil) -> bool:
    """Only careers staff record personal guidance interviews."""
    return user.is_careers_staff and user.school_id == pupil.school_id


def can_comment_on_entry(user: User, pupil: Pupil) -> bool:
    """Any member of staff who can see the pupil may comment on their saved entries."""
    return user.is_staff and user.school_id == pupil.school_id


def can_mark_done(user: User, pupil: Pupil, owner_kind: str) -> bool:
    """The pupil marks their own actions done (those the pupil owns), nobody else's."""
    return user.is_pupil and pupil.user_id == user.id and owner_kind == "pupil"
