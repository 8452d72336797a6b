"""Reading documents, scoped to who may see them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from journal.extensions import db
from journal.schools.models import Pupil

from .models import Document


def documents_of(pupil: Pupil, *, archived: bool = False) -> list[Document]:
    """The pupil's CVs and statements, most recently changed first (one query)."""
    return list(
        db.session.scalars(
            select(Document)
            .options(joinedload(Document.current_version))
            .where(Document.pupil_id == pupil.id, Document.archived.is_(archived))
            .order_by(Document.updated_at.desc(), Document.id.desc())
        )
    )
