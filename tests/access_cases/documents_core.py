"""Access cases for the list of CVs and statements and starting one."""

from __future__ import annotations

from journal.extensions import db
from tests.access_support import STAFF, only
from tests.factories import Factory


def document_of(pupil, kind: str = "cv"):
    """A document of ``pupil`` of this kind (made on first use)."""
    from journal.documents.models import Document

    found = db.session.scalar(
        db.select(Document).where(Document.pupil_id == pupil.id, Document.kind == kind)
    )
    return found or Factory().document(pupil, kind=kind, title=f"My {kind}")


CASES = {
    "documents.my_documents": [("GET", lambda w: "/documents", only({"pupil"}))],
    "documents.new_document": [
        ("GET", lambda w: "/documents/new", only({"pupil"})),
        ("POST", lambda w: "/documents/new", only({"pupil"}, 422)),
    ],
    "documents.open_document": [
        ("GET", lambda w: f"/documents/{document_of(w.pupil).id}", only({"pupil"}, 302)),
        ("GET", lambda w: f"/documents/{document_of(w.other_pupil).id}", only({"pupil"}, 404)),
    ],
    "documents.pupil_documents": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/documents", only(STAFF)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/documents", only(STAFF, 404)),
    ],
}
