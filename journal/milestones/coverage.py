"""Benchmark coverage for a whole group of pupils, set-based in SQL.

The same milestones, with the same definitions, as the pupil's own checklist
(``journal.milestones.journey``), which works one pupil at a time in Python:

- this school year's employer encounter (benchmark 5; a workplace experience or a diary day
  counts; a college's pupils in Year 12 and up need two);
- a workplace experience by 16 (any time up to the end of Year 11) and by 18 (in Years 12–13);
- a provider encounter in Years 8–9, in Years 10–11 and in Years 12–13 (benchmark 7);
- a guidance interview by 16 and by 18 (in Years 12–13), recorded by the school.

Only saved entries count (not drafts), dated on or before today. A milestone is due from the
first year group it names, "later" before that, and left out altogether when its window
closed before the pupil's record began. Post-19 learners only have the yearly employer
encounter. (The journey's "two university visits" milestone, for pupils planning higher
education, is not a coverage measure here.)

The windows depend only on a pupil's year group: an entry counts when the year group the
pupil was in on its day (worked out in SQL from the school years since) falls in the
measure's years. One statement counts every pupil's entries and interviews, whatever the
size of the group. ``tests/cohort/test_coverage.py`` checks the answers against ``journey_for``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sqlalchemy import Select, and_, case, false, func, or_, select

from journal import calendar
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.reference import kinds
from journal.reference.gatsby import EMPLOYER_ENCOUNTERS_A_YEAR
from journal.schools.models import Pupil, TutorGroup

EMPLOYER = "employer"
DONE, NOT_YET, LATER = "done", "not_yet", "later"
# Year groups that map back to school years (Post-19 learners do not).
MAPPED_YEARS = tuple(y for y in calendar.YEAR_GROUPS if y != calendar.POST_19)


@dataclass(frozen=True)
class Measure:
    key: str
    label: str  # as a heading: what should have happened
    missing: str  # for a gap list: what these pupils have not had
    benchmark: int
    years: tuple[int | None, int] | None = None  # (first, last) year group; None: this year
    due_from: int | None = None
    interview: bool = False


MEASURES = {
    m.key: m
    for m in (
        Measure(
            EMPLOYER,
            "An employer encounter this school year",
            "no employer encounter this school year",
            5,
        ),
        Measure(
            "workplace-16",
            "Workplace experience by 16",
            "no workplace experience by the end of Year 11",
            6, (None, 11), 10,
        ),
        Measure(
            "workplace-18",
            "Workplace experience by 18 (Years 12–13)",
            "no workplace experience in Years 12–13",
            6, (12, 13), 12,
        ),
        Measure(
            "providers-8-9",
            "A provider encounter in Years 8–9",
            "no encounter with a college, sixth form, training provider or university "
            "in Years 8–9",
            7, (8, 9), 8,
        ),
        Measure(
            "providers-10-11",
            "A provider encounter in Years 10–11",
            "no encounter with a college, sixth form, training provider or university "
            "in Years 10–11",
            7, (10, 11), 10,
        ),
        Measure(
            "providers-12-13",
            "A provider encounter in Years 12–13",
            "no encounter with a college, sixth form, training provider or university "
            "in Years 12–13",
            7, (12, 13), 12,
        ),
        Measure(
            "guidance-16",
            "A guidance interview by 16",
            "no careers guidance interview by the end of Year 11",
            8, (None, 11), 10, interview=True,
        ),
        Measure(
            "guidance-18",
            "A guidance interview by 18 (Years 12–13)",
            "no careers guidance interview in Years 12–13",
            8, (12, 13), 12, interview=True,
        ),
    )
}  # fmt: skip


@dataclass
class PupilCoverage:
    """One pupil's row: who they are and each measure's status (None: not counted)."""

    id: int
    upn: str
    first_name: str
    last_name: str
    year_group: int
    tutor_group: str | None
    sen_status: str
    statuses: dict[str, str | None] = field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def sort_key(self) -> tuple:
        return (self.year_group, self.tutor_group or "", self.last_name, self.first_name, self.id)


@dataclass(frozen=True)
class MeasureCount:
    measure: Measure
    due: int
    done: int

    @property
    def missing(self) -> int:
        return self.due - self.done

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.due) if self.due else None


@dataclass
class Coverage:
    on: date
    pupils: list[PupilCoverage]

    @property
    def counts(self) -> list[MeasureCount]:
        return [
            MeasureCount(
                m,
                due=sum(p.statuses[m.key] in (DONE, NOT_YET) for p in self.pupils),
                done=sum(p.statuses[m.key] == DONE for p in self.pupils),
            )
            for m in MEASURES.values()
        ]

    def gap(self, key: str) -> list[PupilCoverage]:
        """The pupils for whom ``key`` is due and not done, by year, group and name."""
        return sorted(
            (p for p in self.pupils if p.statuses[key] == NOT_YET), key=lambda p: p.sort_key
        )


# --- windows ----------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _window(measure: Measure, year_group: int, on: date) -> tuple[date | None, date]:
    """As ``journey._window``: from the first day of the first year group (or any time) to
    the last day of the last, for a pupil now in ``year_group``."""
    first, last = measure.years
    end = calendar.end_of_year_group(last, year_group, on)
    if first is None:
        return None, end
    start_year = calendar.school_year_of(calendar.end_of_year_group(first, year_group, on))
    return calendar.school_year_bounds(start_year)[0], end


def _counts(measure: Measure, kind, benchmark):
    """What counts towards ``measure`` among entries (not for interviews), on columns
    ``kind`` and ``benchmark``."""
    if measure.benchmark == 5:
        return or_(and_(kind == kinds.ENCOUNTER, benchmark == 5), kind.in_(EMPLOYER_KINDS))
    if measure.benchmark == 6:
        return kind == kinds.WORKPLACE
    return and_(kind == kinds.ENCOUNTER, benchmark == 7)


EMPLOYER_KINDS = (kinds.WORKPLACE, kinds.DIARY)
LONG_AGO = 100  # "years ago" for an entry older than any window that starts somewhere


def _in_window(measure: Measure, day_column, on: date):
    """A condition on ``Pupil.year_group`` and ``day_column``: the day falls in the measure's
    window for the pupil's year group (for interviews, which may be dated ahead)."""
    if measure.years is None:
        start, end = calendar.school_year_bounds(calendar.school_year_of(on))
        return day_column.between(start, end)
    options = []
    for year_group in MAPPED_YEARS:
        start, end = _window(measure, year_group, on)
        within = day_column <= end if start is None else day_column.between(start, end)
        options.append(and_(Pupil.year_group == year_group, within))
    return or_(*options) if options else false()


