"""Passport entries and their revisions.

An entry holds identity, kind, pupil, state and which revision is current; every save writes a
new ``EntryRevision`` with the whole content, and no revision is ever edited in place, so a
sign-off (``journal.passport.signoff``) can point at one revision and stay true.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, and_
from sqlalchemy.ext.hybrid import hybrid_property
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

    @hybrid_property
    def visible_to_family(self) -> bool:
        """The one family-visibility rule: a linked family member sees a saved entry the pupil
        shares with family, never a draft. ``entry.visible_to_family`` in Python, and
        ``Entry.visible_to_family`` in a query's WHERE."""
        return not self.is_draft and self.shared_with_family

    @visible_to_family.inplace.expression
    @classmethod
    def _visible_to_family_sql(cls):
        return and_(cls.state != "draft", cls.shared_with_family.is_(True))

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
