"""Simple mode's recording with the keyboard only (Tab, Space, Enter, typing: no clicks), with
axe-core on every screen: at 360 px in the standard view, and at 320 px in the large view."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from journal.accessibility.models import OWN, ViewPreferences
from journal.accessibility.operations import save_own_preferences
from journal.accounts.models import User
from journal.extensions import db

from .helpers import assert_no_sideways_scroll, check_axe
from .test_view_modes import MODES

pytestmark = pytest.mark.browser

FOCUSED = (
    "() => { const e = document.activeElement; return e ? (e.id || '') + '|' + "
    "(e.getAttribute('value') || '') + '|' + (e.name || '') : ''; }"
)


def tab_to(page, *, element_id: str | None = None, value: str | None = None) -> None:
    """Press Tab until the focused control has this id or this value (at most 80 presses)."""
    for _ in range(80):
        page.keyboard.press("Tab")
        focused_id, focused_value, _name = page.evaluate(FOCUSED).split("|")
        if (element_id and focused_id == element_id) or (value and focused_value == value):
            return
    pytest.fail(f"Tab never reached {element_id or value} on {page.url}")


def choose_radio(page, first: str, target: str) -> None:
    """Tab into a radio group (it lands on its first radio), then arrow keys to ``target``."""
    tab_to(page, value=first)
    page.keyboard.press("Space")
    for _ in range(20):
        if page.evaluate(FOCUSED).split("|")[1] == target:
            return
        page.keyboard.press("ArrowRight")
    pytest.fail(f"the arrow keys never reached {target}")


def next_screen(page, label: str, expected: str) -> None:
    tab_to(page, value="next")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text(expected).is_visible(), f"{label}: {expected} not shown"
    check_axe(page, label)
    assert_no_sideways_scroll(page, label)


def set_view(live_server, username: str, mode: str | None) -> None:
    with live_server.app.app_context():
        user = db.session.scalars(select(User).where(User.username == username)).one()
        db.session.execute(
            delete(ViewPreferences).where(
                ViewPreferences.user_id == user.id, ViewPreferences.set_by == OWN
            )
        )
        if mode:
            save_own_preferences(user, MODES[mode])
        db.session.commit()
        db.session.remove()


def walk_by_keyboard(page, label: str) -> None:
    page.goto("/passport/simple")
    assert page.get_by_text("Step 1 of 8").is_visible()
    check_axe(page, f"{label} step 1")
    assert_no_sideways_scroll(page, f"{label} step 1")
    choose_radio(page, "employer_talk", "careers_fair")
    assert page.locator("#what-1").is_checked()
    next_screen(page, f"{label} step 2", "Step 2 of 8")
    tab_to(page, element_id="where")
    page.keyboard.type("City College")
    with page.expect_navigation():  # Enter in a text box presses the first button: Next
        page.keyboard.press("Enter")
    assert page.get_by_text("Step 3 of 8").is_visible()
    check_axe(page, f"{label} step 3")
    choose_radio(page, "today", "today")
    next_screen(page, f"{label} step 4", "Step 4 of 8")
    tab_to(page, value="manager")
    page.keyboard.press("Space")
    tab_to(page, value="worker")
    page.keyboard.press("Space")
    next_screen(page, f"{label} step 5", "Step 5 of 8")
    choose_radio(page, "1", "5")
    assert page.locator("#feeling-4").is_checked()
    next_screen(page, f"{label} step 6", "Step 6 of 8")
    tab_to(page, element_id="more")
    page.keyboard.type("I asked about nursing.")
    next_screen(page, f"{label} step 7", "Step 7 of 8")
    next_screen(page, f"{label} step 8", "Step 8 of 8")
    assert page.get_by_text("A manager or boss").is_visible()
    tab_to(page, value="save")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Saved in your passport.").is_visible()
    assert page.get_by_text("I asked about nursing.").first.is_visible()
    check_axe(page, f"{label} saved entry")


def test_a_pupil_records_in_simple_mode_with_the_keyboard(new_context, live_server):
    set_view(live_server, "pupil", None)
    page = new_context("pupil", width=360).new_page()
    walk_by_keyboard(page, "simple 360px")


def test_simple_mode_in_the_large_view_at_320px(new_context, live_server):
    set_view(live_server, "pupil", "large")
    try:
        page = new_context("pupil", width=320).new_page()
        walk_by_keyboard(page, "simple large 320px")
        assert "text-200" in page.evaluate("document.documentElement.className")
    finally:
        set_view(live_server, "pupil", None)
