"""Who may do what with destinations: functions of (person, thing).

Which pupils a member of staff reaches is decided by ``journal.schools.queries.pupil_for``
(a tutor reaches their tutor groups, careers staff and admins the whole school).
"""

from __future__ import annotations

from journal.accounts.models import User
from journal.schools.models import Pupil


def can_see_destinations(user: User, pupil: Pupil) -> bool:
    """Staff of the pupil's school who can see the pupil read their destinations."""
    return user.is_staff and user.school_id == pupil.school_id


def can_edit_destinations(user: User, pupil: Pupil) -> bool:
    """Careers staff (careers leader, adviser, SENCO) record and confirm destinations; tutors
    and school admins only read."""
    return user.is_careers_staff and user.school_id == pupil.school_id


def can_record_leaving(user: User, pupil: Pupil) -> bool:
    """Careers staff and school admins (who keep the roll) record the day a pupil left."""
    return (user.is_careers_staff or user.is_school_admin) and user.school_id == pupil.school_id


def can_exchange(user: User) -> bool:
    """Careers staff export destinations for the local authority and import its updates."""
    return user.is_careers_staff


def can_see_role_models(user: User) -> bool:
    """Careers staff see the alumni who agreed to be role models."""
    return user.is_careers_staff


def is_alumnus(user: User) -> bool:
    """A former pupil: a pupil account whose pupil record has a leaving date."""
    pupil = user.pupil if user.is_authenticated and user.is_pupil else None
    return pupil is not None and pupil.left_on is not None
