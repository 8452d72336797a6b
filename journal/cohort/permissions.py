"""Who may see the cohort dashboard: a function of the person (it is always their own school).

Careers staff (careers leader, careers adviser, SENCO) and school admins, who already see
every pupil of their school and often prepare governors' reports. Tutors do not: the
dashboard is about the whole school's careers programme, and a tutor's own groups are on
their sign-off queue and pupil list. Pupils and families never.
"""

from __future__ import annotations

from journal.accounts.models import User


def can_view_cohort(user: User) -> bool:
    """The navigation (``journal.web.navigation``) calls this to link the dashboard."""
    return user.is_careers_staff or user.is_school_admin
