"""Access cases for the CV editor, picking passport entries, and the staff reading page."""

from __future__ import annotations

from tests.access_cases.documents_core import document_of
from tests.access_support import STAFF, only


def _cv(w, pupil="pupil"):
    return document_of(getattr(w, pupil)).id


CASES = {
    "documents.cv": [
        ("GET", lambda w: f"/documents/{_cv(w)}/cv", only({"pupil"})),
        ("GET", lambda w: f"/documents/{_cv(w, 'other_pupil')}/cv", only({"pupil"}, 404)),
        ("GET", lambda w: f"/documents/{_cv(w, 'foreign_pupil')}/cv", only({"pupil"}, 404)),
        (
            "GET",
            lambda w: f"/documents/{document_of(w.pupil, 'statement').id}/cv",
            only({"pupil"}, 404),
        ),
        # Posted without the version it started from: the conflict page, nothing saved.
        ("POST", lambda w: f"/documents/{_cv(w)}/cv", only({"pupil"}, 409)),
        ("POST", lambda w: f"/documents/{_cv(w, 'other_pupil')}/cv", only({"pupil"}, 404)),
    ],
    "documents.cv_pick": [
        ("GET", lambda w: f"/documents/{_cv(w)}/cv/pick", only({"pupil"})),
        ("GET", lambda w: f"/documents/{_cv(w, 'other_pupil')}/cv/pick", only({"pupil"}, 404)),
        ("POST", lambda w: f"/documents/{_cv(w)}/cv/pick", only({"pupil"}, 422)),
        (
            "POST",
            lambda w: f"/documents/{_cv(w, 'other_pupil')}/cv/pick",
            only({"pupil"}, 404),
        ),
    ],
    "documents.pupil_cv": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/documents/{_cv(w)}/cv", only(STAFF)),
        (
            "GET",
            lambda w: f"/pupils/{w.other_pupil.id}/documents/{_cv(w, 'other_pupil')}/cv",
            only(STAFF, tutor=404),
        ),
        (
            "GET",
            lambda w: f"/pupils/{w.foreign_pupil.id}/documents/{_cv(w, 'foreign_pupil')}/cv",
            only(STAFF, 404),
        ),
        # Another pupil's document under this pupil's address.
        (
            "GET",
            lambda w: f"/pupils/{w.pupil.id}/documents/{_cv(w, 'other_pupil')}/cv",
            only(STAFF, 404),
        ),
        (
            "GET",
            lambda w: f"/pupils/{w.pupil.id}/documents/{document_of(w.pupil, 'statement').id}/cv",
            only(STAFF, 404),
        ),
    ],
}
