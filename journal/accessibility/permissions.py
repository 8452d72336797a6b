"""Who may set a pupil's view defaults."""

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
