"""Every signed-in page of the page walk in the large-text and symbol views at 320 px.

Views are per person and stored on the server, so this module (which has its own live server)
switches every demo account to one view at a time and walks the pages of
``test_pages_a11y.PAGES`` as each role, reusing each role's signed-in page. Besides axe-core
(WCAG 2.2 A/AA), it checks what axe does not: no sideways scrolling (reflow, 1.4.10), target
size (2.5.8: at least 24 × 24 px, or spaced so a 24 px circle touches no other target) and that
a focused control is never hidden under a sticky or fixed bar (2.4.11). At 360 px it saves the
pupil's home page in each view to docs/screenshots/.
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from journal.accessibility.models import OWN, ViewPreferences
from journal.accessibility.operations import save_own_preferences
from journal.accounts.models import User
from journal.extensions import db

from .helpers import ROOT, assert_layout, check_axe
from .test_pages_a11y import EXPECTED_STATUS, PAGES

pytestmark = [pytest.mark.browser, pytest.mark.page_walk, pytest.mark.page_walk_views]

MODES = {
    "standard": None,
    "large": {
        "text_size": 200,
        "spacing": "wide",
        "contrast": "high",
        "font": "dyslexic",
        "reduced_motion": False,
        "symbols": False,
        "simple_mode": False,
    },
    "symbols": {
        "text_size": 100,
        "spacing": "normal",
        "contrast": "normal",
        "font": "default",
        "reduced_motion": False,
        "symbols": True,
        "simple_mode": False,
    },
}
MODE_CLASSES = {"standard": set(), "large": {"text-200", "contrast-high"}, "symbols": {"symbols"}}
WIDTHS = (320, 1280)
SCREENSHOTS = ROOT / "docs" / "screenshots"
_current_mode: dict[str, str] = {}


def use_mode(live_server, mode: str) -> None:
    """Give every account in the live server's database the view ``mode`` (once per switch)."""
    if _current_mode.get("mode") == mode:
        return
    with live_server.app.app_context():
        db.session.execute(delete(ViewPreferences).where(ViewPreferences.set_by == OWN))
        if MODES[mode]:
            for user in db.session.scalars(select(User)):
                save_own_preferences(user, MODES[mode])
        db.session.commit()
        db.session.remove()
    _current_mode["mode"] = mode


def check_view(page, label: str) -> None:
    check_axe(page, label)
    assert_layout(page, label)  # reflow, target size and focus not obscured, in one call


SIGNED_IN_PAGES = [name for name, (role, _, _) in PAGES.items() if role]
# The large-text and symbol views at 320 px, where text at 200 % and symbols above words are
# hardest to fit (at 1280 px they have room to spare). The standard view at 320 and 1280 px is
# checked in the same way (axe, reflow, target size, focus) by test_pages_a11y's page walk.
CASES = [
    (mode, WIDTHS[0], name) for mode in MODES if mode != "standard" for name in SIGNED_IN_PAGES
]

# Staff pages stay in the symbol view too, though most show symbols only in the site's frame
# (header, menu, footer): staff may choose symbols, and skipping those pages (after checking
# that their content has no symbol) saved only about 7 % of this module's time (measured).


@pytest.mark.parametrize(("mode", "width", "name"), CASES)
def test_page_in_view(shared_page, live_server, mode, width, name):
    use_mode(live_server, mode)
    role, visit, _ = PAGES[name]
    page = shared_page(role, width)
    status = visit(page, live_server)
    assert status == EXPECTED_STATUS.get(name, 200), f"{name} answered {status}"
    if role:
        classes = set((page.locator("html").get_attribute("class") or "").split())
        assert MODE_CLASSES[mode] <= classes, f"{name}: {classes}"
    check_view(page, f"{name} in the {mode} view at {width}px ({page.url})")


@pytest.mark.parametrize("mode", MODES)
def test_pupil_home_screenshots(shared_page, live_server, mode):
    use_mode(live_server, mode)
    page = shared_page("pupil", 360)
    page.goto("/")
    classes = set((page.locator("html").get_attribute("class") or "").split())
    assert MODE_CLASSES[mode] <= classes, classes
    check_view(page, f"pupil home in the {mode} view at 360px")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _shoot(page, f"home-{mode}")
    page.goto("/passport/timeline")
    page.locator("ol.timeline a").first.click()
    page.wait_for_load_state()
    check_view(page, f"an entry in the {mode} view at 360px")
    _shoot(page, f"entry-{mode}")
    page.goto("/passport/simple")
    check_view(page, f"simple recording in the {mode} view at 360px")
    _shoot(page, f"simple-{mode}")


def _shoot(page, name: str) -> None:
    """A README screenshot (docs/screenshots/), once every picture has loaded."""
    page.wait_for_function("[...document.images].every(img => img.complete)")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


FAKE_SPEECH = """
window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", {value: {
  speak(u) { window.__spoken.push(u.text); }, cancel() {}, pause() {}, resume() {},
}});
"""


def test_read_aloud_reads_sentence_by_sentence_with_pause_and_stop(new_context, live_server):
    """The controls, with the browser's speech replaced by a recorder (headless Chromium has no
    voices, so real speech would end at once)."""
    use_mode(live_server, "standard")
    context = new_context("pupil", width=360, axe=False)
    context.add_init_script(FAKE_SPEECH)
    page = context.new_page()
    page.goto("/")
    start = page.get_by_role("button", name="Read to me")
    assert start.is_visible()
    start.click()
    assert page.get_by_role("button", name="Pause").is_visible()
    assert page.get_by_role("button", name="Stop").is_visible()
    assert page.evaluate("window.__spoken")[0].startswith("Hello")
    assert page.evaluate("CSS.highlights.has('read-aloud')")
    page.get_by_role("button", name="Pause").click()
    assert page.get_by_role("button", name="Resume").is_visible()
    page.get_by_role("button", name="Stop").click()
    assert start.is_visible()
    assert not page.evaluate("CSS.highlights.has('read-aloud')")


def test_read_aloud_stays_hidden_where_the_browser_cannot_speak(new_context, live_server):
    context = new_context("pupil", width=360, axe=False)
    context.add_init_script(
        "for (let o = window; o; o = Object.getPrototypeOf(o)) delete o.speechSynthesis;"
    )
    page = context.new_page()
    page.goto("/")
    assert page.evaluate("'speechSynthesis' in window") is False
    assert page.locator("[data-read-aloud]").is_hidden()
