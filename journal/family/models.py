"""Family links (a family member's account to a pupil) and the one-time invites that make them.

A family member may be linked to several pupils (siblings), a pupil to several family members.
A link is never deleted: revoking it stamps ``revoked_at``, so the record says who could see
what, and when. An invite keeps only the SHA-256 of its code: the code itself is shown once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime


class FamilyLink(db.Model):
    """A family member's account linked to one pupil."""

    __tablename__ = "family_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), index=True)
    relationship_label: Mapped[str] = mapped_column(String(60), default="")
    invite_id: Mapped[int | None] = mapped_column(
        ForeignKey("family_invites.id", ondelete="SET NULL")
    )
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    family_user = relationship("User", foreign_keys=[family_user_id])
    pupil = relationship("Pupil")
    linked_by = relationship("User", foreign_keys=[linked_by_id])

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None


class FamilyInvite(db.Model):
    """A one-time code that links whoever signs up with it to one pupil."""

    __tablename__ = "family_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), index=True)
    code_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    relationship_label: Mapped[str] = mapped_column(String(60), default="")
    made_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    pupil = relationship("Pupil")
    made_by = relationship("User", foreign_keys=[made_by_id])

    def is_open(self, now: datetime | None = None) -> bool:
        """Not used, not revoked, not expired."""
        now = now or utcnow()
        return self.used_at is None and self.revoked_at is None and self.expires_at > now
