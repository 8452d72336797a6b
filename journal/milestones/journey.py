""" "My careers journey": what the Gatsby Benchmarks expect of a pupil by now, ticked off from
the pupil's own saved entries (drafts do not count).

- Benchmark 5: an encounter with employers every school year from Year 7 (a workplace
  experience, or a diary day of one, counts: it means meeting employers). Colleges are
  expected to offer two a year, so a college's pupils need two in Years 12 and up.
- Benchmark 6: a workplace experience by 16 (the end of Year 11) and another by 18, dated in
  Years 12–13.
- Benchmark 7: a provider encounter in Years 8–9, in Years 10–11 and in Years 12–13 (the
  provider access legislation); two university encounters by 18 for a pupil whose latest
  intended destination at 18 is higher education.
- Benchmark 8: a guidance interview by 16 and by 18. The school records these, not the pupil;
  see ``guidance_interview_dates``.

Every milestone says whether it is done and whether it is due yet. A milestone is due once the
pupil reaches its first year group ("by 16" things from Year 10, "by 18" things from Year 12);
before that it shows as "Later", never as missed. Milestones whose window closed before the
pupil's record began are left out: we cannot know what happened before the passport existed.
Nothing on ``School`` says whether it teaches post-16, so every pupil sees the "By 18"
milestones, shown as "Later" until Year 12.

Year 14 (special schools keep pupils on "above Year 13") is a school year like any other.
Post-19 learners (``calendar.POST_19``) are in that year group for up to six years, so their
school years cannot be mapped back to year groups: they get the yearly employer encounter for
each school year since their record began, and no "by 16" or "by 18" milestones, which are
long past.

Three queries whatever the number of entries: the pupil's saved entries as small rows
``(id, kind, benchmark, category, occurred_on)``, and their latest intended destination at 18.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from journal import calendar
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.plans.models import IntendedDestination
from journal.reference import kinds
from journal.reference.destinations import HIGHER_EDUCATION
from journal.reference.gatsby import EMPLOYER_ENCOUNTERS_A_YEAR, UNIVERSITY_VISITS
from journal.schools.models import Pupil

THIS_YEAR, BY_16, BY_18 = "year", "16", "18"
GROUPS = {
    THIS_YEAR: "This year and before",
    BY_16: "By 16: by the end of Year 11",
    BY_18: "By 18: by the end of Year 13",
}
STATUSES = {"done": "Done", "not_yet": "Not yet", "later": "Later"}


@dataclass(frozen=True)
class Row:
    """A saved entry, as much of it as the journey needs."""

    id: int
    kind: str
    benchmark: int | None
    category: str | None
    occurred_on: date


@dataclass(frozen=True)
class Milestone:
    key: str
    group: str
    label: str
    done: bool
    due: bool
    count: int = 0
    needed: int = 1
    latest_id: int | None = None
    latest_on: date | None = None
    recorded_by_school: bool = False
    due_from: int | None = None  # the year group it is due from

    @property
    def status(self) -> str:
        """ "done", "not_yet" (due and not done) or "later" (not due yet)."""
        if self.done:
            return "done"
        return "not_yet" if self.due else "later"

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]

    @property
    def when_due(self) -> str:
        """When it comes, in words (for a milestone that is not due yet)."""
        return (
            f"This starts in {calendar.year_group_label(self.due_from)}." if self.due_from else ""
        )


@dataclass(frozen=True)
class Journey:
    on: date
    milestones: list[Milestone]

    def group(self, key: str) -> list[Milestone]:
        return [m for m in self.milestones if m.group == key]

    @property
    def groups(self) -> list[tuple[str, str, list[Milestone]]]:
        """``(key, heading, milestones)`` for each group that has any, in order."""
        found = [(key, heading, self.group(key)) for key, heading in GROUPS.items()]
        return [g for g in found if g[2]]

    @property
    def so_far(self) -> list[Milestone]:
        """The milestones due by now, and any done early."""
        return [m for m in self.milestones if m.status != "later"]

    @property
    def done_count(self) -> int:
        return sum(m.done for m in self.so_far)

    @property
    def summary(self) -> str:
        total = len(self.so_far)
        if not total:
            return "Nothing is due yet."
        things = "thing" if total == 1 else "things"
        return f"You have done {self.done_count} of {total} {things} for this year and before."


def guidance_interview_dates(pupil: Pupil) -> list[date]:
    """The days this pupil had a personal guidance interview (benchmark 8), in one query.

    Staff-only interviews count too: the record is private, but the interview happened.
    """
    from journal.guidance.models import GuidanceInterview

    query = select(GuidanceInterview.held_on).where(GuidanceInterview.pupil_id == pupil.id)
    return list(db.session.scalars(query.order_by(GuidanceInterview.held_on)))


def journey_for(pupil: Pupil, *, on: date | None = None) -> Journey:
    """What the benchmarks expect of ``pupil`` by ``on`` (today), ticked off from their saved
    entries. Three queries, whatever the number of entries."""
    on = on or calendar.today()
    rows = _saved_rows(pupil, on)
    milestones = _employer_encounters(pupil, rows, on)
    if pupil.year_group != calendar.POST_19:
        higher_education = _intends_higher_education(pupil)
        milestones += _by_16_and_18(pupil, rows, on, higher_education)
    return Journey(on, milestones)


def _saved_rows(pupil: Pupil, on: date) -> list[Row]:
    query = select(Entry.id, Entry.kind, Entry.benchmark, Entry.category, Entry.occurred_on).where(
        Entry.pupil_id == pupil.id,
        Entry.state != "draft",
        Entry.kind.in_((kinds.ENCOUNTER, kinds.WORKPLACE, kinds.DIARY)),
        Entry.occurred_on <= on,
    )
    return [Row(*row) for row in db.session.execute(query)]


def _intends_higher_education(pupil: Pupil) -> bool:
    latest = db.session.scalar(
        select(IntendedDestination.category)
        .where(IntendedDestination.pupil_id == pupil.id, IntendedDestination.stage == "18")
        .order_by(IntendedDestination.id.desc())
        .limit(1)
    )
    return latest == HIGHER_EDUCATION


# --- what counts ------------------------------------------------------------------------------


def _meets_employers(row: Row) -> bool:
    if row.kind == kinds.ENCOUNTER:
        return row.benchmark == 5
    return row.kind in (kinds.WORKPLACE, kinds.DIARY)


def _is_workplace(row: Row) -> bool:
    return row.kind == kinds.WORKPLACE


def _meets_providers(row: Row) -> bool:
    return row.kind == kinds.ENCOUNTER and row.benchmark == 7


def _meets_university(row: Row) -> bool:
    return row.kind == kinds.ENCOUNTER and row.category == "university"


@dataclass(frozen=True)
class Rule:
    """A "by 16" or "by 18" milestone: what counts, dated from the start of the first year
    group in ``years`` (None: any time) to the end of the second; due from Year ``due_from``.
    ``counts`` None means the school records it (guidance interviews)."""

    key: str
    group: str
    label: str
    counts: Callable[[Row], bool] | None
    years: tuple[int | None, int]
    due_from: int
    needed: int = 1


PROVIDERS = "a college, sixth form, training provider or university"
RULES = (
    Rule("workplace-16", BY_16, "Do some work experience", _is_workplace, (None, 11), 10),
    Rule("providers-8-9", BY_16, f"Meet {PROVIDERS} in Year 8 or 9", _meets_providers, (8, 9), 8),
    Rule(
        "providers-10-11", BY_16, f"Meet {PROVIDERS} in Year 10 or 11", _meets_providers,
        (10, 11), 10,
    ),
    Rule("guidance-16", BY_16, "Have a careers guidance interview", None, (None, 11), 10),
    Rule(
        "workplace-18", BY_18, "Do more work experience in Year 12 or 13", _is_workplace,
        (12, 13), 12,
    ),
    Rule(
        "providers-12-13", BY_18, f"Meet {PROVIDERS} in Year 12 or 13", _meets_providers,
        (12, 13), 12,
    ),
    Rule(
        "guidance-18", BY_18, "Have another careers guidance interview in Year 12 or 13", None,
        (12, 13), 12,
    ),
)  # fmt: skip
UNIVERSITY_RULE = Rule(
    "university-18", BY_18, f"Go on {UNIVERSITY_VISITS} university visits", _meets_university,
    (None, 13), 12, needed=UNIVERSITY_VISITS,
)  # fmt: skip


# --- the milestones ---------------------------------------------------------------------------


def _employer_encounters(pupil: Pupil, rows: list[Row], on: date) -> list[Milestone]:
    """One milestone a school year, this year first, back to Year 7 or the record's start."""
    current = calendar.school_year_of(on)
    first = calendar.school_year_of(pupil.record_began_on)
    if pupil.year_group != calendar.POST_19:
        first = max(first, _school_year_when(pupil, calendar.YEAR_GROUPS[0], on))
    milestones = []
    for school_year in range(current, first - 1, -1):
        year_group = pupil.year_group
        if year_group != calendar.POST_19:
            year_group -= current - school_year
        needed = _employer_encounters_needed(pupil, year_group)
        found = _found(rows, _meets_employers, calendar.school_year_bounds(school_year))
        label = _employer_label(pupil, year_group, school_year, current, needed)
        milestones.append(
            _milestone(f"employer-{school_year}", THIS_YEAR, label, found, due=True, needed=needed)
        )
    return milestones


