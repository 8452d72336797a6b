"""Reads for showing where imported records came from."""

from __future__ import annotations

from sqlalchemy import select

from journal.extensions import db

from .models import ImportedRecord, PassportImport


def origin_of(record_type: str, record_id: int) -> ImportedRecord | None:
    """The import a row came from, or None for a row written here (one query)."""
    return db.session.scalar(
        select(ImportedRecord).where(
            ImportedRecord.record_type == record_type, ImportedRecord.record_id == record_id
        )
    )


def sign_off_origins(sign_offs) -> dict[int, ImportedRecord]:
    """Imported sign-offs among ``sign_offs``, by sign-off id (one query)."""
    ids = [s.id for s in sign_offs]
    if not ids:
        return {}
    rows = db.session.scalars(
        select(ImportedRecord).where(
            ImportedRecord.record_type == "sign_off", ImportedRecord.record_id.in_(ids)
        )
    )
    return {r.record_id: r for r in rows}


def imports_to_confirm(pupil) -> list[PassportImport]:
    """The pupil's imported passports whose school's key nobody here has confirmed yet, so
    their sign-offs show as not verified (newest first, one query)."""
    return list(
        db.session.scalars(
            select(PassportImport)
            .where(PassportImport.pupil_id == pupil.id, PassportImport.key_check == "unchecked")
            .order_by(PassportImport.imported_at.desc(), PassportImport.id.desc())
        )
    )


def import_of(pupil, import_id: int) -> PassportImport | None:
    """One of the pupil's imported passports (None if it is not theirs)."""
    return db.session.scalar(
        select(PassportImport).where(
            PassportImport.id == import_id, PassportImport.pupil_id == pupil.id
        )
    )
