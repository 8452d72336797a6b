"""Which pupils: one filter for the cohort dashboard, saved custom groups and programme
activities, so "Year 11 pupils with an EHCP" means the same thing on every page.

A ``PupilFilter`` is a value: built from a query string (``from_args``), kept in a custom group
as JSON (``to_json``/``from_json``), turned back into a query string for links and exports
(``to_args``), applied to any SELECT that includes ``Pupil`` (``apply``), and said in words
(``describe``). Every part is optional; an empty filter means every pupil in scope. Values
within one part are alternatives (Year 10 *or* Year 11); parts combine (Year 11 *and* EHCP).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, false, or_, select

from journal.calendar import year_group_label
from journal.extensions import db
from journal.schools.models import SEN_STATUSES, Pupil, TutorGroup

YEAR_GROUPS = tuple(range(7, 15))  # Year 7 to Year 14 (colleges and special schools)
CAREER_SEND_GROUPS = {1: "Career SEND group 1", 2: "Career SEND group 2"}
NO_GROUP = 0  # "not in a Career SEND group"
NOT_RECORDED = "-"  # gender left blank on the roster
FLAGS = {"yes": True, "no": False}
MAX_INT = 2**31 - 1  # the largest id an INTEGER column holds (PostgreSQL's int4)


@dataclass(frozen=True)
class PupilFilter:
    year_groups: tuple[int, ...] = ()
    tutor_group_ids: tuple[int, ...] = ()
    sen_statuses: tuple[str, ...] = ()  # N, K, E (schools.models.SEN_STATUSES)
    career_send_groups: tuple[int, ...] = ()  # 1, 2, or NO_GROUP
    genders: tuple[str, ...] = ()  # as the roster has them, or NOT_RECORDED
    disadvantaged: bool | None = None  # free school meals or pupil premium
    looked_after: bool | None = None

    # --- building -----------------------------------------------------------------------

    @classmethod
    def from_args(cls, args) -> PupilFilter:
        """From a query string (a werkzeug MultiDict). Values that mean nothing are dropped,
        never an error: a hand-edited link shows a wider list, not a stack trace."""
        return cls(
            year_groups=_ints(args.getlist("year"), allowed=set(YEAR_GROUPS)),
            tutor_group_ids=_ints(args.getlist("tutor_group")),
            sen_statuses=_strs(args.getlist("sen"), allowed=set(SEN_STATUSES)),
            career_send_groups=_ints(
                args.getlist("career_send"), allowed={NO_GROUP, *CAREER_SEND_GROUPS}
            ),
            genders=_strs([g.strip()[:40] for g in args.getlist("gender") if g.strip()]),
            disadvantaged=FLAGS.get(args.get("disadvantaged", "")),
            looked_after=FLAGS.get(args.get("looked_after", "")),
        )

    def to_args(self) -> list[tuple[str, str]]:
        """The query string that rebuilds this filter (for links, paging and exports)."""
        pairs: list[tuple[str, str]] = []
        pairs += [("year", str(v)) for v in self.year_groups]
        pairs += [("tutor_group", str(v)) for v in self.tutor_group_ids]
        pairs += [("sen", v) for v in self.sen_statuses]
        pairs += [("career_send", str(v)) for v in self.career_send_groups]
        pairs += [("gender", v) for v in self.genders]
        for name in ("disadvantaged", "looked_after"):
            value = getattr(self, name)
            if value is not None:
                pairs.append((name, "yes" if value else "no"))
        return pairs

    def to_json(self) -> dict[str, Any]:
        """For a custom group's stored definition: only the parts that are set."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in ((), None):
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> PupilFilter:
        data = data or {}
        return cls(
            year_groups=_ints(data.get("year_groups", []), allowed=set(YEAR_GROUPS)),
            tutor_group_ids=_ints(data.get("tutor_group_ids", [])),
            sen_statuses=_strs(data.get("sen_statuses", []), allowed=set(SEN_STATUSES)),
            career_send_groups=_ints(
                data.get("career_send_groups", []), allowed={NO_GROUP, *CAREER_SEND_GROUPS}
            ),
            genders=_strs(data.get("genders", [])),
            disadvantaged=data.get("disadvantaged")
            if isinstance(data.get("disadvantaged"), bool)
            else None,
            looked_after=data.get("looked_after")
            if isinstance(data.get("looked_after"), bool)
            else None,
        )

    @property
    def is_empty(self) -> bool:
        return not self.to_json()

    # --- using ----------------------------------------------------------------------------

    def apply(self, query: Select) -> Select:
        """Add this filter's conditions on ``Pupil`` to ``query`` (which must select from
        pupils, for instance ``pupils_in_scope(user)``). It never widens a query."""
        if self.year_groups:
            query = query.where(Pupil.year_group.in_(self.year_groups))
        if self.tutor_group_ids:
            query = query.where(Pupil.tutor_group_id.in_(self.tutor_group_ids))
        if self.sen_statuses:
            query = query.where(Pupil.sen_status.in_(self.sen_statuses))
        if self.career_send_groups:
            groups = [g for g in self.career_send_groups if g != NO_GROUP]
            conditions = [Pupil.career_send_group.in_(groups)] if groups else []
            if NO_GROUP in self.career_send_groups:
                conditions.append(Pupil.career_send_group.is_(None))
            query = query.where(or_(*conditions) if conditions else false())
        if self.genders:
            named = [g for g in self.genders if g != NOT_RECORDED]
            conditions = [Pupil.gender.in_(named)] if named else []
            if NOT_RECORDED in self.genders:
                conditions.append(Pupil.gender.is_(None))
            query = query.where(or_(*conditions))
        if self.disadvantaged is not None:
            either = or_(Pupil.fsm.is_(True), Pupil.pupil_premium.is_(True))
            query = query.where(either if self.disadvantaged else ~either)
        if self.looked_after is not None:
            query = query.where(Pupil.looked_after.is_(self.looked_after))
        return query

    def describe(self, tutor_group_names: dict[int, str] | None = None) -> str:
        """In words, for headings, custom group lists and export file notes:
        "Year 11; EHCP; looked after". An empty filter is "Every pupil"."""
        names = tutor_group_names or {}
        parts = []
        if self.year_groups:
            parts.append(_or(year_group_label(y) for y in self.year_groups))
        if self.tutor_group_ids:
            parts.append("tutor group " + _or(names.get(g, f"#{g}") for g in self.tutor_group_ids))
        if self.sen_statuses:
            parts.append(_or(SEN_STATUSES[s] for s in self.sen_statuses))
        if self.career_send_groups:
            parts.append(
                _or(
                    CAREER_SEND_GROUPS.get(g, "no Career SEND group")
                    for g in self.career_send_groups
                )
            )
        if self.genders:
            parts.append(
                _or(g if g != NOT_RECORDED else "gender not recorded" for g in self.genders)
            )
        if self.disadvantaged is not None:
            parts.append("disadvantaged" if self.disadvantaged else "not disadvantaged")
        if self.looked_after is not None:
            parts.append("looked after" if self.looked_after else "not looked after")
        return "; ".join(parts) if parts else "Every pupil"


