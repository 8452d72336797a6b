"""Who may set a pupil's view defaults, and who may manage or see a school's own symbols."""

from __future__ import annotations

from journal.accounts.roles import Role


def can_set_view_defaults(user, pupil) -> bool:
    """Careers staff (SENCO included) of the pupil's school and the pupil's own tutors."""
    if user.school_id != pupil.school_id:
        return False
    if user.is_careers_staff:
        return True
    if user.has_role(Role.TUTOR) and pupil.tutor_group is not None:
        return any(t.id == user.id for t in pupil.tutor_group.tutors)
    return False


def can_manage_school_symbols(user, school) -> bool:
    """The school's admins, its careers leader and its SENCO: the people who hold the school's
    licences (a symbol set is often the SENCO's) and its careers programme. Never another
    school's."""
    if user.school_id != school.id:
        return False
    return user.is_school_admin or user.has_role(Role.CAREERS_LEADER) or user.has_role(Role.SENCO)


def can_see_school_symbol(user, symbol) -> bool:
    """Everyone signed in at the symbol's school (pupils, staff, families); no one else: a
    licensed symbol set is for the school that holds the licence."""
    return user.school_id == symbol.school_id
