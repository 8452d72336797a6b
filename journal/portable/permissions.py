"""Who may take a passport file out, or bring one in: functions of (person, thing).

Which pupils a member of staff can reach at all comes from the scoping helper
(``journal.schools.queries.pupil_for``), applied in the views before these.
"""

from __future__ import annotations

from journal.accounts.models import User
from journal.schools.models import Pupil


def can_export_own(user: User) -> bool:
    """A pupil downloads their own passport at any time: their copy, and their data."""
    return user.is_pupil and user.pupil is not None


def can_transfer(user: User, pupil: Pupil) -> bool:
    """Careers staff and school admins download a leaving pupil's passport, or import a
    joining pupil's. Not tutors: the file is the pupil's whole record, guidance included,
    and moving it between schools is the careers leader's or the office's job; a tutor's
    pupil can download their own copy."""
    return pupil.school_id == user.school_id and (user.is_careers_staff or user.is_school_admin)
