"""Template filters every page uses: times in London, dates, stored values in words."""

from __future__ import annotations

from datetime import date

from journal.calendar import london_time


def format_london(moment, fmt: str = "%-d %b %Y, %H:%M") -> str:
    local = london_time(moment)
    return local.strftime(fmt) if local else ""


def format_date(day, fmt: str = "%-d %B %Y") -> str:
    return day.strftime(fmt) if day else ""


def plain_value(value) -> str:
    """A stored value in words for a person: Yes/No, dates as days, blank for nothing."""
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return format_date(value)
    return str(value)