def _years_ago(day_column, on: date):
    """How many school years before this one ``day_column`` falls (0: this school year), up
    to the furthest a window can reach back; ``LONG_AGO`` beyond."""
    this_year = calendar.school_year_of(on)
    furthest = max(MAPPED_YEARS) - min(m.years[0] or 99 for m in MEASURES.values() if m.years)
    return case(
        *[
            (day_column >= calendar.school_year_bounds(this_year - n)[0], n)
            for n in range(furthest + 1)
        ],
        else_=LONG_AGO,
    )


def _entry_count(measure: Measure, on: date):
    """How many of the pupil's saved entries (joined to each pupil row) count towards
    ``measure``: the year group the pupil was in on the entry's day is their year group now
    less the school years since, and it must fall in the measure's years."""
    ago = _years_ago(Entry.occurred_on, on)
    if measure.years is None:
        when = ago == 0
    elif measure.years[0] is None:
        when = Pupil.year_group - ago <= measure.years[1]
    else:
        when = (Pupil.year_group - ago).between(*measure.years)
    counts = _counts(measure, Entry.kind, Entry.benchmark)
    return func.sum(case((and_(counts, when), 1), else_=0))


def _interview_count(measure: Measure, on: date):
    """How many guidance interviews of the pupil fall in the measure's window (interviews
    may be dated ahead, so the window is given as dates for each year group)."""
    from journal.guidance.models import GuidanceInterview

    return (
        select(func.count(GuidanceInterview.id))
        .where(
            GuidanceInterview.pupil_id == Pupil.id,
            _in_window(measure, GuidanceInterview.held_on, on),
        )
        .correlate(Pupil)
        .scalar_subquery()
    )


