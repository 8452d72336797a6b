"""Destination records, kept as a history: every record is a new row, never edited, so the
record says who said what and when (a pupil's own update, staff, the local authority).
The current value for a pupil at a stage is the newest row for that (pupil, stage).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime

# What a record is about. Intended destinations start in the pupil's passport (stages "16",
# "18", "25" in journal.reference.destinations.STAGES); a staff-confirmed one is stored here.
STAGES = {
    "intended_16": "Intended destination at 16 (confirmed by staff)",
    "intended_18": "Intended destination at 18 (confirmed by staff)",
    "guarantee_11": "September Guarantee (Year 11)",
    "guarantee_12": "September Guarantee (Year 12)",
    "leaving": "Destination on leaving",
    "checkpoint_1": "One year after leaving",
    "checkpoint_2": "Two years after leaving",
    "checkpoint_3": "Three years after leaving",
}
GUARANTEE_STATUSES = {
    "offer_made": "Offer made",
    "no_offer": "No offer",
    "not_appropriate": "Offer not appropriate",
    "not_recorded": "Not recorded",
}
SOURCES = {
    "pupil": "The pupil or former pupil",
    "staff": "School staff",
    "local_authority": "The local authority",
    "family": "The family",
    "provider": "The provider or employer",
}


class DestinationRecord(db.Model):
    __tablename__ = "destination_records"
    __table_args__ = (Index("ix_destination_records_pupil_stage", "pupil_id", "stage", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(20))
    activity_code: Mapped[str | None] = mapped_column(String(3))  # NCCIS; None for a guarantee
    guarantee_status: Mapped[str | None] = mapped_column(String(20))  # September Guarantee only
    provider: Mapped[str] = mapped_column(String(200), default="")  # provider or employer
    effective_on: Mapped[date | None]  # when it started, or when it was true
    source: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    pupil = relationship("Pupil")
    recorded_by = relationship("User")


class RoleModel(db.Model):
    """A former pupil who agrees to be listed for careers staff as a role model the school can
    invite back. Only what they chose to say is shown; withdrawing hides them at once."""

    __tablename__ = "role_models"
    __table_args__ = (UniqueConstraint("pupil_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    now_doing: Mapped[str] = mapped_column(String(300), default="")
    happy_to: Mapped[str] = mapped_column(String(300), default="")  # talk, visit, mentor...
    agreed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    pupil = relationship("Pupil")

    @property
    def is_listed(self) -> bool:
        return self.agreed_at is not None and self.withdrawn_at is None
