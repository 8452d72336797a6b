"""The audit log: who did what, to which pupil, when and from where."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_school_at", "school_id", "at"),
        Index("ix_audit_events_pupil_at", "pupil_id", "at"),
        Index("ix_audit_events_actor_at", "actor_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    pupil_id: Mapped[int | None] = mapped_column(ForeignKey("pupils.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    ip_address: Mapped[str | None] = mapped_column(String(45))

    actor = relationship("User", lazy="joined")
    pupil = relationship("Pupil", lazy="joined")
