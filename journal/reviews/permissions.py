"""Who may do what with annual reviews: functions of (person, thing).

Which pupils a member of staff reaches is decided by ``journal.schools.queries.pupil_for``;
which pupils a family member reaches, by their live links (``journal.family.queries``).
"""

from __future__ import annotations

from journal.accounts.models import User
from journal.passport.entries.permissions import tutors_pupil
from journal.schools.models import Pupil

from .models import PFA_FROM_YEAR


def can_read_reviews(user: User, pupil: Pupil) -> bool:
    """Staff of the pupil's school who can see the pupil read their reviews."""
    return user.is_staff and user.school_id == pupil.school_id


def can_run_review(user: User, pupil: Pupil) -> bool:
    """Careers staff (careers leader, adviser, SENCO) open a review, write the Preparing for
    Adulthood notes, record the decisions and actions and complete it."""
    return user.is_careers_staff and user.school_id == pupil.school_id


def can_write_staff_summary(user: User, pupil: Pupil) -> bool:
    """Careers staff, and the pupil's own tutors, write a staff summary (as for guidance)."""
    return can_run_review(user, pupil) or (
        user.school_id == pupil.school_id and tutors_pupil(user, pupil)
    )


def has_pfa(pupil: Pupil) -> bool:
    """The Preparing for Adulthood areas are part of the review for a pupil with an EHCP from
    Year 9."""
    return pupil.sen_status == "E" and pupil.year_group >= PFA_FROM_YEAR
