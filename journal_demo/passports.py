"""Generated demo passports: ``plan_passport`` for a pupil from Year 7 (or when their record
began) to today, and ``add_demo_entries`` for more saved entries (the benchmarks)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from journal.calendar import POST_19, today
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.reference import destinations, kinds
from journal.schools.models import Pupil

from .planned import (
    Passport,
    PlannedEntry,
    PlannedRating,
    client_id,
    kept,
    moment,
    school_day,
)
from .story import Story
from .words import DESTINATION_TIMES, PROFILE, SECTORS, SKILL_NOTES, UNIVERSITIES, Sector
from .writing import BATCH, write_passports


def plan_passport(pupil: Pupil, *, seed: int = 2026, on: date | None = None) -> Passport:
    """A realistic passport for ``pupil`` from Year 7 (or when their record began) to ``on``
    (today): entries of every kind that fits each year, a few left as drafts, skill ratings
    that grow and cite entries, aspirations, intended destinations and, with SEND, a
    vocational profile. The same seed, pupil and day always give the same passport."""
    on = on or today()
    story = Story(pupil, random.Random(f"{seed}:{pupil.upn}"), on)
    for year_group in range(7, min(pupil.year_group, POST_19) + 1):
        story.year(year_group)
    passport = Passport(entries=kept(story.entries, pupil.record_began_on, on))
    _finish(passport, story)
    return passport


def _finish(passport: Passport, story: Story) -> None:
    """Ids and times for each entry, drafts, then the histories that refer to entries."""
    rng = story.rng
    for entry in passport.entries:
        entry.client_id = client_id(rng)
        entry.written_at = moment(entry.day, rng)
        entry.shared = rng.random() > 0.1
    _drafts(passport, rng)
    passport.ratings = _ratings(passport, story)
    passport.aspirations = _aspirations(story)
    passport.destinations = _destinations(story)
    passport.profiles = _profiles(story)


def _drafts(passport: Passport, rng: random.Random) -> None:
    """One to three of the pupil's latest entries left unfinished, as drafts."""
    parents = {id(e.parent) for e in passport.entries if e.parent}
    recent = [e for e in passport.entries[-10:] if id(e) not in parents]
    if len(passport.entries) < 4 or not recent:
        return
    for entry in rng.sample(recent, min(len(recent), rng.randint(1, 3))):
        entry.state = "draft"
        entry.content |= {k: "" for k in ("what_i_learned", "what_next") if k in entry.content}


