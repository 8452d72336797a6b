"""The demo pupil Maya Patel's hand-written passport (``data/maya.toml``): about 30 entries
from Year 7 to now, two drafts from the last few days, skill ratings citing her entries,
aspirations, intended destinations and her "all about me"."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from journal.calendar import school_year_of, today
from journal.reference import kinds
from journal.schools.models import Pupil

from .common import data
from .planned import (
    Passport,
    PlannedEntry,
    PlannedRating,
    client_id,
    content_of,
    kept,
    moment,
    school_day,
)

_MAYA = data("maya")
# (year group, month, day, kind, content), in the order she wrote them.
MAYA_ENTRIES = tuple((*e["written"], e["kind"], e["content"]) for e in _MAYA["entry"])
# Still being written a few days ago: (days before today, kind, content).
MAYA_DRAFTS = tuple((d["days_ago"], d["kind"], d["content"]) for d in _MAYA["draft"])
MAYA_PRIVATE = tuple(_MAYA["private"])  # kept from her family: she talks about her dyslexia there
# (skill, step, note, the entries cited, by their place in MAYA_ENTRIES)
MAYA_RATINGS = tuple((r["skill"], r["step"], r["note"], tuple(r["cites"])) for r in _MAYA["rating"])
MAYA_ASPIRATIONS = tuple((tuple(a["written"]), a["what"], a["why"]) for a in _MAYA["aspiration"])
MAYA_DESTINATIONS = tuple(
    (tuple(d["written"]), d["stage"], d["code"], d["detail"]) for d in _MAYA["destination"]
)
MAYA_PROFILE: dict[str, str] = _MAYA["profile"]
MAYA_PROFILE_WRITTEN = tuple(_MAYA["profile_written"])


def maya_passport(pupil: Pupil, *, seed: int = 2026, on: date | None = None) -> Passport:
    """The demo pupil's hand-written passport: about 30 entries from Year 7 to now (two of them
    drafts from the last few days), skills, aspirations, intended destinations and her
    "all about me". Anything dated after ``on`` (today) is left out."""
    on = on or today()
    rng = random.Random(f"{seed}:maya")

    def when(year_group: int, month: int, day: int) -> date:
        start = school_year_of(on) - (pupil.year_group - year_group)
        return school_day(date(start + (month < 9), month, day))

    planned = _maya_entries(when, on)
    passport = Passport(entries=kept(planned, pupil.record_began_on, on))
    for entry in passport.entries:
        entry.client_id = client_id(rng)
        entry.written_at = moment(entry.day, rng)
    for skill, step, note, cited in MAYA_RATINGS:
        evidence = [planned[n] for n in cited]
        if all(e in passport.entries for e in evidence):
            day = min(on, max(e.day for e in evidence) + timedelta(days=1))
            passport.ratings.append(PlannedRating(skill, step, note, moment(day, rng), evidence))
    histories = (
        (passport.aspirations, MAYA_ASPIRATIONS),
        (passport.destinations, MAYA_DESTINATIONS),
        (passport.profiles, ((MAYA_PROFILE_WRITTEN, MAYA_PROFILE),)),
    )
    for history, rows in histories:
        for written, *row in rows:
            if pupil.record_began_on <= (day := when(*written)) <= on:
                history.append((moment(day, rng), *row))
    return passport


def _maya_entries(when: Callable[[int, int, int], date], on: date) -> list[PlannedEntry]:
    """Maya's entries in the order written; a diary day belongs to the placement before it."""
    planned: list[PlannedEntry] = []
    placement = None
    for number, (year_group, month, day, kind, values) in enumerate(MAYA_ENTRIES):
        values = dict(values)
        if "ends_on" in values:
            values["ends_on"] = when(*values["ends_on"])
        entry = PlannedEntry(kind, content_of(kind, when(year_group, month, day), **values))
        entry.parent = placement if kind == kinds.DIARY else None
        entry.shared = number not in MAYA_PRIVATE
        placement = entry if kind == kinds.WORKPLACE else placement
        planned.append(entry)
    for days_ago, kind, values in MAYA_DRAFTS:
        day = on - timedelta(days=days_ago)
        day -= timedelta(days=max(0, day.weekday() - 4))  # a weekend day: the Friday before
        planned.append(PlannedEntry(kind, content_of(kind, day, **values), state="draft"))
    return planned


# --- writing ---------------------------------------------------------------------------------
