"""Reads for the careers leader's dashboard: which pupils (scoped, filtered, in a saved group),
their aspirations by gender and sector, and leavers' destinations against what they intended.

Every function here runs a fixed number of statements whatever the size of the school: rows
come back small, and the counting happens in Python over those rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Select, or_, select

from journal.accounts.models import User
from journal.destinations.models import DestinationRecord
from journal.extensions import db
from journal.passport.plans.models import Aspiration, IntendedDestination
from journal.reference import destinations
from journal.schools.models import SEN_STATUSES, Pupil
from journal.schools.queries import pupils_in_scope

from .filters import NOT_RECORDED, PupilFilter
from .models import CustomGroup
from .sectors import SECTORS, UNCLEAR, sector_of

SMALL = 5  # counts from 1 to 4 are not shown in the group figures (see ``Figure``)


# --- which pupils -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """Who the dashboard is about: a filter and, optionally, a saved custom group."""

    pupil_filter: PupilFilter
    group: CustomGroup | None = None

    def to_args(self) -> list[tuple[str, str]]:
        pairs = self.pupil_filter.to_args()
        return [*pairs, ("group", str(self.group.id))] if self.group else pairs

    def describe(self, tutor_group_names: dict[int, str]) -> str:
        words = self.pupil_filter.describe(tutor_group_names)
        if self.group is None:
            return words
        if self.pupil_filter.is_empty:
            return f"Pupils in the group “{self.group.name}”"
        return f"{words}; in the group “{self.group.name}”"


def custom_groups_of(school_id: int) -> list[CustomGroup]:
    return list(
        db.session.scalars(
            select(CustomGroup)
            .where(CustomGroup.school_id == school_id, CustomGroup.archived_at.is_(None))
            .order_by(CustomGroup.name)
        )
    )


def group_from(value: str | None, groups: list[CustomGroup]) -> CustomGroup | None:
    """The chosen group among the school's (a hand-edited or stale id chooses none)."""
    return next((g for g in groups if str(g.id) == (value or "").strip()), None)


def on_roll_ids(user: User, selection: Selection) -> Select:
    """A SELECT of the ids of pupils on roll the person may see, in the selection."""
    query = selection.pupil_filter.apply(pupils_in_scope(user)).where(Pupil.left_on.is_(None))
    if selection.group is not None:
        members = selection.group.members_query().with_only_columns(Pupil.id)
        query = query.where(Pupil.id.in_(members))
    return query.with_only_columns(Pupil.id)


def leaver_ids(user: User, pupil_filter: PupilFilter) -> Select:
    """A SELECT of the ids of leavers the person may see who match the filter: pupils who
    have left, or who have a destination on leaving recorded. (Saved groups hold pupils on
    roll, so they do not apply here.)"""
    recorded = select(DestinationRecord.pupil_id).where(DestinationRecord.stage == "leaving")
    query = pupil_filter.apply(pupils_in_scope(user)).where(
        or_(Pupil.left_on.is_not(None), Pupil.id.in_(recorded))
    )
    return query.with_only_columns(Pupil.id)


