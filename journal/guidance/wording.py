"""How guidance dates are said in words (overdue must never be shown by colour alone)."""

from __future__ import annotations

from datetime import date

from journal.calendar import today


def day_words(day: date, on: date | None = None) -> str:
    """ "3 November", with the year when it is not this year: "3 November 2025"."""
    on = on or today()
    words = f"{day.day} {day:%B}"
    return words if day.year == on.year else f"{words} {day.year}"


def is_overdue(action, on: date | None = None) -> bool:
    return action.status == "open" and action.due_on is not None and action.due_on < (on or today())


def overdue_words(action, on: date | None = None) -> str:
    """ "Overdue since 3 November" for an open action past its due date, else ""."""
    if not is_overdue(action, on):
        return ""
    return f"Overdue since {day_words(action.due_on, on)}"