@dataclass(frozen=True)
class FilterOptions:
    """What a school's filter form offers: its tutor groups and the genders on its roll."""

    tutor_groups: list[TutorGroup]
    genders: list[str]
    year_groups: tuple[int, ...] = YEAR_GROUPS

    @property
    def tutor_group_names(self) -> dict[int, str]:
        return {g.id: g.name for g in self.tutor_groups}

    # (value, label) pairs for the form (templates/cohort/_filters.html)
    @property
    def year_choices(self) -> list[tuple[int, str]]:
        return [(y, year_group_label(y)) for y in self.year_groups]

    @property
    def tutor_group_choices(self) -> list[tuple[int, str]]:
        return [(g.id, g.name) for g in self.tutor_groups]

    @property
    def gender_choices(self) -> list[tuple[str, str]]:
        return [(g, g) for g in self.genders] + [(NOT_RECORDED, "Not recorded")]

    sen_choices = (("E", "EHCP"), ("K", "SEN support"), ("N", "No SEND"))
    career_send_choices = ((1, "Group 1"), (2, "Group 2"), (NO_GROUP, "Not in a group"))


def filter_options(school_id: int) -> FilterOptions:
    """Two queries, whatever the school's size."""
    groups = list(
        db.session.scalars(
            select(TutorGroup)
            .where(TutorGroup.school_id == school_id)
            .order_by(TutorGroup.year_group, TutorGroup.name)
        )
    )
    genders = sorted(
        g
        for g in db.session.scalars(
            select(Pupil.gender).where(Pupil.school_id == school_id).distinct()
        )
        if g
    )
    return FilterOptions(tutor_groups=groups, genders=genders)


def _ints(values, allowed: set[int] | None = None) -> tuple[int, ...]:
    out = []
    for value in values:
        try:
            number = int(value)
        except (TypeError, ValueError):
            continue
        if not 0 <= number <= MAX_INT:  # no id is negative; a bigger one breaks the database
            continue
        if (allowed is None or number in allowed) and number not in out:
            out.append(number)
    return tuple(sorted(out))


def _strs(values, allowed: set[str] | None = None) -> tuple[str, ...]:
    out = []
    for value in values:
        if isinstance(value, str) and (allowed is None or value in allowed) and value not in out:
            out.append(value)
    return tuple(sorted(out))


def _or(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
