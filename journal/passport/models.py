"""Passport entries and their revisions.

An entry holds identity, kind, pupil, state and which revision is current; every save writes a
new ``EntryRevision`` with the whole content, and no revision is ever edited in place, so a
sign-off (later) can point at one revision and stay true.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime

from . import kinds


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

    pupil = relationship("Pupil")
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
        if self.kind == kinds.ENCOUNTER:
            label = kinds.category_label(self.content.get("category"))
            organisation = self.content.get("organisation")
            return f"{label}: {organisation}" if organisation else label
        return kinds.KINDS.get(self.kind, self.kind)

    @property
    def benchmark(self) -> int | None:
        return kinds.benchmark_of(self.content.get("category"))

    @property
    def is_draft(self) -> bool:
        return self.state == "draft"

    def __repr__(self) -> str:
        return f"<Entry {self.id} {self.kind} {self.state}>"


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