def _employer_encounters_needed(pupil: Pupil, year_group: int) -> int:
    if year_group >= 12:
        return EMPLOYER_ENCOUNTERS_A_YEAR.get(pupil.school.school_type, 1)
    return 1


def _employer_label(
    pupil: Pupil, year_group: int, school_year: int, current: int, needed: int
) -> str:
    what = "Meet an employer" if needed == 1 else f"Meet employers {needed} times"
    if pupil.year_group == calendar.POST_19:
        when = calendar.school_year_label(school_year)
    else:
        when = calendar.year_group_label(year_group)
    if school_year == current:
        return f"{what} this year ({when})"
    return f"{what} in {when}"


def _by_16_and_18(
    pupil: Pupil, rows: list[Row], on: date, higher_education: bool
) -> list[Milestone]:
    """Workplace experiences, provider encounters, guidance interviews and (for a pupil
    considering higher education) university visits. A milestone whose window closed before
    the record began is left out."""
    interviews = [Row(0, "interview", 8, None, day) for day in guidance_interview_dates(pupil)]
    rules = (*RULES, UNIVERSITY_RULE) if higher_education else RULES
    milestones = []
    for rule in rules:
        start, end = _window(pupil, rule, on)
        if end < pupil.record_began_on:
            continue
        if rule.counts is None:
            found = _found(interviews, lambda _row: True, (start, end))
        else:
            found = _found(rows, rule.counts, (start, end))
        milestones.append(
            _milestone(
                rule.key,
                rule.group,
                rule.label,
                found,
                due=pupil.year_group >= rule.due_from,
                needed=rule.needed,
                recorded_by_school=rule.counts is None,
                due_from=rule.due_from,
            )
        )
    return milestones


