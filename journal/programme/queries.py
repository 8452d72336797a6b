"""Reads for the careers programme. Every list of pupils starts from
``journal.schools.queries.pupils_in_scope``: a tutor only ever sees their own groups' pupils."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import joinedload

from journal import calendar
from journal.accounts.models import User
from journal.cohort.models import CustomGroup
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.schools.models import Pupil
from journal.schools.queries import pupils_in_scope

from .models import ProgrammeActivity, ProgrammeAttendance

# --- activities ---------------------------------------------------------------------------------


def activity_of(user: User, activity_id: int) -> ProgrammeActivity:
    """An activity of the person's school, or 404 (another school's looks like none)."""
    return db.first_or_404(
        select(ProgrammeActivity).where(
            ProgrammeActivity.id == activity_id, ProgrammeActivity.school_id == user.school_id
        )
    )


def activity_by_client_id(school_id: int, client_id: str) -> ProgrammeActivity | None:
    return db.session.scalar(
        select(ProgrammeActivity).where(
            ProgrammeActivity.school_id == school_id, ProgrammeActivity.client_id == client_id
        )
    )


def activities_between(
    school_id: int,
    first: date,
    last: date,
    *,
    year_group: int | None = None,
    benchmark: int | None = None,
) -> list[ProgrammeActivity]:
    """The school's activities from ``first`` to ``last``, in date order (one query). The
    year-group and benchmark filters are applied here, on the JSON lists (a school year holds
    a few hundred activities at most)."""
    rows = db.session.scalars(
        select(ProgrammeActivity)
        .where(
            ProgrammeActivity.school_id == school_id,
            ProgrammeActivity.occurred_on.between(first, last),
        )
        .order_by(ProgrammeActivity.occurred_on, ProgrammeActivity.starts_at, ProgrammeActivity.id)
    )
    return [
        a
        for a in rows
        if (year_group is None or year_group in (a.year_groups or []))
        and (benchmark is None or benchmark in (a.benchmarks or []))
    ]


def attendance_counts(activity_ids: list[int]) -> dict[int, int]:
    """How many pupils attended each activity (one query)."""
    if not activity_ids:
        return {}
    rows = db.session.execute(
        select(ProgrammeAttendance.activity_id, func.count())
        .where(ProgrammeAttendance.activity_id.in_(activity_ids))
        .group_by(ProgrammeAttendance.activity_id)
    )
    return dict(rows.all())


# --- who an activity is for --------------------------------------------------------------------


def audience_select(school_id: int, kind: str, audience: dict) -> Select:
    """A SELECT of the pupils on roll at the school that an audience names (no scope yet)."""
    query = select(Pupil).where(Pupil.school_id == school_id, Pupil.left_on.is_(None))
    if kind == "years":
        return query.where(Pupil.year_group.in_(audience.get("year_groups") or []))
    if kind == "tutor_groups":
        return query.where(Pupil.tutor_group_id.in_(audience.get("tutor_group_ids") or []))
    if kind == "pupils":
        return query.where(Pupil.id.in_(audience.get("pupil_ids") or []))
    if kind == "group":
        group = db.session.get(CustomGroup, audience.get("group_id") or 0)
        if group is None or group.school_id != school_id:
            return query.where(false())
        return group.members_query()
    return query.where(false())


def in_scope(user: User, query: Select) -> Select:
    """Narrow a SELECT of pupils to those ``user`` may see."""
    return query.where(Pupil.id.in_(pupils_in_scope(user).with_only_columns(Pupil.id)))


@dataclass
class ListedPupil:
    pupil: Pupil
    attended: bool
    written: bool  # the pupil has written in the entry (or commented): it is never removed


def attendance_list(
    user: User, activity: ProgrammeActivity, *, text: str = "", tutor_group_id: int | None = None
) -> list[ListedPupil]:
    """The pupils on the attendance list that ``user`` may see: who the activity was for, and
    anyone already marked as there (a pupil who has since moved group stays listed), filtered
    by name/UPN and tutor group. Three queries, whatever the size of the group."""
    audience = audience_select(activity.school_id, activity.audience_kind, activity.audience)
    attended_ids = select(ProgrammeAttendance.pupil_id).where(
        ProgrammeAttendance.activity_id == activity.id
    )
    query = in_scope(
        user,
        select(Pupil).where(
            Pupil.school_id == activity.school_id,
            or_(
                Pupil.id.in_(
                    audience.with_only_columns(Pupil.id).where(
                        Pupil.record_began_on <= activity.occurred_on  # joined later: not there
                    )
                ),
                Pupil.id.in_(attended_ids),
            ),
        ),
    ).options(joinedload(Pupil.tutor_group))
    if tutor_group_id:
        query = query.where(Pupil.tutor_group_id == tutor_group_id)
    text = text.strip()
    if text:
        like = f"%{text.lower()}%"
        query = query.where(
            or_(
                Pupil.upn == text.upper(),
                func.lower(Pupil.legal_first_name + " " + Pupil.legal_last_name).like(like),
                func.lower(
                    func.coalesce(Pupil.preferred_first_name, Pupil.legal_first_name)
                    + " "
                    + func.coalesce(Pupil.preferred_last_name, Pupil.legal_last_name)
                ).like(like),
            )
        )
    query = query.order_by(Pupil.year_group, Pupil.legal_last_name, Pupil.legal_first_name)
    pupils = list(db.session.scalars(query))
    rows = attendance_rows(activity)
    written = pupils_who_wrote(list(rows.values()))
    return [ListedPupil(p, p.id in rows, p.id in written) for p in pupils]


def attendance_rows(activity: ProgrammeActivity) -> dict[int, ProgrammeAttendance]:
    """pupil id → attendance row (one query)."""
    rows = db.session.scalars(
        select(ProgrammeAttendance).where(ProgrammeAttendance.activity_id == activity.id)
    )
    return {row.pupil_id: row for row in rows}


def pupils_who_wrote(rows: list[ProgrammeAttendance]) -> set[int]:
    """The pupils (of these attendance rows) who have made the entry their own since staff
    recorded it: written a new version, commented on it, or cited it as evidence of a skill.
    Their words are never removed (one query)."""
    entry_ids = [r.entry_id for r in rows if r.entry_id]
    if not entry_ids:
        return set()
    from journal.guidance.models import Comment
    from journal.passport.plans.models import skill_rating_evidence

    commented = select(Comment.subject_id).where(
        Comment.subject_type == "entry", Comment.subject_id.in_(entry_ids)
    )
    cited = select(skill_rating_evidence.c.entry_id).where(
        skill_rating_evidence.c.entry_id.in_(entry_ids)
    )
    changed = db.session.execute(
        select(
            Entry.pupil_id,
            Entry.current_revision_id,
            Entry.id.in_(commented) | Entry.id.in_(cited),
        ).where(Entry.id.in_(entry_ids))
    )
    signed = {r.pupil_id: r.revision_id for r in rows}
    return {
        pupil_id
        for pupil_id, revision_id, used in changed
        if used or revision_id != signed.get(pupil_id)
    }


# --- custom groups -----------------------------------------------------------------------------


def groups_of_school(school_id: int, *, archived: bool = False) -> list[CustomGroup]:
    query = select(CustomGroup).where(CustomGroup.school_id == school_id)
    query = query.where(
        CustomGroup.archived_at.is_not(None) if archived else CustomGroup.archived_at.is_(None)
    )
    return list(db.session.scalars(query.order_by(CustomGroup.name)))


def group_named(school_id: int, name: str) -> CustomGroup | None:
    return db.session.scalar(
        select(CustomGroup).where(CustomGroup.school_id == school_id, CustomGroup.name == name)
    )


def group_of(user: User, group_id: int) -> CustomGroup:
    found = db.session.get(CustomGroup, group_id)
    if found is None or found.school_id != user.school_id:
        abort(404)
    return found


def member_counts(groups: list[CustomGroup]) -> dict[int, int]:
    """Each group's current number of members (one query a group: a school has a handful)."""
    return {
        g.id: db.session.scalar(
            g.members_query().with_only_columns(func.count(Pupil.id)).order_by(None)
        )
        for g in groups
    }


