"""Benchmark coverage, set-based: the same answers as each pupil's own journey checklist
(journal/milestones/journey.py), and the same number of statements for 5 pupils as for 50."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from journal import calendar
from journal.extensions import db
from journal.guidance.models import GuidanceInterview
from journal.milestones.coverage import DONE, EMPLOYER, LATER, MEASURES, NOT_YET, coverage_for
from journal.milestones.journey import journey_for
from journal.passport.entries.models import Entry
from journal.reference import kinds
from journal.schools.models import Pupil

# (kind, category, benchmark) of the entries the sample draws from
ENTRY_KINDS = (
    (kinds.ENCOUNTER, "employer_talk", 5),
    (kinds.ENCOUNTER, "careers_fair", 5),
    (kinds.ENCOUNTER, "fe_college", 7),
    (kinds.ENCOUNTER, "university", 7),
    (kinds.WORKPLACE, "placement", None),
    (kinds.DIARY, None, None),
    (kinds.ACHIEVEMENT, "certificate", None),
)


def _entry(pupil: Pupil, kind, category, benchmark, day: date, state="submitted") -> None:
    db.session.add(
        Entry(
            pupil_id=pupil.id,
            kind=kind,
            client_id=str(uuid.uuid4()),
            state=state,
            occurred_on=day,
            category=category,
            benchmark=benchmark,
        )
    )


def _sample(make, rng: random.Random, school, count: int, on: date) -> list[Pupil]:
    """``count`` pupils across every year group, some whose record began late, each with a
    random handful of entries (drafts and future days among them) and interviews."""
    pupils = []
    for n in range(count):
        year_group = calendar.YEAR_GROUPS[n % len(calendar.YEAR_GROUPS)]
        began = date(calendar.school_year_of(on) - rng.randint(0, 7), rng.choice((9, 1, 4)), 1)
        pupil = make.pupil(school, year_group=year_group, record_began_on=began, with_account=False)
        for _ in range(rng.randint(0, 9)):
            kind, category, benchmark = rng.choice(ENTRY_KINDS)
            day = on - timedelta(days=rng.randint(-60, 7 * 365))
            state = "draft" if rng.random() < 0.15 else "submitted"
            _entry(pupil, kind, category, benchmark, day, state)
        for _ in range(rng.choice((0, 0, 1, 2))):
            held = on - timedelta(days=rng.randint(0, 4 * 365))
            db.session.add(GuidanceInterview(pupil_id=pupil.id, adviser_name="Jo", held_on=held))
        pupils.append(pupil)
    db.session.flush()
    return pupils


def _journey_statuses(pupil: Pupil, on: date) -> dict[str, str | None]:
    milestones = {m.key: m.status for m in journey_for(pupil, on=on).milestones}
    employer = f"employer-{calendar.school_year_of(on)}"
    return {key: milestones.get(employer if key == EMPLOYER else key) for key in MEASURES}


def _ids(school) -> select:
    school_id = school if isinstance(school, int) else school.id
    return select(Pupil.id).where(Pupil.school_id == school_id)


@pytest.mark.parametrize(
    ("school_type", "on"),
    [
        ("mainstream", date(2026, 11, 23)),
        ("mainstream", date(2026, 8, 31)),  # the last day of a school year
        ("mainstream", date(2026, 9, 1)),  # the first day of the next
        ("college", date(2027, 3, 15)),  # two employer encounters a year from Year 12
    ],
)
def test_the_same_answers_as_each_pupils_journey(make, school_type, on):
    school = make.school(school_type=school_type)
    pupils = _sample(make, random.Random(f"{school_type}{on}"), school, 60, on)
    coverage = coverage_for(_ids(school), school_type=school_type, on=on)
    found = {p.id: p.statuses for p in coverage.pupils}
    assert set(found) == {p.id for p in pupils}
    for pupil in pupils:
        assert found[pupil.id] == _journey_statuses(pupil, on), (pupil.year_group, pupil.id)
    seen = {s for statuses in found.values() for s in statuses.values()}
    assert {DONE, NOT_YET, LATER, None} <= seen  # the sample exercises every status


def test_counts_and_gap_lists(make):
    on = date(2026, 11, 23)
    school = make.school()
    year_11 = [make.pupil(school, year_group=11, first=f"P{n}", with_account=False) for n in "ab"]
    year_8 = make.pupil(school, year_group=8, first="Young", with_account=False)
    db.session.add(GuidanceInterview(pupil_id=year_11[0].id, adviser_name="Jo", held_on=on))
    _entry(year_11[1], kinds.ENCOUNTER, "employer_talk", 5, on)
    _entry(year_8, kinds.ENCOUNTER, "employer_talk", 5, on, state="draft")  # drafts never count
    db.session.flush()
    coverage = coverage_for(_ids(school), school_type="mainstream", on=on)
    counts = {c.measure.key: c for c in coverage.counts}
    assert (counts["guidance-16"].due, counts["guidance-16"].done) == (2, 1)
    assert counts["guidance-16"].percent == 50
    assert [p.id for p in coverage.gap("guidance-16")] == [year_11[1].id]
    assert (counts[EMPLOYER].due, counts[EMPLOYER].done) == (3, 1)
    assert {p.id for p in coverage.gap(EMPLOYER)} == {year_11[0].id, year_8.id}
    assert counts["guidance-18"].due == 0 and counts["guidance-18"].percent is None


def _statements(app, call) -> int:
    seen = []

    def count(*args):
        if not args[2].lstrip().upper().startswith("BEGIN"):
            seen.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def test_one_statement_whatever_the_number_of_pupils(app, make):
    on = date(2026, 11, 23)
    small, large = make.school("Small"), make.school("Large")
    _sample(make, random.Random(1), small, 5, on)
    _sample(make, random.Random(2), large, 50, on)
    small, large = small.id, large.id
    db.session.commit()

    def run(school):
        return lambda: coverage_for(_ids(school), school_type="mainstream", on=on)

    assert _statements(app, run(small)) == _statements(app, run(large)) == 1
