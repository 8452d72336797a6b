"""Every page of the page walk in the standard, large-text and symbol views, at 320 and 1280 px.

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

from .conftest import ROOT, assert_no_sideways_scroll, check_axe
from .test_pages_a11y import EXPECTED_STATUS, PAGES

pytestmark = pytest.mark.browser

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


TARGETS_SCRIPT = """
() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, ' +
    '[tabindex]:not([tabindex="-1"])';
  const shown = el => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 &&
      el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true}); };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim()
      .slice(0, 40) + '"';
  const inline = el => {   // 2.5.8 exception: a link in a sentence
    if (el.tagName !== 'A') return false;
    const block = el.parentElement.closest('p, li, dd, td, th, label, .hint, .flash, .site-footer');
    if (!block) return false;
    const text = block.innerText.replace(el.innerText, '').trim();
    return text.length > 0 && getComputedStyle(el).display === 'inline';
  };
  const targets = [...document.querySelectorAll(selector)].filter(shown).map(el => {
    const r = el.getBoundingClientRect();
    return {el, r, small: r.width < 23.5 || r.height < 23.5, inline: inline(el)};
  });
  const problems = [];
  for (const t of targets) {
    if (!t.small || t.inline) continue;
    const cx = t.r.left + t.r.width / 2, cy = t.r.top + t.r.height / 2;
    for (const o of targets) {
      if (o === t || o.el.contains(t.el) || t.el.contains(o.el)) continue;
      let near;
      if (o.small) {
        const ox = o.r.left + o.r.width / 2, oy = o.r.top + o.r.height / 2;
        near = Math.hypot(cx - ox, cy - oy) < 24;
      } else {
        const dx = Math.max(o.r.left - cx, 0, cx - o.r.right);
        const dy = Math.max(o.r.top - cy, 0, cy - o.r.bottom);
        near = Math.hypot(dx, dy) < 12;
      }
      if (near) {
        const size = `${Math.round(t.r.width)}x${Math.round(t.r.height)}px`;
        problems.push(`${name(t.el)} is ${size} and too close to ${name(o.el)}`);
        break;
      }
    }
  }
  return problems;
}
"""

FOCUS_SCRIPT = """
() => {
  const bars = [...document.querySelectorAll('body *')].filter(el => {
    const p = getComputedStyle(el).position; return p === 'sticky' || p === 'fixed';
  });
  if (!bars.length) return [];
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  const hidden = [];
  for (const el of [...document.querySelectorAll(selector)].slice(0, 80)) {
    if (!el.checkVisibility({visibilityProperty: true}) || bars.some(b => b.contains(el))) continue;
    el.focus();
    const r = el.getBoundingClientRect();
    for (const b of bars) {
      const q = b.getBoundingClientRect();
      if (q.left <= r.left && q.right >= r.right && q.top <= r.top && q.bottom >= r.bottom) {
        const what = `${el.tagName.toLowerCase()} "${(el.innerText || '').trim().slice(0, 40)}"`;
        hidden.push(`${what} under ${b.tagName.toLowerCase()}.${b.className}`);
      }
    }
  }
  document.activeElement && document.activeElement.blur();
  window.scrollTo(0, 0);
  return hidden;
}
"""


def check_view(page, label: str) -> None:
    check_axe(page, label)
    assert_no_sideways_scroll(page, label)
    small = page.evaluate(TARGETS_SCRIPT)
    assert not small, f"{label}: targets smaller than 24 px and too close together: {small}"
    obscured = page.evaluate(FOCUS_SCRIPT)
    assert not obscured, f"{label}: focused controls hidden under a sticky bar: {obscured}"


SIGNED_IN_PAGES = [name for name, (role, _, _) in PAGES.items() if role]
# The standard view at both widths; the large-text and symbol views at 320 px, where text at
# 200 % and symbols above words are hardest to fit (at 1280 px they have room to spare).
CASES = [
    (mode, width, name)
    for mode in MODES
    for width in (WIDTHS if mode == "standard" else WIDTHS[:1])
    for name in (PAGES if mode == "standard" else SIGNED_IN_PAGES)
]


@pytest.mark.parametrize(("mode", "width", "name"), CASES)
def test_page_in_view(shared_page, live_server, mode, width, name):
    use_mode(live_server, mode)
    role, visit, _ = PAGES[name]
    page = shared_page(role, width)
    status = visit(page, live_server)
    assert status == EXPECTED_STATUS.get(name, status if status >= 400 else 200), name
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
