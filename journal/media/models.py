"""An uploaded file as the app knows it: who it belongs to, what it is, where it is stored.

The bytes live in the storage (``journal.media.storage``) under ``key``; the row records the
SHA-256 and media type of what was stored (after cleaning, never the upload as sent). A file is
uploaded first and belongs to the pupil; an entry claims it when the entry is saved, and the
entry's revision lists the attachments it showed, so an old revision keeps its old photos.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime


class Attachment(db.Model):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"), index=True)
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("entries.id", ondelete="SET NULL"), index=True
    )
    key: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int]
    width: Mapped[int | None]
    height: Mapped[int | None]
    thumbnail_key: Mapped[str | None] = mapped_column(String(100))
    original_name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(String(300), default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_pdf(self) -> bool:
        return self.media_type == "application/pdf"

    def as_content(self) -> dict:
        """How a revision records this file: enough to check it later without the row."""
        return {
            "id": self.id,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "description": self.description,
        }

    def __repr__(self) -> str:
        return f"<Attachment {self.id} {self.media_type}>"
