"""The live character counter agrees with the server: typed text with an emoji, a flag, a
combining accent and line breaks counts the same in the browser as when saved."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from journal.extensions import db

from .page_sets.documents_statements import demo_statements

pytestmark = pytest.mark.browser


def test_the_live_count_is_the_count_the_server_saves(new_context, live_server):
    from journal.documents.counting import count
    from journal.documents.models import Document

    ids = demo_statements(live_server)
    page = new_context("pupil", width=360, axe=False).new_page()
    page.goto(f"/documents/{ids['ucas']}/statement")
    box = page.locator("#answer_3")
    box.fill("")
    box.press_sequentially("Cafe\u0301 😀 🇬🇧")
    box.press("Enter")
    box.press_sequentially("next line")
    live = int(page.locator("#answer_3-count").get_attribute("data-count"))
    expect(page.locator(".char-total")).to_contain_text("In all:")
    total = int(page.locator("#total-count").get_attribute("data-count"))
    typed = box.input_value()
    assert live == count(typed) == 19  # "Café" 4, spaces 3, 😀 1, flag 2, line break 1, 8
    # Screen readers hear it once typing pauses, not on every key.
    expect(page.locator("[data-count-announce]")).to_contain_text("19 characters")
    with page.expect_navigation():
        page.locator(".statement-editor button[type=submit]").click()
    # The server's own count of what it saved, as the page shows it without JavaScript.
    page.goto(f"/documents/{ids['ucas']}/statement")
    assert page.locator("#answer_3-count").get_attribute("data-count") == str(live)
    assert page.locator("#total-count").get_attribute("data-count") == str(total)
    with live_server.app.app_context():
        saved = db.session.get(Document, ids["ucas"]).content["answers"][2]
        assert count(saved) == len(saved) == live
