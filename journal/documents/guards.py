"""View guards for CVs and statements: load the document, then check, in one place."""

from __future__ import annotations

from sqlalchemy import select

from journal.extensions import db
from journal.schools.guards import own_pupil_or_403, staff_pupil_or_404
from journal.schools.models import Pupil

from .models import Document


def own_document_or_404(document_id: int) -> Document:
    """The signed-in pupil's own document: 403 for anyone not a pupil, 404 for another's."""
    pupil = own_pupil_or_403()
    return _document_of(pupil, document_id)


def staff_document_or_404(pupil_id: int, document_id: int) -> tuple[Pupil, Document]:
    """A pupil's document for staff in scope: 403 for anyone not staff, 404 outside scope or
    when the document is not that pupil's."""
    pupil = staff_pupil_or_404(pupil_id)
    return pupil, _document_of(pupil, document_id)


def _document_of(pupil: Pupil, document_id: int) -> Document:
    return db.first_or_404(
        select(Document).where(Document.id == document_id, Document.pupil_id == pupil.id)
    )