def members_of(user: User, group: CustomGroup, *, limit: int = 500) -> list[Pupil]:
    query = in_scope(user, group.members_query()).options(joinedload(Pupil.tutor_group))
    query = query.order_by(Pupil.year_group, Pupil.legal_last_name, Pupil.legal_first_name)
    return list(db.session.scalars(query.limit(limit)))


# --- the pupil's side ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Prompt:
    entry_id: int
    title: str
    occurred_on: date


def reflection_prompts(pupil: Pupil, *, limit: int = 5) -> list[Prompt]:
    """Activities the pupil was at whose entry they have not written in yet, newest first
    (one query)."""
    query = (
        select(Entry.id, ProgrammeActivity.title, ProgrammeActivity.occurred_on)
        .join(ProgrammeAttendance, ProgrammeAttendance.entry_id == Entry.id)
        .join(ProgrammeActivity, ProgrammeActivity.id == ProgrammeAttendance.activity_id)
        .where(
            ProgrammeAttendance.pupil_id == pupil.id,
            Entry.current_revision_id == ProgrammeAttendance.revision_id,
        )
        .order_by(ProgrammeActivity.occurred_on.desc(), Entry.id.desc())
        .limit(limit)
    )
    return [Prompt(*row) for row in db.session.execute(query)]


