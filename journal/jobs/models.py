"""A job (what was asked, by whom, its state and lease) and a rendered file kept by the exact
input it was made from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATES = {
    QUEUED: "Waiting for its turn",
    RUNNING: "Being made",
    DONE: "Ready",
    FAILED: "Could not be made",
}


class Job(db.Model):
    """One piece of heavy work for one person. ``lease_until`` is renewed by the worker while
    it runs; a running job whose lease has passed lost its worker and is queued again."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_state_lease", "state", "lease_until"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    pupil_id: Mapped[int | None] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(10), default=QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    progress: Mapped[str] = mapped_column(String(200), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    result_key: Mapped[str | None] = mapped_column(String(64))
    result_name: Mapped[str | None] = mapped_column(String(200))
    media_type: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED)

    @property
    def state_words(self) -> str:
        return STATES.get(self.state, self.state)


class RenderedFile(db.Model):
    """A document made once per version: ``input_sha256`` is the SHA-256 of the exact input
    (engine, template and content) it was made from, ``storage_key`` where its bytes are."""

    __tablename__ = "rendered_files"

    input_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    storage_key: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
