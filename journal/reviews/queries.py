"""Reads for annual reviews. ``summary_of`` pulls a review's period together in a fixed number
of queries, for one of three audiences: staff see everything; the pupil never sees staff-only
guidance records; the family sees only the entries the pupil shares with family and the
guidance records for "the pupil and their family"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from journal.calendar import LONDON, today
from journal.extensions import db
from journal.guidance.models import PUPIL_AND_FAMILY, STAFF_ONLY, Action, GuidanceNote
from journal.guidance.queries import _action_order
from journal.passport.entries.models import Entry
from journal.passport.plans.models import Aspiration, IntendedDestination, SkillRating
from journal.reference import kinds
from journal.reference.destinations import INTENTIONS, STAGES
from journal.reference.skills import SKILLS
from journal.schools.models import Pupil

from .models import (
    FAMILY,
    PFA_AREAS,
    PUPIL,
    STAFF,
    VOICES,
    AnnualReview,
    ReviewAreaNote,
    ReviewContribution,
    review_actions,
    review_decisions,
)
from .permissions import has_pfa

SUMMARY_KINDS = (kinds.ENCOUNTER, kinds.WORKPLACE, kinds.ACHIEVEMENT)
# Who is reading: what of the pupil's record they may see.
AUDIENCES = ("staff", "pupil", "family")


def reviews_of(pupil: Pupil) -> list[AnnualReview]:
    """The pupil's reviews, newest first (one query)."""
    query = (
        select(AnnualReview)
        .where(AnnualReview.pupil_id == pupil.id)
        .order_by(AnnualReview.held_on.desc(), AnnualReview.id.desc())
    )
    return list(db.session.scalars(query))


def review_of(pupil: Pupil, review_id: int) -> AnnualReview:
    """One review of this pupil, or 404 (another pupil's review looks like none)."""
    return db.first_or_404(
        select(AnnualReview).where(AnnualReview.pupil_id == pupil.id, AnnualReview.id == review_id)
    )


def open_review_of(pupil: Pupil) -> AnnualReview | None:
    """The pupil's next review not yet completed, the soonest first (one query): what their
    home page points them to."""
    return db.session.scalar(
        select(AnnualReview)
        .where(AnnualReview.pupil_id == pupil.id, AnnualReview.completed_at.is_(None))
        .order_by(AnnualReview.held_on, AnnualReview.id)
        .limit(1)
    )


def contribution_of(review: AnnualReview, voice: str, author) -> ReviewContribution | None:
    return db.session.scalar(
        select(ReviewContribution).where(
            ReviewContribution.review_id == review.id,
            ReviewContribution.voice == voice,
            ReviewContribution.author_id == author.id,
        )
    )


def period_start(review: AnnualReview) -> date:
    """The first day of the review's period: the day after the pupil's previous review, or
    the day their record began (one query)."""
    previous = db.session.scalar(
        select(AnnualReview.held_on)
        .where(
            AnnualReview.pupil_id == review.pupil_id,
            or_(
                AnnualReview.held_on < review.held_on,
                and_(AnnualReview.held_on == review.held_on, AnnualReview.id < review.id),
            ),
        )
        .order_by(AnnualReview.held_on.desc(), AnnualReview.id.desc())
        .limit(1)
    )
    if previous is None:
        return review.pupil.record_began_on
    return previous + timedelta(days=1)


def _moment(day: date) -> datetime:
    """The start of ``day`` in London, in UTC (to compare with stored times)."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


@dataclass(frozen=True)
class Growth:
    """One skill's step at the start of the period ("then") and at its end ("now")."""

    code: str
    name: str
    then: int | None
    now: int | None

    @property
    def change(self) -> int | None:
        if self.then is None or self.now is None:
            return None
        return self.now - self.then


@dataclass
class AreaSummary:
    code: str
    label: str
    note: ReviewAreaNote | None
    entries: list[Entry] = field(default_factory=list)
    destinations: list[tuple[str, str]] = field(default_factory=list)  # (stage, intention)