# --- the whole group ---------------------------------------------------------------------------


def coverage_for(pupil_ids: Select, *, school_type: str, on: date | None = None) -> Coverage:
    """Every pupil in ``pupil_ids`` (a SELECT of ``Pupil.id``, already scoped and filtered)
    with the status of each measure. One statement, whatever the number of pupils: each
    pupil joined to their saved entries and grouped, the interviews counted by a small
    subquery on the pupil's own rows. (No aggregate subquery joined to the pupils: with
    stale statistics PostgreSQL may run such a subquery again for every pupil.)"""
    on = on or calendar.today()
    keys = list(MEASURES)
    counts = [
        _interview_count(MEASURES[k], on)
        if MEASURES[k].interview
        else _entry_count(MEASURES[k], on)
        for k in keys
    ]
    saved = and_(
        Entry.pupil_id == Pupil.id,
        Entry.state != "draft",
        Entry.kind.in_((kinds.ENCOUNTER, kinds.WORKPLACE, kinds.DIARY)),
        Entry.occurred_on <= on,
    )
    query = (
        select(
            Pupil.id,
            Pupil.upn,
            func.coalesce(Pupil.preferred_first_name, Pupil.legal_first_name),
            func.coalesce(Pupil.preferred_last_name, Pupil.legal_last_name),
            Pupil.year_group,
            TutorGroup.name,
            Pupil.sen_status,
            Pupil.record_began_on,
            *counts,
        )
        .select_from(Pupil)
        .outerjoin(TutorGroup, TutorGroup.id == Pupil.tutor_group_id)
        .outerjoin(Entry, saved)
        .where(Pupil.id.in_(pupil_ids))
        .group_by(Pupil.id, TutorGroup.name)
    )
    pupils = []
    measures = [MEASURES[k] for k in keys]
    decided: dict[tuple, str | None] = {}  # pupils share their inputs: decide each once
    for row in db.session.execute(query):
        pupil = PupilCoverage(*row[:7])
        began, statuses = row[7], {}
        for key, measure, found in zip(keys, measures, row[8:], strict=True):
            inputs = (key, pupil.year_group, began, int(found or 0))
            if inputs not in decided:
                decided[inputs] = status(measure, inputs[1], began, inputs[3], school_type, on)
            statuses[key] = decided[inputs]
        pupil.statuses = statuses
        pupils.append(pupil)
    pupils.sort(key=lambda p: p.sort_key)
    return Coverage(on, pupils)


def status(
    measure: Measure, year_group: int, began: date, found: int, school_type: str, on: date
) -> str | None:
    """A measure's status for one pupil, as the journey decides it: ``DONE``, ``NOT_YET``,
    ``LATER``, or None when the journey leaves it out."""
    if measure.years is None:
        if calendar.school_year_of(began) > calendar.school_year_of(on):
            return None
        needed = 1
        if year_group >= 12:
            needed = EMPLOYER_ENCOUNTERS_A_YEAR.get(school_type, 1)
        return DONE if found >= needed else NOT_YET
    if year_group == calendar.POST_19:
        return None
    _start, end = _window(measure, year_group, on)
    if end < began:
        return None
    if found >= 1:
        return DONE
    return NOT_YET if year_group >= measure.due_from else LATER
