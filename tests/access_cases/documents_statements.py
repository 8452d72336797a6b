"""Access cases for personal statements, comments on any document, version history and the
plain-text export."""

from __future__ import annotations

from journal.extensions import db
from tests.access_cases.documents_core import document_of
from tests.access_support import STAFF, only


def comment_of(pupil):
    """A staff comment on ``pupil``'s UCAS statement (made on first use)."""
    from journal.documents import comments
    from journal.documents.models import DocumentComment

    document = document_of(pupil, "ucas")
    found = db.session.scalar(
        db.select(DocumentComment).where(DocumentComment.document_id == document.id)
    )
    if found is None:
        author = document.pupil.user
        found = comments.add_comment(document, section="answer-1", body="More?", by=author)
    return found


def _ucas(pupil) -> int:
    return document_of(pupil, "ucas").id


def _staff(w, pupil, page: str) -> str:
    return f"/pupils/{pupil.id}/documents/{_ucas(pupil)}/{page}"


CASES = {
    "documents.statement": [
        ("GET", lambda w: f"/documents/{_ucas(w.pupil)}/statement", only({"pupil"})),
        ("GET", lambda w: f"/documents/{document_of(w.pupil).id}/statement", only({"pupil"}, 404)),
        ("GET", lambda w: f"/documents/{_ucas(w.other_pupil)}/statement", only({"pupil"}, 404)),
        # An empty form carries no version: refused as a conflict, nothing saved.
        ("POST", lambda w: f"/documents/{_ucas(w.pupil)}/statement", only({"pupil"}, 409)),
        ("POST", lambda w: f"/documents/{_ucas(w.other_pupil)}/statement", only({"pupil"}, 404)),
    ],
    "documents.pupil_statement": [
        ("GET", lambda w: _staff(w, w.pupil, "statement"), only(STAFF)),
        ("GET", lambda w: _staff(w, w.other_pupil, "statement"), only(STAFF, tutor=404)),
        ("GET", lambda w: _staff(w, w.foreign_pupil, "statement"), only(STAFF, 404)),
    ],
    "documents.history": [
        ("GET", lambda w: f"/documents/{_ucas(w.pupil)}/history", only({"pupil"})),
        ("GET", lambda w: f"/documents/{_ucas(w.pupil)}/history?version=1", only({"pupil"})),
        ("GET", lambda w: f"/documents/{_ucas(w.other_pupil)}/history", only({"pupil"}, 404)),
    ],
    "documents.pupil_history": [
        ("GET", lambda w: _staff(w, w.pupil, "history"), only(STAFF)),
        ("GET", lambda w: _staff(w, w.other_pupil, "history"), only(STAFF, tutor=404)),
        ("GET", lambda w: _staff(w, w.foreign_pupil, "history"), only(STAFF, 404)),
    ],
    "documents.export_text": [
        ("GET", lambda w: f"/documents/{_ucas(w.pupil)}/export.txt", only({"pupil"})),
        ("GET", lambda w: f"/documents/{document_of(w.pupil).id}/export.txt", only({"pupil"})),
        ("GET", lambda w: f"/documents/{_ucas(w.other_pupil)}/export.txt", only({"pupil"}, 404)),
    ],
    "documents.pupil_export_text": [
        ("GET", lambda w: _staff(w, w.pupil, "export.txt"), only(STAFF)),
        ("GET", lambda w: _staff(w, w.other_pupil, "export.txt"), only(STAFF, tutor=404)),
        ("GET", lambda w: _staff(w, w.foreign_pupil, "export.txt"), only(STAFF, 404)),
    ],
    # An empty comment: refused (422) for those who may comment.
    "documents.comment": [
        ("POST", lambda w: f"/documents/{_ucas(w.pupil)}/comments", only({"pupil", *STAFF}, 422)),
        (
            "POST",
            lambda w: f"/documents/{_ucas(w.other_pupil)}/comments",
            only({*STAFF}, 422, pupil=404, tutor=404),
        ),
        (
            "POST",
            lambda w: f"/documents/{_ucas(w.foreign_pupil)}/comments",
            only({"pupil", *STAFF}, 404),
        ),
    ],
    "documents.resolve_comment": [
        (
            "POST",
            lambda w: f"/documents/comments/{comment_of(w.pupil).id}/resolve",
            only({"pupil", *STAFF}, 303),
        ),
        (
            "POST",
            lambda w: f"/documents/comments/{comment_of(w.other_pupil).id}/resolve",
            only({*STAFF}, 303, pupil=404, tutor=404),
        ),
        (
            "POST",
            lambda w: f"/documents/comments/{comment_of(w.foreign_pupil).id}/resolve",
            only({"pupil", *STAFF}, 404),
        ),
    ],
}
