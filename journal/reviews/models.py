"""Annual reviews. A review belongs to one pupil and has a date; its period runs from the
pupil's previous review (or the start of their record) to that date. Before it, the pupil,
each linked family member and staff write their own words (``ReviewContribution``, one a
person); staff add notes on the Preparing for Adulthood areas; after it, the decisions and
actions agreed are guidance records (``journal.guidance``) linked back to the review here.
A completed review is read-only."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime

# Whose words a contribution is.
PUPIL = "pupil"
FAMILY = "family"
STAFF = "staff"
VOICES = {
    PUPIL: "What I want people to know",
    FAMILY: "The family's view",
    STAFF: "The school's summary",
}

# The four Preparing for Adulthood areas (SEND Code of Practice 8.9), for pupils with an
# EHCP from Year 9.
PFA_AREAS = {
    "employment": "Employment and higher education",
    "independent_living": "Independent living",
    "community": "Participating in society",
    "health": "Being as healthy as possible",
}
PFA_FROM_YEAR = 9


class AnnualReview(db.Model):
    """A pupil's annual review, on ``held_on``."""

    __tablename__ = "annual_reviews"
    __table_args__ = (Index("ix_annual_reviews_pupil_held", "pupil_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    held_on: Mapped[date]
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    pupil = relationship("Pupil")
    opened_by = relationship("User", foreign_keys=[opened_by_id])
    completed_by = relationship("User", foreign_keys=[completed_by_id])

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class ReviewContribution(db.Model):
    """One person's words for a review: the pupil's, a family member's or staff's summary."""

    __tablename__ = "review_contributions"
    __table_args__ = (UniqueConstraint("review_id", "voice", "author_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("annual_reviews.id", ondelete="CASCADE"), index=True
    )
    voice: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200))  # kept if the account goes
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author = relationship("User")


class ReviewAreaNote(db.Model):
    """Staff notes on one Preparing for Adulthood area of a review."""

    __tablename__ = "review_area_notes"
    __table_args__ = (UniqueConstraint("review_id", "area"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("annual_reviews.id", ondelete="CASCADE"), index=True
    )
    area: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# The guidance records agreed at a review. The guidance tables stay as they are: these link
# tables say which decision (a GuidanceNote) or action came from which review.
review_decisions = db.Table(
    "review_decisions",
    Column(
        "review_id",
        ForeignKey("annual_reviews.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("note_id", ForeignKey("guidance_notes.id", ondelete="CASCADE"), primary_key=True),
)
review_actions = db.Table(
    "review_actions",
    Column(
        "review_id",
        ForeignKey("annual_reviews.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("action_id", ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True),
)
