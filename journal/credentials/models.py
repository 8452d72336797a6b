"""Credentials the pupil chose to have issued, and the bit each holds in its school's list."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime

# What a credential can stand on: a staff sign-off of an entry, or a Skills Builder step that a
# member of staff recorded for the pupil.
SIGN_OFF = "sign_off"
SKILL_STEP = "skill_step"
BASES = (SIGN_OFF, SKILL_STEP)

# "requested": an under-13 pupil's choice, waiting for staff to agree; "issued": signed.
REQUESTED = "requested"
ISSUED = "issued"


class Credential(db.Model):
    """One OpenBadgeCredential. ``status_index`` is its bit in the school's Bitstring Status
    List (chosen at random, unique per school); ``token`` is the signed VC-JWT exactly as
    issued. ``subject_name`` is the name the pupil chose to show; ``own_words`` whether the
    pupil's own words went into the evidence. ``revoked_at`` is set when staff withdraw the
    sign-off (an entry changed after signing is revoked by the status list's query too)."""

    __tablename__ = "credentials"
    __table_args__ = (UniqueConstraint("school_id", "status_index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), index=True)
    basis: Mapped[str] = mapped_column(String(20))
    sign_off_id: Mapped[int | None] = mapped_column(
        ForeignKey("sign_offs.id", ondelete="SET NULL"), index=True
    )
    skill_rating_id: Mapped[int | None] = mapped_column(
        ForeignKey("skill_ratings.id", ondelete="SET NULL")
    )
    state: Mapped[str] = mapped_column(String(20), default=REQUESTED)
    status_index: Mapped[int]
    subject_name: Mapped[str] = mapped_column(String(200))
    own_words: Mapped[bool] = mapped_column(default=False)
    title: Mapped[str] = mapped_column(String(300))
    token: Mapped[str | None] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    agreed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str] = mapped_column(String(200), default="")

    pupil = relationship("Pupil")
    school = relationship("School")

    @property
    def is_issued(self) -> bool:
        return self.state == ISSUED and self.token is not None
