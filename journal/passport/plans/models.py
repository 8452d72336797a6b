"""Skills, aspirations, intended destinations and "all about me".

Each is a history: a new row for every change, the newest row is what holds now.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.reference import kinds
from journal.types import UTCDateTime

skill_rating_evidence = db.Table(
    "skill_rating_evidence",
    db.Column("rating_id", ForeignKey("skill_ratings.id", ondelete="CASCADE"), primary_key=True),
    db.Column("entry_id", ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
)


class SkillRating(db.Model):
    """A pupil's self-assessment of one Skills Builder skill on one day: step 0 to 15."""

    __tablename__ = "skill_ratings"
    __table_args__ = (Index("ix_skill_ratings_pupil_skill", "pupil_id", "skill", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"))
    skill: Mapped[str] = mapped_column(String(30))
    step: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(30), default=kinds.PUPIL)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    evidence: Mapped[list[Entry]] = relationship(secondary=skill_rating_evidence)


class Aspiration(db.Model):
    """What the pupil wants to do and why, as they put it at the time."""

    __tablename__ = "aspirations"

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"), index=True)
    what: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(30), default=kinds.PUPIL)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IntendedDestination(db.Model):
    """Where the pupil means to go at a stage (16, 18 or, with an EHCP, up to 25)."""

    __tablename__ = "intended_destinations"
    __table_args__ = (Index("ix_intended_destinations_pupil_stage", "pupil_id", "stage", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"))
    stage: Mapped[str] = mapped_column(String(3))
    category: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(30), default=kinds.PUPIL)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProfileVersion(db.Model):
    """One saved version of the pupil's vocational profile ("all about me")."""

    __tablename__ = "profile_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"), index=True)
    content: Mapped[dict] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(30), default=kinds.PUPIL)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
