"""Schools, tutor groups and pupils."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow, year_group_label
from journal.extensions import db
from journal.types import UTCDateTime

SCHOOL_TYPES = {
    "mainstream": "Mainstream secondary school",
    "special": "Special school",
    "college": "College",
    "ap": "Alternative provision",
}

SEN_STATUSES = {"N": "No SEND", "K": "SEN support", "E": "EHCP"}


class School(db.Model):
    """A school, special school, college or AP setting. Each has its own Ed25519 key pair."""

    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    urn: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    school_type: Mapped[str] = mapped_column(String(20))
    signing_key_private: Mapped[bytes] = mapped_column(LargeBinary)
    signing_key_public: Mapped[bytes] = mapped_column(LargeBinary)
    family_sharing_default: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def type_label(self) -> str:
        return SCHOOL_TYPES.get(self.school_type, self.school_type)

    def __repr__(self) -> str:
        return f"<School {self.urn} {self.name}>"


class TutorGroup(db.Model):
    __tablename__ = "tutor_groups"
    __table_args__ = (UniqueConstraint("school_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    year_group: Mapped[int | None]

    tutors = relationship("User", secondary="tutor_assignments")


class TutorAssignment(db.Model):
    """A tutor's link to a tutor group; a tutor may have several groups, a group several tutors."""

    __tablename__ = "tutor_assignments"

    tutor_group_id: Mapped[int] = mapped_column(
        ForeignKey("tutor_groups.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Pupil(db.Model):
    """A pupil on a school's roll, with the facts the careers programme needs about them."""

    __tablename__ = "pupils"
    __table_args__ = (UniqueConstraint("school_id", "upn"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    upn: Mapped[str] = mapped_column(String(13))
    uln: Mapped[str | None] = mapped_column(String(10))
    mis_id: Mapped[str | None] = mapped_column(String(40))
    legal_first_name: Mapped[str] = mapped_column(String(100))
    legal_last_name: Mapped[str] = mapped_column(String(100))
    preferred_first_name: Mapped[str | None] = mapped_column(String(100))
    preferred_last_name: Mapped[str | None] = mapped_column(String(100))
    date_of_birth: Mapped[date]
    year_group: Mapped[int] = mapped_column(index=True)
    tutor_group_id: Mapped[int | None] = mapped_column(ForeignKey("tutor_groups.id"), index=True)
    sen_status: Mapped[str] = mapped_column(String(1), default="N")
    career_send_group: Mapped[int | None]
    fsm: Mapped[bool] = mapped_column(default=False)
    pupil_premium: Mapped[bool] = mapped_column(default=False)
    looked_after: Mapped[bool] = mapped_column(default=False)
    gender: Mapped[str | None] = mapped_column(String(40))
    record_began_on: Mapped[date]
    left_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    school = relationship("School")
    tutor_group: Mapped[TutorGroup | None] = relationship()
    user = relationship("User", backref=db.backref("pupil", uselist=False))

    @property
    def first_name(self) -> str:
        return self.preferred_first_name or self.legal_first_name

    @property
    def last_name(self) -> str:
        return self.preferred_last_name or self.legal_last_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def year_label(self) -> str:
        return year_group_label(self.year_group)

    @property
    def disadvantaged(self) -> bool:
        return self.fsm or self.pupil_premium

    @property
    def sen_label(self) -> str:
        return SEN_STATUSES.get(self.sen_status, self.sen_status)

    def __repr__(self) -> str:
        return f"<Pupil {self.upn}>"
