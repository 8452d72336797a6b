"""Passport entries and their revisions.

An entry holds identity, kind, pupil, state and which revision is current; every save writes a
new ``EntryRevision`` with the whole content, and no revision is ever edited in place, so a
sign-off (later) can point at one revision and stay true.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.reference import kinds
from journal.types import UTCDateTime


class Entry(db.Model):
    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("pupil_id", "client_id"),
        Index("ix_entries_pupil_occurred", "pupil_id", "occurred_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"))
    kind: Mapped[str] = mapped_column(String(20))
    client_id: Mapped[str] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(20), default="draft")
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("entry_revisions.id", use_alter=True)
    )
    shared_with_family: Mapped[bool] = mapped_column(default=True)
    source: Mapped[str] = mapped_column(String(30), default=kinds.PUPIL)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    occurred_on: Mapped[date]
    # Copied from the current revision on every save, so lists and counts need no JSON:
    # the encounter category, placement kind or achievement kind, and the Gatsby benchmark.
    category: Mapped[str | None] = mapped_column(String(40))
    benchmark: Mapped[int | None]

    pupil = relationship("Pupil")
    # A diary day belongs to its workplace experience (through entry_parents); others stand alone.
    parent: Mapped[Entry | None] = relationship(
        secondary=lambda: entry_parents,
        primaryjoin=lambda: Entry.id == entry_parents.c.entry_id,
        secondaryjoin=lambda: Entry.id == entry_parents.c.parent_id,
        uselist=False,
    )
    current_revision: Mapped[EntryRevision | None] = relationship(
        foreign_keys=[current_revision_id], post_update=True
    )

    @property
    def content(self) -> dict:
        return self.current_revision.content if self.current_revision else {}

    @property
    def revision_count(self) -> int:
        """Revisions are numbered from 1 and never deleted, so the current number is the count."""
        return self.current_revision.number if self.current_revision else 0

    @property
    def title(self) -> str:
        parent_content = self.parent.content if self.parent is not None else None
        return kinds.title_of(self.kind, self.content, parent_content)

    @property
    def attachments(self) -> list[dict]:
        """The files this revision shows, as the revision recorded them."""
        return list(self.content.get("attachments") or [])

    @property
    def is_draft(self) -> bool:
        return self.state == "draft"

    def __repr__(self) -> str:
        return f"<Entry {self.id} {self.kind} {self.state}>"


# A link table rather than a column on entries: adding a column with a foreign key to
# ``entries`` on SQLite means rebuilding the table, which cascades away every revision.
entry_parents = db.Table(
    "entry_parents",
    db.Column("entry_id", ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    db.Column("parent_id", ForeignKey("entries.id", ondelete="CASCADE"), index=True),
)


class EntryRevision(db.Model):
    """One saved version of an entry's content. Written once, never updated."""

    __tablename__ = "entry_revisions"
    __table_args__ = (UniqueConstraint("entry_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    number: Mapped[int]
    content: Mapped[dict] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author = relationship("User")


class SignOff(db.Model):
    """A member of staff confirming one revision of an entry (or returning it with a comment).

    ``content_sha256`` is the SHA-256 of the revision's canonical serialisation
    (``journal.passport.signing``), so a later change to a signed revision is detected. The
    signer's name and role are copied at the time: they must stay true if the account changes.
    """

    __tablename__ = "sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("entry_revisions.id", ondelete="CASCADE"))
    decision: Mapped[str] = mapped_column(String(10))  # "signed" or "returned"
    comment: Mapped[str] = mapped_column(Text, default="")
    content_sha256: Mapped[str] = mapped_column(String(64))
    signer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_role: Mapped[str] = mapped_column(String(30))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    revision: Mapped[EntryRevision] = relationship()
    signer = relationship("User")


# --- skills, aspirations, intended destinations, "all about me" -------------------------------
# Each is a history: a new row for every change, the newest row is what holds now.


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
