"""The CV pages in the browser walk: the demo pupil's editor, the picker and the staff page.

The demo may have no CV yet: the first visit makes one for the demo pupil, with lines taken
from her passport so the editor shows rows of every section."""

from __future__ import annotations

from sqlalchemy import select

from journal.extensions import db
from tests.browser.visits import pupil_id_of


def _demo_cv(live_server) -> tuple[int, int]:
    """(pupil id, CV id) of the demo pupil's CV, made on first use."""
    from journal.documents import cv, operations
    from journal.documents.models import Document
    from journal.schools.models import Pupil

    pupil_id = pupil_id_of(live_server, "pupil")
    with live_server.app.app_context():
        found = db.session.scalar(
            select(Document.id)
            .where(Document.pupil_id == pupil_id, Document.kind == "cv")
            .order_by(Document.id)
        )
        if found is None:
            pupil = db.session.get(Pupil, pupil_id)
            available = cv.pickable(pupil)
            content, _ = cv.add_to_cv(
                {
                    "education": [
                        {"what": "GCSEs", "where": "Riverside", "when": "2027", "grade": ""}
                    ]
                },
                available,
                entry_ids=list(available.entries)[:4],
                skill_codes=[rating.skill for rating, _ in available.skills][:2],
                profile=True,
                interests=True,
            )
            document = operations.create_document(
                pupil, kind="cv", title="CV for the vets", by=pupil.user, content=content
            )
            db.session.commit()
            found = document.id
    return pupil_id, found


def _visit(path: str):
    def visit(page, live_server):
        pupil_id, document_id = _demo_cv(live_server)
        return page.goto(path.format(pupil=pupil_id, document=document_id)).status

    return visit


def _editor_with_errors(page, live_server):
    """A save with a heading left empty: the messages beside the fields (422)."""
    _, document_id = _demo_cv(live_server)
    page.goto(f"/documents/{document_id}/cv")
    page.locator("#cv-form-add-education, [name=add-education]").first.click()
    page.wait_for_load_state()
    page.locator("#education-row-2 textarea, #education-row-2 input[type=text]").nth(1).fill(
        "Riverside"
    )
    page.locator("[name=save]").first.click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    return 422


PAGES = {
    "cv-editor": ("pupil", _visit("/documents/{document}/cv"), True),
    "cv-editor-error": ("pupil", _editor_with_errors, False),
    "cv-pick": ("pupil", _visit("/documents/{document}/cv/pick"), True),
    "cv-staff": ("careers", _visit("/pupils/{pupil}/documents/{document}/cv"), True),
}

EXPECTED_STATUS = {"cv-editor-error": 422}
