"""Reads of skills, aspirations, intended destinations and the vocational profile.

Each is a history: the newest row (the highest id) is what holds now. Every read starts from a
pupil already in the reader's scope and sends a fixed number of statements, however long the
history is.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.plans.models import (
    Aspiration,
    IntendedDestination,
    ProfileVersion,
    SkillRating,
)
from journal.schools.models import Pupil

EVIDENCE_CHOICES = 30


def _titled(query: Select) -> Select:
    """Entries with what ``Entry.title`` needs: the current revision and, for a diary day,
    its placement's current revision."""
    return query.options(
        joinedload(Entry.current_revision),
        joinedload(Entry.parent).joinedload(Entry.current_revision),
    )


def evidence_choices(pupil: Pupil, *, limit: int = EVIDENCE_CHOICES) -> list[Entry]:
    """The pupil's latest saved entries (not drafts), newest first, to cite as evidence
    (one query)."""
    query = _titled(
        select(Entry).where(Entry.pupil_id == pupil.id, Entry.state != "draft")
    ).order_by(Entry.occurred_on.desc(), Entry.id.desc())
    return list(db.session.scalars(query.limit(limit)))


# --- skills -----------------------------------------------------------------------------------


def latest_ratings(pupil: Pupil) -> dict[str, SkillRating]:
    """Skill code → the pupil's newest rating of it, for the skills they have rated
    (one query)."""
    newest = (
        select(func.max(SkillRating.id))
        .where(SkillRating.pupil_id == pupil.id)
        .group_by(SkillRating.skill)
    )
    rows = db.session.scalars(select(SkillRating).where(SkillRating.id.in_(newest)))
    return {rating.skill: rating for rating in rows}


def ratings_by_skill(pupil: Pupil) -> dict[str, list[SkillRating]]:
    """Skill code → every rating of it, oldest first, so growth reads left to right
    (one query, without evidence)."""
    query = (
        select(SkillRating)
        .where(SkillRating.pupil_id == pupil.id)
        .order_by(SkillRating.skill, SkillRating.id)
    )
    grouped: dict[str, list[SkillRating]] = defaultdict(list)
    for rating in db.session.scalars(query):
        grouped[rating.skill].append(rating)
    return dict(grouped)


def rating_history(pupil: Pupil, skill: str) -> list[SkillRating]:
    """Every rating of one skill, newest first, with the entries cited as evidence and their
    titles (two queries)."""
    query = (
        select(SkillRating)
        .where(SkillRating.pupil_id == pupil.id, SkillRating.skill == skill)
        .options(
            selectinload(SkillRating.evidence).options(
                joinedload(Entry.current_revision),
                joinedload(Entry.parent).joinedload(Entry.current_revision),
            ),
        )
        .order_by(SkillRating.id.desc())
    )
    return list(db.session.scalars(query))


# --- aspirations and intended destinations ---------------------------------------------------


def aspirations_of(pupil: Pupil) -> list[Aspiration]:
    """Everything the pupil has written about what they want to do, newest first (one query)."""
    query = select(Aspiration).where(Aspiration.pupil_id == pupil.id)
    return list(db.session.scalars(query.order_by(Aspiration.id.desc())))


def latest_destinations(pupil: Pupil) -> dict[str, IntendedDestination]:
    """Stage ("16", "18", "25") → the pupil's current intended destination there (one query)."""
    newest = (
        select(func.max(IntendedDestination.id))
        .where(IntendedDestination.pupil_id == pupil.id)
        .group_by(IntendedDestination.stage)
    )
    rows = db.session.scalars(select(IntendedDestination).where(IntendedDestination.id.in_(newest)))
    return {row.stage: row for row in rows}


def destination_history(pupil: Pupil) -> dict[str, list[IntendedDestination]]:
    """Stage → every intended destination the pupil chose there, newest first (one query)."""
    query = (
        select(IntendedDestination)
        .where(IntendedDestination.pupil_id == pupil.id)
        .order_by(IntendedDestination.stage, IntendedDestination.id.desc())
    )
    grouped: dict[str, list[IntendedDestination]] = defaultdict(list)
    for row in db.session.scalars(query):
        grouped[row.stage].append(row)
    return dict(grouped)


# --- vocational profile ----------------------------------------------------------------------


def current_profile(pupil: Pupil) -> ProfileVersion | None:
    """The newest version of the pupil's "all about me", or None (one query)."""
    query = select(ProfileVersion).where(ProfileVersion.pupil_id == pupil.id)
    return db.session.scalar(query.order_by(ProfileVersion.id.desc()).limit(1))


def profile_versions(pupil: Pupil, *, limit: int | None = None) -> list[ProfileVersion]:
    """Versions of the pupil's "all about me", newest first (one query). ``limit=2`` is enough
    to show the current version and whether there are earlier ones."""
    query = (
        select(ProfileVersion)
        .where(ProfileVersion.pupil_id == pupil.id)
        .order_by(ProfileVersion.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))