def _ratings(passport: Passport, story: Story) -> list[PlannedRating]:
    """Two to four ratings over time for some skills, rising, each citing one or two entries."""
    rng = story.rng
    saved = [e for e in passport.entries if e.state == "submitted"]
    if len(saved) < 4:
        return []
    ratings = []
    for skill in rng.sample(list(SKILL_NOTES), rng.randint(2, 5)):
        anchors = sorted(rng.sample(range(len(saved)), min(len(saved) // 2, rng.randint(2, 4))))
        step, at = rng.randint(1, 5), None
        for index in anchors:
            cited = saved[index]
            evidence = [cited]
            if index and rng.random() < 0.4:
                evidence.insert(0, saved[rng.randrange(index)])
            day = min(story.on, cited.day + timedelta(days=rng.randint(0, 14)))
            at = max(moment(day, rng), at) if at else moment(day, rng)  # never before the last
            note = SKILL_NOTES[skill].format(place=cited.place) if story.style else ""
            ratings.append(PlannedRating(skill, step, note, at, evidence))
            step = min(15, step + rng.randint(1, 3))
    return sorted(ratings, key=lambda r: r.at)


def _dated(story: Story, year_group: int, month: int) -> date | None:
    """A day in ``month`` of the year the pupil was in ``year_group``, if already past."""
    if year_group > story.year_group:
        return None
    day = story.day_in(year_group, (month,))
    return day if story.began <= day <= story.on else None


def _aspirations(story: Story) -> list[tuple[datetime, str, str]]:
    """One to three, firming up over the years; some pupils start somewhere else."""
    rng = story.rng
    hopes = list(SECTORS[story.theme].hopes)
    if rng.random() < 0.3:
        hopes[0] = rng.choice(list(SECTORS.values())).hopes[0]
    planned = []
    for (what, why), year_group, month in zip(hopes, (7, 9, 11), (11, 2, 10), strict=True):
        day = _dated(story, year_group, month)
        if day is not None:
            planned.append((moment(day, rng), what, why if story.style else ""))
    return planned


def _intentions(sector: Sector, ehcp: bool, university: str) -> dict[str, list[tuple[str, str]]]:
    """What a pupil drawn to ``sector`` might plan at each stage: (intention code, detail)."""
    if ehcp:
        return {
            "16": [("280", "Aireview Specialist College"), ("230", f"Foundation {sector.course}")],
            "18": [("460", "Project SEARCH at Riverside Hospital"), ("230", sector.course)],
            "25": [("330", f"A paid job in {sector.name.lower()}"), ("360", "Part-time work")],
        }
    return {
        "16": [
            ("210", f"A levels in {sector.a_levels} at Eastfield Sixth Form"),
            ("230", f"{sector.course} at City College"),
            ("310", sector.apprenticeship.capitalize()),
        ],
        "18": [
            ("240", f"{sector.degree} at {university}"),
            ("310", sector.apprenticeship.capitalize()),
            ("320", f"A job with training in {sector.name.lower()}"),
        ],
    }


def _destinations(story: Story) -> list[tuple[datetime, str, str, str]]:
    """At 16 from Year 9, at 18 from Year 11 and, with an EHCP, up to 25 from Year 10; the
    first is sometimes "I don't know yet"."""
    rng = story.rng
    plans = _intentions(SECTORS[story.theme], story.send == "E", rng.choice(UNIVERSITIES))
    planned = []
    for stage, choices in plans.items():
        for number, (year_group, month) in enumerate(DESTINATION_TIMES[stage]):
            day = _dated(story, year_group, month)
            if day is None:
                continue
            code, detail = (
                (destinations.UNDECIDED, "")
                if number == 0 and rng.random() < 0.3
                else rng.choice(choices)
            )
            if not planned or planned[-1][1:] != (stage, code, detail):  # a change, or nothing
                planned.append((moment(day, rng), stage, code, detail))
    return planned


def _profiles(story: Story) -> list[tuple[datetime, dict]]:
    """ "All about me" for a pupil with SEND: written in Year 8 (or their first year), and
    sometimes added to in Year 11."""
    if story.send == "N":
        return []
    rng = story.rng
    planned: list[tuple[datetime, dict]] = []
    for year_group, month in ((min(story.year_group, 8), 10), (11, 5)):
        day = _dated(story, year_group, month)
        if day is None or (planned and rng.random() < 0.5):
            continue
        content = dict(planned[-1][1]) if planned else dict.fromkeys(PROFILE, "")
        for name in rng.sample(list(PROFILE), 3 if planned else len(PROFILE)):
            more = [c for c in PROFILE[name] if c not in content[name]]
            content[name] = f"{content[name]} {rng.choice(more)}".strip()
        planned.append((moment(day, rng), content))
    return planned


def add_demo_entries(pupil: Pupil, count: int, *, seed: int = 2026) -> int:
    """Give ``pupil`` ``count`` entries in all, adding generated, saved ones spread over their
    school years (for benchmarks). Returns how many were added."""
    return top_up_passports([pupil], count, seed=seed)


def top_up_passports(pupils: Sequence[Pupil], count: int, *, seed: int = 2026) -> int:
    """Give each of ``pupils`` ``count`` entries in all (``add_demo_entries`` for many pupils,
    a batch at a time through the bulk writer). Returns how many were added."""
    have = _entry_counts(pupils)
    on, added = today(), 0
    for start in range(0, len(pupils), BATCH):
        batch = [
            (p, Passport(entries=more_entries(p, count - have.get(p.id, 0), seed=seed, on=on)))
            for p in pupils[start : start + BATCH]
        ]
        added += write_passports([(p, passport) for p, passport in batch if passport.entries])
    return added


def _entry_counts(pupils: Sequence[Pupil]) -> dict[int, int]:
    """Entries per pupil: of these pupils, or of everyone when they are many."""
    query = select(Entry.pupil_id, func.count(Entry.id)).group_by(Entry.pupil_id)
    if len(pupils) <= 1000:
        query = query.where(Entry.pupil_id.in_([p.id for p in pupils]))
    return dict(db.session.execute(query).all())


def more_entries(pupil: Pupil, wanted: int, *, seed: int, on: date) -> list[PlannedEntry]:
    """``wanted`` more generated, saved entries for ``pupil``, spread over their school years
    (planned, not written; none if ``wanted`` is not positive). A record too short to hold
    them all (a Year 7 in the autumn term) gets encounters and achievements moved into it."""
    if wanted <= 0:
        return []
    story = Story(pupil, random.Random(f"{seed}:{pupil.upn}:more"), on)
    entries: list[PlannedEntry] = []
    for _ in range(wanted):  # each round adds a few years' worth
        for year_group in range(7, min(pupil.year_group, POST_19) + 1):
            story.year(year_group)
        entries = kept(story.entries, pupil.record_began_on, on)
        if len(entries) >= wanted or len(story.entries) >= 2 * wanted:
            break
    if len(entries) < wanted:
        entries = kept(entries + _moved_in(story, entries, wanted - len(entries)), story.began, on)
    for entry in entries[:wanted]:
        entry.client_id = client_id(story.rng)
        entry.written_at = moment(entry.day, story.rng)
    return entries[:wanted]


def _moved_in(story: Story, inside: list[PlannedEntry], count: int) -> list[PlannedEntry]:
    """Up to ``count`` of the story's entries dated outside the record, each standing alone (no
    placement, no diary days), moved to a school day inside it."""
    if story.began > story.on:
        return []
    taken = {id(e) for e in inside} | {id(e.parent) for e in story.entries if e.parent}
    alone = (kinds.WORKPLACE, kinds.DIARY)
    outside = [e for e in story.entries if id(e) not in taken and e.kind not in alone]
    span = (story.on - story.began).days
    for entry in outside[:count]:
        day = story.began + timedelta(days=story.rng.randint(0, span))
        entry.content["occurred_on"] = min(school_day(day), story.on).isoformat()
    return outside[:count]
