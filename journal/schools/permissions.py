"""Who may do what with schools and pupils: functions of (person, thing)."""

from __future__ import annotations

from journal.accounts.models import User
from journal.accounts.roles import Role

from .models import Pupil, TutorGroup


def can_view_pupil(user: User, pupil: Pupil) -> bool:
    """Staff of the pupil's school in scope, or the pupil themself. Never across schools."""
    if user.school_id != pupil.school_id:
        return False
    if user.is_careers_staff or user.is_school_admin:
        return True
    if user.is_pupil and pupil.user_id == user.id:
        return True
    if user.has_role(Role.TUTOR) and pupil.tutor_group is not None:
        return any(t.id == user.id for t in pupil.tutor_group.tutors)
    return False


def can_manage_roster(user: User) -> bool:
    return user.is_school_admin


def can_manage_accounts(user: User) -> bool:
    return user.is_school_admin


def can_print_cards(user: User, group: TutorGroup) -> bool:
    """Admins and careers staff for any group in their school; tutors for their own."""
    if user.school_id != group.school_id:
        return False
    if user.is_school_admin or user.is_careers_staff:
        return True
    return user.has_role(Role.TUTOR) and any(t.id == user.id for t in group.tutors)


def can_read_audit_log(user: User) -> bool:
    return user.is_school_admin


def can_list_pupils(user: User) -> bool:
    return user.is_staff


def can_edit_pupil_needs(user: User, pupil: Pupil) -> bool:
    """Careers staff (SENCO included) and school admins of the pupil's school."""
    return user.school_id == pupil.school_id and (user.is_careers_staff or user.is_school_admin)
