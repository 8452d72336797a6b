"""Who may do what with schools and pupils: functions of (person, thing).

Which pupils a person may see at all is one rule, in SQL: ``queries.pupils_in_scope`` (and
``queries.pupil_for`` for one pupil, 404 outside scope), which every pupil query starts from.
"""

from __future__ import annotations

from journal.accounts.models import User
from journal.accounts.roles import Role

from .models import Pupil, TutorGroup


def can_manage_roster(user: User) -> bool:
    return user.is_school_admin


def can_manage_accounts(user: User) -> bool:
    return user.is_school_admin


def can_open_cards(user: User) -> bool:
    """Staff open the sign-in cards page; which groups' cards they print is ``can_print_cards``."""
    return user.is_staff


def can_change_school_settings(user: User) -> bool:
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
