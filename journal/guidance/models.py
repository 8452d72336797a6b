"""Guidance records. Every record belongs to one pupil, says who made it and when, and who can
see it: the pupil and their family, the pupil only, or staff only (sensitive notes)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime

# Who can see a record.
PUPIL_AND_FAMILY = "pupil_family"
PUPIL_ONLY = "pupil"
STAFF_ONLY = "staff"
VISIBILITIES = {
    PUPIL_AND_FAMILY: "The pupil and their family",
    PUPIL_ONLY: "The pupil only",
    STAFF_ONLY: "Staff only (a sensitive note)",
}


class GuidanceInterview(db.Model):
    """A personal guidance interview (Gatsby benchmark 8)."""

    __tablename__ = "guidance_interviews"
    __table_args__ = (Index("ix_guidance_interviews_pupil_held", "pupil_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"))
    adviser_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    adviser_name: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(20), default=PUPIL_AND_FAMILY)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    adviser = relationship("User", foreign_keys=[adviser_id])


NOTE_KINDS = {"advice": "Advice", "decision": "Agreed decision"}


class GuidanceNote(db.Model):
    """A piece of advice given to the pupil, or a decision agreed with them."""

    __tablename__ = "guidance_notes"
    __table_args__ = (Index("ix_guidance_notes_pupil_created", "pupil_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("guidance_interviews.id", ondelete="SET NULL"), index=True
    )
    visibility: Mapped[str] = mapped_column(String(20), default=PUPIL_AND_FAMILY)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author = relationship("User")
    interview: Mapped[GuidanceInterview | None] = relationship()


OWNERS = {
    "pupil": "The pupil",
    "staff": "A member of staff",
    "family": "The family",
    "agency": "An outside agency",
}
ACTION_STATUSES = {"open": "Open", "done": "Done", "not_needed": "No longer needed"}


class Action(db.Model):
    """A transition action: what, who owns it, by when, and whether it is done."""

    __tablename__ = "actions"
    __table_args__ = (
        Index("ix_actions_pupil_status_due", "pupil_id", "status", "due_on"),
        Index("ix_actions_owner_status_due", "owner_user_id", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"))
    what: Mapped[str] = mapped_column(Text)
    owner_kind: Mapped[str] = mapped_column(String(20))
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    owner_name: Mapped[str] = mapped_column(String(200), default="")  # an agency, or a person
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="open")
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("guidance_interviews.id", ondelete="SET NULL"), index=True
    )
    visibility: Mapped[str] = mapped_column(String(20), default=PUPIL_AND_FAMILY)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status_changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    owner_user = relationship("User", foreign_keys=[owner_user_id])
    interview: Mapped[GuidanceInterview | None] = relationship()


SUBJECTS = ("entry", "note", "action", "interview")


class Comment(db.Model):
    """A comment on something in a pupil's record (an entry, advice, a decision, an action or
    an interview), by staff or by the pupil answering. Replies thread by subject, in order."""

    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_subject", "subject_type", "subject_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"), index=True)
    subject_type: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(20), default=PUPIL_AND_FAMILY)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author = relationship("User")
