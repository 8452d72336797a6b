"""The English school year, in one place.

A school year runs from 1 September to 31 August and is named by the year it starts in
(2026 means 2026/27). Year groups run 7–14; 15 stands for post-19 learners (19–25), who stay
on roll in special schools and colleges. Every rule that counts by year uses these helpers.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
POST_19 = 15
YEAR_GROUPS = tuple(range(7, 16))


def today() -> date:
    """Today's date in England."""
    return datetime.now(LONDON).date()


def utcnow() -> datetime:
    return datetime.now(UTC)


def school_year_of(day: date) -> int:
    """The school year a day falls in, named by its starting calendar year."""
    return day.year if day.month >= 9 else day.year - 1


def school_year_label(start_year: int) -> str:
    return f"{start_year}/{str(start_year + 1)[-2:]}"


def school_year_bounds(start_year: int) -> tuple[date, date]:
    return date(start_year, 9, 1), date(start_year + 1, 8, 31)


def year_group_label(year_group: int | None) -> str:
    if year_group is None:
        return "No year group"
    return "Post-19" if year_group == POST_19 else f"Year {year_group}"


def age_on(date_of_birth: date, day: date) -> int:
    """Whole years of age on a day (a 29 February birthday counts from 1 March)."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def end_of_year_group(year_group: int, current_year_group: int, on: date) -> date:
    """The last day of the school year in which a pupil now in ``current_year_group``
    will be in ``year_group``."""
    start = school_year_of(on) + (year_group - current_year_group)
    return school_year_bounds(start)[1]


def by_16_deadline(current_year_group: int, on: date) -> date:
    """ "By 16" means by the end of Year 11."""
    return end_of_year_group(11, current_year_group, on)


def by_18_deadline(current_year_group: int, on: date) -> date:
    """ "By 18" means by the end of Year 13."""
    return end_of_year_group(13, current_year_group, on)


def destination_checkpoints(left_on: date) -> list[date]:
    """When a leaver's sustained destination is due: 1, 2 and 3 years after the year they left.

    A pupil leaving in July 2026 (school year 2025/26) is checked in the autumns of 2027, 2028
    and 2029: we use 1 November, after the local authority's autumn activity survey starts.
    """
    left_year = school_year_of(left_on) + 1
    return [date(left_year + n, 11, 1) for n in (1, 2, 3)]


def london_time(moment: datetime | None) -> datetime | None:
    """A stored UTC time shown in Europe/London."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LONDON)
