"""Who may do what in the careers programme: functions of (person, thing).

- Careers staff (careers leader, careers adviser, SENCO) record activities for any pupils of
  their school, take and correct attendance, and manage saved custom groups.
- A tutor records activities for pupils in their own tutor groups only, and takes attendance
  for the activities they recorded; they may use a saved custom group, of which only their own
  pupils are ever listed or given entries. They see the school's programme, read-only.
- Nobody else (school admins, pupils, families) sees these pages.
"""

from __future__ import annotations

from journal.accounts.models import User
from journal.accounts.roles import Role

from .models import ProgrammeActivity


def can_see_programme(user: User) -> bool:
    return user.is_careers_staff or user.has_role(Role.TUTOR)


def can_record_activity(user: User) -> bool:
    return can_see_programme(user)


def is_tutor_only(user: User) -> bool:
    """A tutor without a careers role: limited to their own tutor groups' pupils."""
    return user.has_role(Role.TUTOR) and not user.is_careers_staff


def can_take_attendance(user: User, activity: ProgrammeActivity) -> bool:
    """Careers staff for any activity of their school; a tutor for the ones they recorded."""
    if activity.school_id != user.school_id:
        return False
    if user.is_careers_staff:
        return True
    return user.has_role(Role.TUTOR) and activity.created_by_id == user.id


def can_manage_groups(user: User) -> bool:
    return user.is_careers_staff
