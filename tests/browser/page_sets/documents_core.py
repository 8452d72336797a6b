"""The list of CVs and statements, starting one, and the staff list for a pupil."""

from __future__ import annotations

from tests.browser.visits import _about_pupil, _goto


def _new_document_errors(page, live_server):
    page.goto("/documents/new")
    page.get_by_role("button", name="Start writing").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    return 422


PAGES = {
    "my-documents": ("pupil", _goto("/documents"), True),
    "new-document": ("pupil", _goto("/documents/new"), True),
    "new-document-error": ("pupil", _new_document_errors, False),
    "pupil-documents": ("careers", _about_pupil("/pupils/{pupil}/documents"), True),
}

EXPECTED_STATUS = {"new-document-error": 422}
