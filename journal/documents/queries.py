"""Reading documents, scoped to who may see them."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from journal.accounts.models import User
from journal.extensions import db
from journal.schools.models import Pupil
from journal.schools.queries import pupil_for

from .models import Document, DocumentVersion


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


def own_document(user: User, document_id: int) -> Document:
    """The signed-in pupil's own document: 403 for anyone not a pupil, 404 for another's."""
    if not user.is_pupil or user.pupil is None:
        abort(403)
    document = db.session.get(Document, document_id)
    if document is None or document.pupil_id != user.pupil.id:
        abort(404)
    return document


def staff_document(user: User, pupil_id: int, document_id: int) -> tuple[Pupil, Document]:
    """A pupil's document for staff in scope: 403 for non-staff, 404 outside scope or when
    the document is not that pupil's."""
    if not user.is_staff:
        abort(403)
    pupil = pupil_for(user, pupil_id)
    document = db.session.get(Document, document_id)
    if document is None or document.pupil_id != pupil.id:
        abort(404)
    return pupil, document


def version_of(document: Document, number: int) -> DocumentVersion:
    version = db.session.scalar(
        select(DocumentVersion).where(
            DocumentVersion.document_id == document.id, DocumentVersion.number == number
        )
    )
    if version is None:
        abort(404)
    return version
