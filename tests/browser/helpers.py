"""What the browser tests call: :func:`sign_in` (fills the real sign-in form), :func:`check_axe`
(runs the vendored axe-core against WCAG 2.2 AA) and :func:`assert_no_sideways_scroll`
(:func:`assert_layout` adds the target-size and focus checks, in one call to the browser), and
the demo sign-ins. The fixtures (the live server, Chromium, contexts and shared pages) are in
:mod:`tests.fixtures.browser`.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from journal_demo.common import DEMO_PASSWORD

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
AXE = HERE / "vendor" / "axe-4.11.1.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's package
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Demo sign-ins: role name used in the tests -> username (all share DEMO_PASSWORD).
USERNAMES = {
    "pupil": "pupil",
    "tutor": "tutor",
    "careers": "careers",
    "adviser": "adviser",
    "senco": "senco",
    "admin": "admin",
    "family": "family",
    "views": "pupil.views",  # a second pupil in 10H, for the large-text and symbol views
    "alumnus": "alumnus",  # a former pupil whose first destination checkpoint is due
}


def sign_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real form (the page's context must have a ``base_url``)."""
    page.goto("/sign-in")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path != "/sign-in", f"{username} could not sign in"


def submitted(page, click) -> int:
    """Do ``click`` (which sends a form) and return the HTTP status of the page it loads."""
    with page.expect_response(lambda response: response.request.is_navigation_request()) as sent:
        click()
    page.wait_for_load_state()
    return sent.value.status


AXE_SCRIPT = """
async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],  // skip detailing passes: about twice as fast
  });
  return results.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + (n.failureSummary
      ? '\\n        ' + n.failureSummary.replace(/\\n/g, '\\n        ') : '')),
  }));
}
"""


def check_axe(page, label: str = "") -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) on the page; fail listing every violation.

    Pages of ``shared_page`` already hold axe (an init script); others get it added here."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    if not page.evaluate("typeof axe !== 'undefined'"):
        pytest.fail("axe did not load: make the context with bypass_csp=True (new_context does)")
    violations = page.evaluate(AXE_SCRIPT, AXE_TAGS)
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {label or page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            lines += [f"    at {node}" for node in v["nodes"]]
        pytest.fail("\n".join(lines), pytrace=False)


SIDEWAYS_SCRIPT = """
() => {
  const width = window.innerWidth;
  const doc = document.documentElement.scrollWidth;
  const culprits = [];
  if (doc > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 0.5 && culprits.length < 8) {
        culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
          (el.className && typeof el.className === 'string' ? '.' + el.className.trim()
            .replace(/\\s+/g, '.') : '') + ` (right edge ${Math.round(box.right)}px)`);
      }
    }
  }
  return {width, doc, culprits};
}
"""


def assert_no_sideways_scroll(page, label: str = "") -> None:
    """The page fits the viewport's width: nothing makes the whole page scroll sideways."""
    found = page.evaluate(SIDEWAYS_SCRIPT)
    assert found["doc"] <= found["width"], (
        f"{label or page.url} scrolls sideways at {found['width']}px "
        f"(document is {found['doc']}px wide); widest elements: {found['culprits']}"
    )


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot to test-artifacts/screenshots/ (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# WCAG 2.2 checks axe-core does not make: target size (2.5.8: at least 24 x 24 px, or spaced so
# a 24 px circle touches no other target) and focus not obscured by a sticky bar (2.4.11).
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


def assert_targets_and_focus(page, label: str = "") -> None:
    small = page.evaluate(TARGETS_SCRIPT)
    assert not small, f"{label}: targets smaller than 24 px and too close together: {small}"
    obscured = page.evaluate(FOCUS_SCRIPT)
    assert not obscured, f"{label}: focused controls hidden under a sticky bar: {obscured}"


LAYOUT_SCRIPT = f"""
() => ({{
  sideways: ({SIDEWAYS_SCRIPT.strip()})(),
  small: ({TARGETS_SCRIPT.strip()})(),
  obscured: ({FOCUS_SCRIPT.strip()})(),
}})
"""


def assert_layout(page, label: str = "") -> None:
    """:func:`assert_no_sideways_scroll` and :func:`assert_targets_and_focus` in one call to the
    browser (in the same order), for the page walk that makes them on every page."""
    found = page.evaluate(LAYOUT_SCRIPT)
    sideways = found["sideways"]
    assert sideways["doc"] <= sideways["width"], (
        f"{label or page.url} scrolls sideways at {sideways['width']}px "
        f"(document is {sideways['doc']}px wide); widest elements: {sideways['culprits']}"
    )
    small, obscured = found["small"], found["obscured"]
    assert not small, f"{label}: targets smaller than 24 px and too close together: {small}"
    assert not obscured, f"{label}: focused controls hidden under a sticky bar: {obscured}"
