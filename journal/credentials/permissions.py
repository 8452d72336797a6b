"""Who may choose, agree to and download credentials: functions of (person, thing)."""

from __future__ import annotations

from datetime import date

from journal.accounts.models import User
from journal.calendar import age_on
from journal.schools.models import Pupil

AGE_OF_OWN_CHOICE = 13


def needs_staff_agreement(pupil: Pupil, today: date) -> bool:
    """Under 13, a credential is issued only when a member of staff agrees to the pupil's
    choice (UK GDPR: 13 is the age of consent for information society services)."""
    return age_on(pupil.date_of_birth, today) < AGE_OF_OWN_CHOICE


def can_choose(user: User, pupil: Pupil) -> bool:
    """Only the pupil chooses what becomes a credential, and downloads it."""
    return user.is_pupil and user.pupil is not None and user.pupil.id == pupil.id


def can_agree(user: User, pupil: Pupil) -> bool:
    """Careers staff of the pupil's school agree to an under-13 pupil's choice."""
    return user.is_careers_staff and user.school_id == pupil.school_id
