"""What the app remembers about passport files it has imported.

``PassportImport`` is one file received for one pupil, named by the SHA-256 of the file, so the
same file imported twice is recognised. ``ImportedRecord`` links each row the import wrote (an
entry, a sign-off, a skill rating…) to where it came from: the issuing school and the record's
id in the file. Link tables rather than columns on ``entries``: adding a column there on
SQLite means rebuilding the table.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime


class PassportImport(db.Model):
    """One passport file imported into one pupil's record."""

    __tablename__ = "passport_imports"
    __table_args__ = (UniqueConstraint("pupil_id", "file_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), index=True)
    file_sha256: Mapped[str] = mapped_column(String(64))
    format_version: Mapped[int]
    issuer_urn: Mapped[str] = mapped_column(String(10))
    issuer_name: Mapped[str] = mapped_column(String(200))
    issuer_public_key: Mapped[str] = mapped_column(String(64))  # base64 of the raw 32 bytes
    # "deployment": the key is the one this deployment holds for that school; "fingerprint":
    # staff compared the fingerprint with the published one; "unchecked": nobody has yet.
    key_check: Mapped[str] = mapped_column(String(20))
    exported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    imported_by = relationship("User")

    @property
    def key_verified(self) -> bool:
        return self.key_check in ("deployment", "fingerprint")


class ImportedRecord(db.Model):
    """A row written by an import, and its origin: ``origin_id`` is the record's id in the file
    (an entry's client id, a sign-off's position…), unique per pupil and record type, so a
    second file holding the same record does not write it again."""

    __tablename__ = "passport_imported_records"
    __table_args__ = (
        UniqueConstraint("pupil_id", "record_type", "origin_id"),
        Index("ix_passport_imported_records_record", "record_type", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("passport_imports.id", ondelete="CASCADE"), index=True
    )
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int]
    origin_id: Mapped[str] = mapped_column(String(120))
    school_name: Mapped[str] = mapped_column(String(200))
    school_urn: Mapped[str] = mapped_column(String(10))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)

    passport_import: Mapped[PassportImport] = relationship()