# --- small numbers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A count out of a total, as governors' reports show it: a count from 1 to 4 is shown
    as "fewer than 5" and its percentage is not shown, and no percentage is given for a
    group of fewer than 5, so that nobody can be picked out. Zero is shown."""

    count: int
    total: int

    @property
    def suppressed(self) -> bool:
        return 0 < self.count < SMALL

    @property
    def shown(self) -> str:
        return "fewer than 5" if self.suppressed else f"{self.count:,}"

    @property
    def percent(self) -> int | None:
        if self.suppressed or self.total < SMALL:
            return None
        return round(100 * self.count / self.total)

    @property
    def percent_shown(self) -> str:
        found = self.percent
        return "–" if found is None else f"{found}%"


# --- aspirations by gender and sector ----------------------------------------------------------


@dataclass
class AspirationsByGender:
    genders: list[str]  # column order
    counts: dict[str, Counter] = field(default_factory=dict)  # sector -> gender -> pupils
    without: int = 0  # pupils in the group with no aspiration written yet

    @property
    def sectors(self) -> list[tuple[str, str]]:
        """(key, label) of the sectors anyone aims at, most popular first, unclear last."""
        found = [k for k in SECTORS if k != UNCLEAR and self.counts.get(k)]
        found.sort(key=lambda k: -sum(self.counts[k].values()))
        if self.counts.get(UNCLEAR):
            found.append(UNCLEAR)
        return [(k, SECTORS[k]) for k in found]

    def row(self, sector: str) -> list[Figure]:
        counts = self.counts.get(sector, Counter())
        total = sum(counts.values())
        return [Figure(counts[g], total) for g in self.genders]

    def total(self, sector: str) -> Figure:
        found = sum(self.counts.get(sector, Counter()).values())
        return Figure(found, found)

    @property
    def girls(self) -> int | None:
        """The column of girls, for the chart (None if the roster has none)."""
        return next((i for i, g in enumerate(self.genders) if g in FEMALE), None)


FEMALE = ("F", "Female", "female", "Girl", "girl")
MALE = ("M", "Male", "male", "Boy", "boy")


def gender_label(gender: str) -> str:
    """Girls and boys as the roster has them ("F" or "Female"), other words as they are."""
    if gender in FEMALE:
        return "Girls"
    if gender in MALE:
        return "Boys"
    return "Gender not recorded" if gender == NOT_RECORDED else gender


def gender_order(genders) -> list[str]:
    """Girls, boys, other genders as the roster words them, then "not recorded"."""
    return sorted(
        set(genders),
        key=lambda g: (g not in FEMALE, g not in MALE, g == NOT_RECORDED, g),
    )


def aspirations_by_gender(pupil_ids: Select) -> AspirationsByGender:
    """Each pupil's newest aspiration, sorted into a sector, counted by gender. One
    statement: every pupil with each of their aspirations (a few each), the newest picked
    here, which SQLite does far faster than a window function over a join."""
    query = (
        select(Pupil.id, Pupil.gender, Aspiration.what, Aspiration.created_at, Aspiration.id)
        .select_from(Pupil)
        .outerjoin(Aspiration, Aspiration.pupil_id == Pupil.id)
        .where(Pupil.id.in_(pupil_ids))
    )
    newest: dict[int, tuple] = {}
    for pupil_id, gender, what, at, aspiration_id in db.session.execute(query):
        found = newest.get(pupil_id)
        if found is None or (what is not None and (at, aspiration_id) > found[2]):
            newest[pupil_id] = (gender, what, (at, aspiration_id))
    counts: dict[str, Counter] = {}
    without = 0
    for gender, what, _when in newest.values():
        if what is None:
            without += 1
            continue
        counts.setdefault(sector_of(what), Counter())[gender or NOT_RECORDED] += 1
    order = gender_order(g for c in counts.values() for g in c)
    return AspirationsByGender(order, counts, without)


# --- leavers' destinations --------------------------------------------------------------------

ACTUAL_GROUPS = (*destinations.GROUPS, "not_recorded")
ACTUAL_LABELS = destinations.GROUPS | {"not_recorded": "No destination recorded"}
INTENDED_GROUPS = ("education", "employment", "training", "other", "undecided", "not_recorded")
INTENDED_LABELS = {
    "education": "Education",
    "employment": "Employment",
    "training": "Training",
    "other": "Something else (such as volunteering)",
    "undecided": "Did not know yet",
    "not_recorded": "No plan recorded",
}


@dataclass
class Leaver:
    id: int
    year_group: int
    sen_status: str
    disadvantaged: bool
    gender: str
    intended: str | None  # an activity code (or "undecided")
    actual: str | None  # the newest destination on leaving

    @property
    def stage(self) -> str:
        """Which intention counts: the one at 16 for a pupil leaving from Year 11 or below."""
        return "16" if self.year_group <= 11 else "18"

    @property
    def actual_group(self) -> str:
        return destinations.group_of(self.actual) or "not_recorded"

    @property
    def intended_group(self) -> str:
        if self.intended == destinations.UNDECIDED:
            return "undecided"
        if self.intended is None:
            return "not_recorded"
        found = destinations.group_of(self.intended)
        return found if found in ("education", "employment", "training") else "other"


def _newest(rows) -> dict:
    """From rows of (key, value, sort key), the value with the greatest sort key per key."""
    found: dict = {}
    for key, value, order in rows:
        if key not in found or order > found[key][1]:
            found[key] = (value, order)
    return {key: value for key, (value, _order) in found.items()}


def leavers(pupil_ids: Select) -> list[Leaver]:
    """Each leaver with their newest destination on leaving and their intention for the
    stage they left at: staff-confirmed (``intended_16``/``intended_18``) if there is one,
    otherwise the newest in their passport. Three statements, each a plain read of small
    rows; the newest is picked here."""
    rows = db.session.execute(
        select(
            Pupil.id,
            Pupil.year_group,
            Pupil.sen_status,
            Pupil.fsm | Pupil.pupil_premium,
            Pupil.gender,
        ).where(Pupil.id.in_(pupil_ids))
    )
    found = {
        r[0]: Leaver(r[0], r[1], r[2], bool(r[3]), r[4] or NOT_RECORDED, None, None) for r in rows
    }
    recorded = _newest(
        ((pupil_id, stage), code, (at, record_id))
        for pupil_id, stage, code, at, record_id in db.session.execute(
            select(
                DestinationRecord.pupil_id,
                DestinationRecord.stage,
                DestinationRecord.activity_code,
                DestinationRecord.recorded_at,
                DestinationRecord.id,
            ).where(
                DestinationRecord.pupil_id.in_(pupil_ids),
                DestinationRecord.stage.in_(("leaving", "intended_16", "intended_18")),
            )
        )
    )
    planned = _newest(
        ((pupil_id, stage), code, (at, record_id))
        for pupil_id, stage, code, at, record_id in db.session.execute(
            select(
                IntendedDestination.pupil_id,
                IntendedDestination.stage,
                IntendedDestination.category,
                IntendedDestination.created_at,
                IntendedDestination.id,
            ).where(
                IntendedDestination.pupil_id.in_(pupil_ids),
                IntendedDestination.stage.in_(("16", "18")),
            )
        )
    )
    for leaver in found.values():
        leaver.actual = recorded.get((leaver.id, "leaving"))
        leaver.intended = recorded.get((leaver.id, f"intended_{leaver.stage}")) or planned.get(
            (leaver.id, leaver.stage)
        )
    return list(found.values())


@dataclass(frozen=True)
class GroupRow:
    """One row of "destinations by group": a group of leavers and where they went."""

    label: str
    leavers: int
    counts: dict[str, int]
    whole: bool = False

    def figure(self, group: str) -> Figure:
        return Figure(self.counts.get(group, 0), self.leavers)

    @property
    def size(self) -> Figure:
        return Figure(self.leavers, self.leavers)

    @property
    def neet(self) -> Figure:
        return self.figure("neet")


def _row(label: str, chosen: list[Leaver], whole: bool = False) -> GroupRow:
    return GroupRow(label, len(chosen), Counter(x.actual_group for x in chosen), whole)


def destinations_by_group(found: list[Leaver]) -> list[tuple[str, list[GroupRow]]]:
    """The whole cohort, then by SEND status, disadvantage and gender: (heading, rows)."""
    genders = gender_order(x.gender for x in found)
    return [
        ("All leavers", [_row("All leavers", found, whole=True)]),
        (
            "SEND",
            [
                _row(label, [x for x in found if x.sen_status == code])
                for code, label in sorted(SEN_STATUSES.items(), key=lambda i: "EKN".index(i[0]))
            ],
        ),
        (
            "Disadvantage",
            [
                _row("Disadvantaged", [x for x in found if x.disadvantaged]),
                _row("Not disadvantaged", [x for x in found if not x.disadvantaged]),
            ],
        ),
        (
            "Gender",
            [_row(gender_label(g), [x for x in found if x.gender == g]) for g in genders],
        ),
    ]


@dataclass
class PlansAgainstDestinations:
    counts: dict[tuple[str, str], int]  # (intended group, actual group) -> leavers
    leavers: int
    as_planned: int  # the same activity code as intended

    def figure(self, intended: str, actual: str) -> Figure:
        return Figure(self.counts.get((intended, actual), 0), self.row_total(intended))

    def row_total(self, intended: str) -> int:
        return sum(v for (i, _a), v in self.counts.items() if i == intended)

    def row_size(self, intended: str) -> Figure:
        found = self.row_total(intended)
        return Figure(found, found)

    @property
    def intended_rows(self) -> list[tuple[str, str]]:
        return [(g, INTENDED_LABELS[g]) for g in INTENDED_GROUPS if self.row_total(g)]

    @property
    def same_as_planned(self) -> Figure:
        return Figure(self.as_planned, self.leavers)


def plans_against_destinations(found: list[Leaver]) -> PlansAgainstDestinations:
    counts = Counter((x.intended_group, x.actual_group) for x in found)
    same = sum(1 for x in found if x.actual and x.intended == x.actual)
    return PlansAgainstDestinations(dict(counts), len(found), same)