# --- provider access ----------------------------------------------------------------------------

BANDS = ((8, 9), (10, 11), (12, 13))
NEEDED = 2


@dataclass
class BandRow:
    year_group: int
    pupils: int
    with_two: int  # pupils who attended two or more provider encounters in the band so far
    offered: int  # provider-access activities for this year group in the band so far

    @property
    def short(self) -> int:
        return self.pupils - self.with_two


def provider_access(user: User, on: date | None = None) -> list[BandRow]:
    """For each year group from 8 to 13: how many pupils attended at least two encounters with
    providers of technical education or apprenticeships since their band began (Years 8–9,
    10–11, 12–13), and how many such activities the school offered them. Three queries."""
    on = on or calendar.today()
    this_year = calendar.school_year_of(on)
    pupils = db.session.execute(
        pupils_in_scope(user)
        .with_only_columns(Pupil.id, Pupil.year_group)
        .where(Pupil.left_on.is_(None), Pupil.year_group.between(8, 13))
    ).all()
    since = {y: _band_start(y, this_year) for y in range(8, 14)}
    earliest = min(since.values())
    activities = db.session.execute(
        select(
            ProgrammeActivity.id, ProgrammeActivity.occurred_on, ProgrammeActivity.year_groups
        ).where(
            ProgrammeActivity.school_id == user.school_id,
            ProgrammeActivity.provider_access.is_(True),
            ProgrammeActivity.occurred_on.between(earliest, on),
        )
    ).all()
    attended = db.session.execute(
        select(ProgrammeAttendance.pupil_id, ProgrammeActivity.occurred_on)
        .join(ProgrammeActivity, ProgrammeActivity.id == ProgrammeAttendance.activity_id)
        .where(
            ProgrammeActivity.school_id == user.school_id,
            ProgrammeActivity.provider_access.is_(True),
            ProgrammeActivity.occurred_on.between(earliest, on),
        )
    ).all()
    year_of = dict(pupils)
    counts: Counter = Counter()
    for pupil_id, day in attended:
        year = year_of.get(pupil_id)
        if year is not None and day >= since[year]:
            counts[pupil_id] += 1
    by_year: dict[int, list[int]] = defaultdict(list)
    for pupil_id, year in pupils:
        by_year[year].append(pupil_id)
    rows = []
    for year in range(8, 14):
        offered = sum(
            1
            for _id, day, years in activities
            if day >= since[year] and _was_for(year, day, this_year, years or [])
        )
        members = by_year.get(year, [])
        rows.append(BandRow(year, len(members), sum(counts[p] >= NEEDED for p in members), offered))
    return rows


def _band_start(year_group: int, this_year: int) -> date:
    """The first day of the school year in which a pupil now in ``year_group`` began its
    band (Year 9 → the start of last school year, when they were in Year 8)."""
    first = next(band[0] for band in BANDS if band[0] <= year_group <= band[1])
    return calendar.school_year_bounds(this_year - (year_group - first))[0]


def _was_for(year_group: int, day: date, this_year: int, years: list[int]) -> bool:
    """Whether an activity on ``day`` was for the pupils now in ``year_group``."""
    then = year_group - (this_year - calendar.school_year_of(day))
    return then in years
