"""Reads for families. A family member reaches a pupil only through a live link
(``child_for``); what they see of that pupil goes through ``journal.family.permissions``:
saved entries the pupil shares with family, and guidance records for "the pupil and their
family". Anything else looks like nothing at all (404)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import case, func, select, union
from sqlalchemy.orm import joinedload, selectinload

from journal import calendar
from journal.accounts.models import User
from journal.extensions import db
from journal.guidance.models import PUPIL_AND_FAMILY, Action
from journal.milestones.journey import Journey, journey_for
from journal.passport.entries.models import Entry
from journal.passport.plans.models import Aspiration, SkillRating
from journal.reference import kinds
from journal.reference.skills import SKILLS
from journal.schools.models import Pupil

from .models import FamilyInvite, FamilyLink

HOME_KINDS = (kinds.ENCOUNTER, kinds.WORKPLACE)


# --- staff: a pupil's family links and invites -----------------------------------------------


def links_of_pupil(pupil: Pupil) -> list[FamilyLink]:
    """Everyone linked to the pupil, live links first, newest first (one query)."""
    query = (
        select(FamilyLink)
        .where(FamilyLink.pupil_id == pupil.id)
        .options(joinedload(FamilyLink.family_user), joinedload(FamilyLink.linked_by))
        .order_by(FamilyLink.revoked_at.is_not(None), FamilyLink.id.desc())
    )
    return list(db.session.scalars(query))


def open_invites_of(pupil: Pupil) -> list[FamilyInvite]:
    """Invites not used, cancelled or expired, newest first (one query)."""
    query = (
        select(FamilyInvite)
        .where(
            FamilyInvite.pupil_id == pupil.id,
            FamilyInvite.used_at.is_(None),
            FamilyInvite.revoked_at.is_(None),
            FamilyInvite.expires_at > calendar.utcnow(),
        )
        .options(joinedload(FamilyInvite.made_by))
        .order_by(FamilyInvite.id.desc())
    )
    return list(db.session.scalars(query))


def invite_of(pupil: Pupil, invite_id: int) -> FamilyInvite:
    """One invite for this pupil, or 404 (another pupil's invite looks like none)."""
    return db.first_or_404(
        select(FamilyInvite).where(FamilyInvite.pupil_id == pupil.id, FamilyInvite.id == invite_id)
    )


def link_of(pupil: Pupil, link_id: int) -> FamilyLink:
    return db.first_or_404(
        select(FamilyLink).where(FamilyLink.pupil_id == pupil.id, FamilyLink.id == link_id)
    )


# --- family members ---------------------------------------------------------------------------


def links_of_user(user: User) -> list[FamilyLink]:
    """A family member's live links with their children, youngest child first (one query)."""
    query = (
        select(FamilyLink)
        .join(Pupil, Pupil.id == FamilyLink.pupil_id)
        .where(FamilyLink.family_user_id == user.id, FamilyLink.revoked_at.is_(None))
        .options(
            joinedload(FamilyLink.pupil).joinedload(Pupil.school),
            joinedload(FamilyLink.pupil).joinedload(Pupil.tutor_group),
        )
        .order_by(Pupil.year_group, Pupil.legal_first_name, FamilyLink.id)
    )
    return list(db.session.scalars(query))


def is_linked(user: User, pupil_id: int) -> bool:
    """Whether the family member has a live link to the pupil."""
    found = db.session.scalar(
        select(FamilyLink.id).where(
            FamilyLink.family_user_id == user.id,
            FamilyLink.pupil_id == pupil_id,
            FamilyLink.revoked_at.is_(None),
        )
    )
    return found is not None


def child_for(user: User, pupil_id: int) -> Pupil:
    """A child this family member is linked to now, or 404: an unlinked (or no longer linked)
    pupil must look like no pupil."""
    pupil = db.session.scalar(
        select(Pupil)
        .join(FamilyLink, FamilyLink.pupil_id == Pupil.id)
        .where(
            Pupil.id == pupil_id,
            FamilyLink.family_user_id == user.id,
            FamilyLink.revoked_at.is_(None),
        )
    )
    if pupil is None or not user.is_family:
        abort(404)
    return pupil


def _titled(query):
    return query.options(
        joinedload(Entry.current_revision),
        selectinload(Entry.parent).joinedload(Entry.current_revision),
    )


def shared_entry(pupil: Pupil, entry_id: int) -> Entry:
    """One saved entry of the pupil that they share with family, or 404 (a draft, a private
    entry and another pupil's entry all look like no entry)."""
    return db.first_or_404(
        _titled(select(Entry)).where(
            Entry.pupil_id == pupil.id,
            Entry.id == entry_id,
            Entry.visible_to_family,
        )
    )


def family_action(pupil: Pupil, action_id: int) -> Action:
    """One of the pupil's actions the family may see, or 404 (staff-only and pupil-only
    actions look like none)."""
    return db.first_or_404(
        select(Action).where(
            Action.pupil_id == pupil.id,
            Action.id == action_id,
            Action.visibility == PUPIL_AND_FAMILY,
        )
    )


def linked_family_of(pupil: Pupil) -> list[FamilyLink]:
    """Who is linked to the pupil now, for the pupil's own page (one query)."""
    query = (
        select(FamilyLink)
        .where(FamilyLink.pupil_id == pupil.id, FamilyLink.revoked_at.is_(None))
        .options(joinedload(FamilyLink.family_user))
        .order_by(FamilyLink.id)
    )
    return list(db.session.scalars(query))


# --- the family home --------------------------------------------------------------------------


@dataclass(frozen=True)
class SkillThenNow:
    code: str
    name: str
    then: int | None  # the first rating's step
    now: int | None  # the newest rating's step
    ratings: int = 0

    @property
    def change(self) -> int:
        return (self.now or 0) - (self.then or 0)


@dataclass
class ChildHome:
    """What a family member sees of one child on their home page."""

    link: FamilyLink
    pupil: Pupil
    journey: Journey
    entries: list[Entry] = field(default_factory=list)
    skills: list[SkillThenNow] = field(default_factory=list)
    aspiration_then: Aspiration | None = None
    aspiration_now: Aspiration | None = None
    actions: list[Action] = field(default_factory=list)

    @property
    def rated_skills(self) -> list[SkillThenNow]:
        return [s for s in self.skills if s.ratings]


def home_for(user: User) -> list[ChildHome]:
    """Each linked child's progress at a glance. A fixed number of queries for the page: five
    for all the children together, and the journey's three for each child."""
    links = links_of_user(user)
    ids = [link.pupil_id for link in links]
    entries = _shared_this_year(ids)
    skills = _skills_then_and_now(ids)
    aspirations = _aspirations_then_and_now(ids)
    actions = _family_actions(ids)
    homes = []
    for link in links:
        first, last = aspirations.get(link.pupil_id, (None, None))
        homes.append(
            ChildHome(
                link=link,
                pupil=link.pupil,
                journey=journey_for(link.pupil),
                entries=entries.get(link.pupil_id, []),
                skills=skills.get(link.pupil_id) or _skills_then_and_now_empty(),
                aspiration_then=first if first is not None and first is not last else None,
                aspiration_now=last,
                actions=actions.get(link.pupil_id, []),
            )
        )
    return homes


def _grouped(rows, key=lambda row: row.pupil_id) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return grouped


def _shared_this_year(ids: list[int]) -> dict[int, list[Entry]]:
    """This school year's saved encounters and workplace experiences the children share with
    family, newest first (one query, and one for diary parents)."""
    if not ids:
        return {}
    first, last = calendar.school_year_bounds(calendar.school_year_of(calendar.today()))
    query = _titled(select(Entry)).where(
        Entry.pupil_id.in_(ids),
        Entry.kind.in_(HOME_KINDS),
        Entry.visible_to_family,
        Entry.occurred_on.between(first, last),
    )
    return _grouped(db.session.scalars(query.order_by(Entry.occurred_on.desc(), Entry.id.desc())))


def _skills_then_and_now_empty() -> list[SkillThenNow]:
    return [SkillThenNow(code, skill.name, None, None) for code, skill in SKILLS.items()]


def _skills_then_and_now(ids: list[int]) -> dict[int, list[SkillThenNow]]:
    """Per child, each skill's first and newest step and how many ratings (two queries)."""
    if not ids:
        return {}
    query = select(
        SkillRating.pupil_id,
        SkillRating.skill,
        func.min(SkillRating.id),
        func.max(SkillRating.id),
        func.count(SkillRating.id),
    ).where(SkillRating.pupil_id.in_(ids))
    summary = list(db.session.execute(query.group_by(SkillRating.pupil_id, SkillRating.skill)))
    wanted = {row[2] for row in summary} | {row[3] for row in summary}
    steps: dict[int, int] = {}
    if wanted:
        query = select(SkillRating.id, SkillRating.step).where(SkillRating.id.in_(wanted))
        steps = {rating_id: step for rating_id, step in db.session.execute(query)}
    found: dict[int, dict[str, tuple[int, int, int]]] = {}
    for pupil_id, skill, first, last, count in summary:
        found.setdefault(pupil_id, {})[skill] = (steps[first], steps[last], count)
    return {
        pupil_id: [
            SkillThenNow(code, skill.name, *(by_skill.get(code) or (None, None, 0)))
            for code, skill in SKILLS.items()
        ]
        for pupil_id, by_skill in found.items()
    }


def _aspirations_then_and_now(ids: list[int]) -> dict[int, tuple[Aspiration, Aspiration]]:
    """Per child, the first and the newest thing they wrote about what they want to do
    (one query)."""
    if not ids:
        return {}
    ends = union(
        select(func.min(Aspiration.id))
        .where(Aspiration.pupil_id.in_(ids))
        .group_by(Aspiration.pupil_id),
        select(func.max(Aspiration.id))
        .where(Aspiration.pupil_id.in_(ids))
        .group_by(Aspiration.pupil_id),
    ).subquery()
    rows = db.session.scalars(
        select(Aspiration).where(Aspiration.id.in_(select(ends))).order_by(Aspiration.id)
    )
    found: dict[int, tuple[Aspiration, Aspiration]] = {}
    for row in rows:
        first = found.get(row.pupil_id, (row, row))[0]
        found[row.pupil_id] = (first, row)
    return found


def _family_actions(ids: list[int]) -> dict[int, list[Action]]:
    """The children's actions for "the pupil and their family": open ones first, overdue first
    among them, then by due date (one query)."""
    if not ids:
        return {}
    on = calendar.today()
    query = (
        select(Action)
        .where(Action.pupil_id.in_(ids), Action.visibility == PUPIL_AND_FAMILY)
        .order_by(
            case((Action.status == "open", 0), else_=1),
            case((Action.due_on < on, 0), else_=1),
            Action.due_on.is_(None),
            Action.due_on,
            Action.id.desc(),
        )
    )
    return _grouped(db.session.scalars(query))