def _window(pupil: Pupil, rule: Rule, on: date) -> tuple[date | None, date]:
    """From the first day of the rule's first year group (or any time) to the last of its
    last."""
    first, last = rule.years
    end = calendar.end_of_year_group(last, pupil.year_group, on)
    if first is None:
        return None, end
    return calendar.school_year_bounds(_school_year_when(pupil, first, on))[0], end


def _school_year_when(pupil: Pupil, year_group: int, on: date) -> int:
    """The school year in which this pupil was (or will be) in ``year_group``."""
    end = calendar.end_of_year_group(year_group, pupil.year_group, on)
    return calendar.school_year_of(end)


def _found(
    rows: list[Row], counts: Callable[[Row], bool], window: tuple[date | None, date]
) -> list[Row]:
    start, end = window
    return [
        r
        for r in rows
        if counts(r) and (start is None or start <= r.occurred_on) and r.occurred_on <= end
    ]


def _milestone(
    key: str,
    group: str,
    label: str,
    found: list[Row],
    *,
    due: bool,
    needed: int = 1,
    recorded_by_school: bool = False,
    due_from: int | None = None,
) -> Milestone:
    latest = max(found, key=lambda r: (r.occurred_on, r.id), default=None)
    return Milestone(
        key,
        group,
        label,
        done=len(found) >= needed,
        due=due,
        count=len(found),
        needed=needed,
        # An interview is not an entry: nothing to link to.
        latest_id=latest.id if latest and not recorded_by_school else None,
        latest_on=latest.occurred_on if latest else None,
        recorded_by_school=recorded_by_school,
        due_from=due_from,
    )
