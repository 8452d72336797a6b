"""A demo passport planned in memory, before ``journal_demo.writing`` stores it: its entries,
skill ratings and histories, and the small date helpers the planners share."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from journal.calendar import LONDON, utcnow
from journal.reference import kinds


@dataclass(eq=False)
class PlannedEntry:
    """An entry to write: its kind, its first revision's content, and how it was left."""

    kind: str
    content: dict
    state: str = "submitted"
    shared: bool = True  # with family, if the school shares by default
    parent: PlannedEntry | None = None  # a diary day's workplace experience
    client_id: str = ""
    written_at: datetime | None = None
    id: int | None = None  # once written

    @property
    def day(self) -> date:
        return date.fromisoformat(self.content["occurred_on"])

    @property
    def place(self) -> str:
        """Where it happened, in a few words (for a skill rating's note)."""
        content = self.parent.content if self.parent else self.content
        return content.get("organisation") or content.get("employer") or content.get("title")


@dataclass
class PlannedRating:
    skill: str
    step: int
    note: str
    at: datetime
    evidence: list[PlannedEntry]


@dataclass
class Passport:
    """One pupil's passport, planned without the database; ``write_passports`` stores it."""

    entries: list[PlannedEntry] = field(default_factory=list)
    ratings: list[PlannedRating] = field(default_factory=list)
    aspirations: list[tuple[datetime, str, str]] = field(default_factory=list)  # what, why
    # stage, intention code (journal.destinations.INTENTIONS), detail
    destinations: list[tuple[datetime, str, str, str]] = field(default_factory=list)
    profiles: list[tuple[datetime, dict]] = field(default_factory=list)


def content_of(kind: str, day: date, **values) -> dict:
    """A first revision's content as the entry form saves it: every field of the kind
    (text "" when left empty, no feeling or hours as None), dates as ISO strings."""
    content = {}
    for name in kinds.FIELDS[kind]:
        value = values.get(name)
        if name in ("feeling", "hours", "ends_on"):
            content[name] = value.isoformat() if isinstance(value, date) else value
        else:
            content[name] = value or ""
    content["occurred_on"] = day.isoformat()
    content["attachments"] = []
    return content


def client_id(rng: random.Random) -> str:
    """A version-4 UUID drawn from ``rng`` (so the same seed gives the same ids)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def school_day(day: date) -> date:
    """The nearest weekday: a Saturday moves back to Friday, a Sunday on to Monday."""
    return day + timedelta(days={5: -1, 6: 1}.get(day.weekday(), 0))


def moment(day: date, rng: random.Random) -> datetime:
    """An afternoon or evening on ``day``, in UTC (never later than now)."""
    local = datetime.combine(day, time(rng.randint(15, 20), rng.randint(0, 59)), LONDON)
    return min(local.astimezone(UTC), utcnow())


def kept(entries: list[PlannedEntry], began: date, on: date) -> list[PlannedEntry]:
    """Entries dated within the record, in date order; a diary day goes with its placement."""
    inside = {
        id(e)
        for e in entries
        if began <= e.day <= on and (e.parent is None or began <= e.parent.day)
    }
    return sorted((e for e in entries if id(e) in inside), key=lambda e: e.day)
