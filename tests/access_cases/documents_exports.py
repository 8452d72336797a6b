"""Access cases for downloading a CV or statement as PDF or Word (file routes)."""

from __future__ import annotations

from tests.access_cases.documents_core import document_of
from tests.access_support import STAFF, only


def _own(kind: str, extension: str, query: str = ""):
    return lambda w: f"/documents/{document_of(w.pupil).id}/export.{extension}{query}"


def _others(extension: str):
    return lambda w: f"/documents/{document_of(w.other_pupil).id}/export.{extension}"


def _staff(pupil: str, extension: str, query: str = ""):
    def url(w):
        who = getattr(w, pupil)
        return f"/pupils/{who.id}/documents/{document_of(who).id}/export.{extension}{query}"

    return url


CASES = {
    "documents.export_pdf": [
        ("GET", _own("cv", "pdf", "?style=large"), only({"pupil"})),
        ("GET", _others("pdf"), only({"pupil"}, 404)),
    ],
    "documents.export_docx": [
        ("GET", _own("cv", "docx"), only({"pupil"})),
        ("GET", _others("docx"), only({"pupil"}, 404)),
    ],
    "documents.pupil_export_pdf": [
        ("GET", _staff("pupil", "pdf", "?style=symbols"), only(STAFF)),
        ("GET", _staff("other_pupil", "pdf"), only(STAFF, tutor=404)),
        ("GET", _staff("foreign_pupil", "pdf"), only(STAFF, 404)),
    ],
    "documents.pupil_export_docx": [
        ("GET", _staff("pupil", "docx"), only(STAFF)),
        ("GET", _staff("other_pupil", "docx"), only(STAFF, tutor=404)),
        ("GET", _staff("foreign_pupil", "docx"), only(STAFF, 404)),
    ],
}