@dataclass
class Summary:
    review: AnnualReview
    audience: str
    since: date
    until: date
    contributions: dict[str, list[ReviewContribution]]
    entries: list[Entry]
    skills: list[Growth]
    aspiration_then: Aspiration | None
    aspiration_now: Aspiration | None
    actions: list[Action]
    decisions: list[GuidanceNote]
    agreed_actions: list[Action]
    areas: list[AreaSummary] | None  # None: no Preparing for Adulthood section

    @property
    def pupil(self) -> Pupil:
        return self.review.pupil

    @property
    def encounters(self) -> list[Entry]:
        return [e for e in self.entries if e.kind in (kinds.ENCOUNTER, kinds.WORKPLACE)]

    def voices(self) -> list[tuple[str, str, list[ReviewContribution]]]:
        return [
            (voice, label, self.contributions.get(voice, [])) for voice, label in VOICES.items()
        ]


def _visible(query: Select, model, audience: str) -> Select:
    """Leave out the guidance records this audience may not see."""
    if audience == "pupil":
        return query.where(model.visibility != STAFF_ONLY)
    if audience == "family":
        return query.where(model.visibility == PUPIL_AND_FAMILY)
    return query


def summary_of(review: AnnualReview, audience: str) -> Summary:
    """Everything the review summary shows, for ``audience`` ("staff", "pupil" or "family"),
    in a fixed number of queries whatever the size of the record."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    pupil = review.pupil
    since, until = period_start(review), review.held_on
    start, end = _moment(since), _moment(until + timedelta(days=1))
    entries = _entries(pupil, since, until, family=audience == "family")
    then, now = _aspirations(pupil, start, end)
    return Summary(
        review=review,
        audience=audience,
        since=since,
        until=until,
        contributions=_contributions(review),
        entries=entries,
        skills=_skills(pupil, start, end),
        aspiration_then=then,
        aspiration_now=now,
        actions=_actions(pupil, start, end, audience),
        decisions=_decisions(review, audience),
        agreed_actions=_agreed_actions(review, audience),
        areas=_areas(review, entries) if has_pfa(pupil) else None,
    )


def _contributions(review: AnnualReview) -> dict[str, list[ReviewContribution]]:
    order = {PUPIL: 0, FAMILY: 1, STAFF: 2}
    rows = db.session.scalars(
        select(ReviewContribution)
        .where(ReviewContribution.review_id == review.id)
        .order_by(ReviewContribution.created_at, ReviewContribution.id)
    )
    found: dict[str, list[ReviewContribution]] = {}
    for row in sorted(rows, key=lambda r: order.get(r.voice, 9)):
        found.setdefault(row.voice, []).append(row)
    return found


def _entries(pupil: Pupil, since: date, until: date, *, family: bool) -> list[Entry]:
    """Saved encounters, workplace experiences and achievements in the period, oldest first
    (one query, and one for titles' parents)."""
    query = (
        select(Entry)
        .where(
            Entry.pupil_id == pupil.id,
            Entry.kind.in_(SUMMARY_KINDS),
            Entry.state != "draft",
            Entry.occurred_on.between(since, until),
        )
        .options(
            joinedload(Entry.current_revision),
            selectinload(Entry.parent).joinedload(Entry.current_revision),
        )
        .order_by(Entry.occurred_on, Entry.id)
    )
    if family:
        query = query.where(Entry.visible_to_family)
    return list(db.session.scalars(query))


def _then_and_now(rows, start: datetime) -> tuple:
    """From rows oldest first: the newest before ``start`` (else the first after it) and the
    newest of all."""
    if not rows:
        return None, None
    before = [row for row in rows if row.created_at < start]
    return (before[-1] if before else rows[0]), rows[-1]


def _skills(pupil: Pupil, start: datetime, end: datetime) -> list[Growth]:
    """Each skill the pupil has rated by the end of the period, then and now (one query)."""
    rows = db.session.execute(
        select(SkillRating.skill, SkillRating.step, SkillRating.created_at)
        .where(SkillRating.pupil_id == pupil.id, SkillRating.created_at < end)
        .order_by(SkillRating.created_at, SkillRating.id)
    ).all()
    by_skill: dict[str, list] = {}
    for row in rows:
        by_skill.setdefault(row.skill, []).append(row)
    growth = []
    for code, skill in SKILLS.items():
        then, now = _then_and_now(by_skill.get(code, []), start)
        if now is not None:
            growth.append(Growth(code, skill.name, then.step, now.step))
    return growth


def _aspirations(pupil: Pupil, start: datetime, end: datetime):
    """What the pupil wanted to do at the start of the period and at its end (one query)."""
    rows = list(
        db.session.scalars(
            select(Aspiration)
            .where(Aspiration.pupil_id == pupil.id, Aspiration.created_at < end)
            .order_by(Aspiration.created_at, Aspiration.id)
        )
    )
    return _then_and_now(rows, start)


def _actions(pupil: Pupil, start: datetime, end: datetime, audience: str) -> list[Action]:
    """Actions set in the period, and any still open from before it (one query)."""
    query = select(Action).where(
        Action.pupil_id == pupil.id,
        Action.created_at < end,
        or_(Action.created_at >= start, Action.status == "open"),
    )
    query = _visible(query, Action, audience).options(joinedload(Action.owner_user))
    return list(db.session.scalars(query.order_by(*_action_order(today()))))


def _decisions(review: AnnualReview, audience: str) -> list[GuidanceNote]:
    query = (
        select(GuidanceNote)
        .join(review_decisions, review_decisions.c.note_id == GuidanceNote.id)
        .where(review_decisions.c.review_id == review.id)
        .order_by(GuidanceNote.id)
    )
    return list(db.session.scalars(_visible(query, GuidanceNote, audience)))


def _agreed_actions(review: AnnualReview, audience: str) -> list[Action]:
    query = (
        select(Action)
        .join(review_actions, review_actions.c.action_id == Action.id)
        .where(review_actions.c.review_id == review.id)
        .options(joinedload(Action.owner_user))
        .order_by(Action.id)
    )
    return list(db.session.scalars(_visible(query, Action, audience)))


def _areas(review: AnnualReview, entries: list[Entry]) -> list[AreaSummary]:
    """The four Preparing for Adulthood areas: staff notes, and what of the pupil's record
    fits each (two queries)."""
    notes = {
        note.area: note
        for note in db.session.scalars(
            select(ReviewAreaNote).where(ReviewAreaNote.review_id == review.id)
        )
    }
    areas = {code: AreaSummary(code, label, notes.get(code)) for code, label in PFA_AREAS.items()}
    for entry in entries:
        if entry.kind in (kinds.ENCOUNTER, kinds.WORKPLACE):
            areas["employment"].entries.append(entry)
        elif entry.content.get("achievement_kind") == "volunteering":
            areas["community"].entries.append(entry)
    newest = (
        select(IntendedDestination.stage, IntendedDestination.category)
        .where(IntendedDestination.pupil_id == review.pupil_id)
        .order_by(IntendedDestination.id)
    )
    latest = {stage: category for stage, category in db.session.execute(newest)}
    for stage, label in STAGES.items():
        if stage in latest:
            intention = INTENTIONS.get(latest[stage])
            areas["employment"].destinations.append(
                (label, intention.label if intention else latest[stage])
            )
    return list(areas.values())


def area_notes_of(review: AnnualReview) -> dict[str, ReviewAreaNote]:
    rows = db.session.scalars(select(ReviewAreaNote).where(ReviewAreaNote.review_id == review.id))
    return {row.area: row for row in rows}
