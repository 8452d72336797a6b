"""Reads for the statement pages: what the passport offers to mention, and the version history.
Each sends a fixed number of SQL statements, however much the pupil has recorded."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.plans.models import Aspiration, SkillRating
from journal.reference import kinds
from journal.schools.models import Pupil

from .models import Document, DocumentVersion

MENTION_LIMIT = 5


@dataclass
class Mentions:
    """ "Things you could mention" beside the editor."""

    encounters: list[Entry]
    workplaces: list[Entry]
    skills: list[SkillRating]  # the newest rating of each skill that has evidence
    aspirations: list[Aspiration]

    def __bool__(self) -> bool:
        return bool(self.encounters or self.workplaces or self.skills or self.aspirations)


def _recent(pupil: Pupil, kind: str) -> list[Entry]:
    query = (
        select(Entry)
        .options(
            joinedload(Entry.current_revision),
            selectinload(Entry.parent).joinedload(Entry.current_revision),
        )
        .where(Entry.pupil_id == pupil.id, Entry.kind == kind, Entry.state != "draft")
        .order_by(Entry.occurred_on.desc(), Entry.id.desc())
        .limit(MENTION_LIMIT)
    )
    return list(db.session.scalars(query))


def _skills_with_evidence(pupil: Pupil) -> list[SkillRating]:
    newest = (
        select(func.max(SkillRating.id))
        .where(SkillRating.pupil_id == pupil.id)
        .group_by(SkillRating.skill)
    )
    query = (
        select(SkillRating)
        .where(SkillRating.id.in_(newest))
        .options(
            selectinload(SkillRating.evidence).options(
                joinedload(Entry.current_revision),
                joinedload(Entry.parent).joinedload(Entry.current_revision),
            )
        )
        .order_by(SkillRating.skill)
    )
    return [rating for rating in db.session.scalars(query) if rating.evidence]


def things_to_mention(pupil: Pupil) -> Mentions:
    """Recent encounters and workplace experiences, skills with evidence, and aspirations."""
    aspirations = db.session.scalars(
        select(Aspiration)
        .where(Aspiration.pupil_id == pupil.id)
        .order_by(Aspiration.id.desc())
        .limit(3)
    )
    return Mentions(
        encounters=_recent(pupil, kinds.ENCOUNTER),
        workplaces=_recent(pupil, kinds.WORKPLACE),
        skills=_skills_with_evidence(pupil),
        aspirations=list(aspirations),
    )


def history_of(document: Document) -> list[DocumentVersion]:
    """Every version of ``document``, newest first, with who saved it (one query)."""
    query = (
        select(DocumentVersion)
        .options(joinedload(DocumentVersion.author))
        .where(DocumentVersion.document_id == document.id)
        .order_by(DocumentVersion.number.desc())
    )
    return list(db.session.scalars(query))
