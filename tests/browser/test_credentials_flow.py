"""Open Badges end to end in the browser: the demo pupil picks two signed entries and her
signed-off work placement, downloads each, and the public verify page (no sign-in) says each
is valid; after her tutor withdraws the placement's sign-off, it says that one is revoked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from journal.credentials.models import Credential
from journal.extensions import db
from journal.passport.signoff.models import SignOff

from .helpers import check_axe
from .visits import pupil_id_of

pytestmark = pytest.mark.browser

PLACEMENT = "A work placement: Aire Valley Vets"


def _verify(page, file: Path) -> str:
    page.goto("/verify")
    page.get_by_label("A credential file (.jwt)").set_input_files(str(file))
    with page.expect_navigation():
        page.get_by_role("button", name="Check it").click()
    check_axe(page, "verify verdict")
    return page.locator("#verdict-title").inner_text()


def test_pupil_downloads_badges_and_the_verify_page_follows_a_withdrawal(
    new_context, live_server, tmp_path
):
    pupil = new_context("pupil").new_page()
    pupil.goto("/credentials")
    boxes = pupil.locator("fieldset ul.checkboxes li")
    labels = boxes.all_inner_texts()
    assert any(PLACEMENT in text for text in labels), labels
    others = [t.strip() for t in labels if PLACEMENT not in t][:2]
    for text in [*others, PLACEMENT]:
        pupil.get_by_label(text, exact=True).check()
    pupil.get_by_label("The name to show on them").fill("Maya P")
    with pupil.expect_navigation():
        pupil.get_by_role("button", name="Make my badges").click()
    assert "ready" in pupil.locator(".flash").first.inner_text()
    check_axe(pupil, "my badges, made")

    files = {}
    for title in [*others, PLACEMENT]:
        link = pupil.locator("ul.credentials li", has_text=title).get_by_role("link")
        with pupil.expect_download() as download:
            link.click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        files[title] = path
    assert len(files) == 3

    visitor = new_context(None).new_page()  # nobody signed in
    for title, path in files.items():
        assert _verify(visitor, path) == "This credential is valid.", title
        assert "Maya P" in visitor.locator("dl.facts").inner_text()

    with live_server.app.app_context():
        entry_id = db.session.scalar(
            select(SignOff.entry_id)
            .join(Credential, Credential.sign_off_id == SignOff.id)
            .where(Credential.title == PLACEMENT)
        )
    tutor = new_context("tutor").new_page()
    tutor.goto(f"/pupils/{pupil_id_of(live_server, 'pupil')}/entries/{entry_id}")
    tutor.get_by_text("Withdraw this sign-off").click()
    tutor.get_by_label("Why are you withdrawing it?").fill("The placement report was not ours.")
    with tutor.expect_navigation():
        tutor.get_by_role("button", name="Withdraw the sign-off").click()
    assert "withdrew" in tutor.locator(".flash").first.inner_text()

    assert _verify(visitor, files[PLACEMENT]) == (
        "This credential has been revoked by the school that issued it."
    )
    for title in others:
        assert _verify(visitor, files[title]) == "This credential is valid.", title
