"""Browser tests: the real app served over HTTP, driven by Debian's Chromium through Playwright.

One live server per test module (a migrated database seeded with the demo school, CSRF on,
rate limiting off) and one browser per session. Chromium missing or failing to start skips
these tests, unless ``REQUIRE_BROWSER=1`` (CI), where it fails them.

Helpers for the tests: :func:`sign_in` (fills the real sign-in form), :func:`check_axe`
(runs the vendored axe-core against WCAG 2.2 AA) and :func:`assert_no_sideways_scroll`
(:func:`assert_layout` adds the target-size and focus checks, in one call to the browser).
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask, got_request_exception
from werkzeug.exceptions import HTTPException
from werkzeug.serving import WSGIRequestHandler, make_server

from journal.extensions import db
from journal_demo.common import DEMO_PASSWORD
from journal_demo.school import seed_demo
from tests.conftest import PG_URL, _empty_postgres, make_app

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


# --- the live server ---------------------------------------------------------------------------


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:  # one line a request is noise in a test run
        pass


@dataclass
class LiveServer:
    """The app served on 127.0.0.1 in a background thread, with what the tests learned of it."""

    app: Flask
    base_url: str
    errors: list[str] = field(default_factory=list)
    sessions: dict[str, dict] = field(default_factory=dict)  # role -> Playwright storage state

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def endpoint_of(self, url: str, method: str = "GET") -> str | None:
        """The endpoint that serves ``url`` for ``method``, or None if no route matches."""
        adapter = self.app.url_map.bind("127.0.0.1")
        try:
            endpoint, _ = adapter.match(urlsplit(url).path, method=method)
        except HTTPException:
            return None
        return endpoint


@pytest.fixture(scope="module")
def live_server(template_database, tmp_path_factory):
    """A migrated database seeded with the demo school (30 pupils), served over real HTTP.

    On PostgreSQL the tables are emptied before seeding and after the module, as the ``app``
    fixture does after each test, so the rest of the suite starts from an empty database.
    """
    instance = tmp_path_factory.mktemp("live-instance")
    if PG_URL:
        database_url = PG_URL
    else:
        path = instance / "live.sqlite3"
        shutil.copy(template_database, path)
        database_url = f"sqlite:///{path}"
    app = make_app(
        database_url,
        instance,
        WTF_CSRF_ENABLED=True,
        RATELIMIT_ENABLED=False,
        SERVER_NAME=None,  # links and card URLs use the host the browser asked for
    )
    with app.app_context():
        if PG_URL:
            _empty_postgres()
        _seed()
        db.session.remove()

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    live = LiveServer(app=app, base_url=f"http://127.0.0.1:{server.server_port}")

    def _record_error(sender, exception, **extra) -> None:
        live.errors.append(f"{type(exception).__name__}: {exception}")

    got_request_exception.connect(_record_error, app)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield live
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        got_request_exception.disconnect(_record_error, app)
        with app.app_context():
            if PG_URL:
                _empty_postgres()
            db.session.remove()
            db.engine.dispose()


def _seed() -> None:
    from sqlalchemy import select

    from journal.accounts.models import User
    from journal.accounts.passwords import hash_password
    from journal.schools.models import Pupil, TutorGroup

    seed_demo(pupils=30)
    second = db.session.scalars(
        select(User)
        .join(Pupil, Pupil.user_id == User.id)
        .join(TutorGroup, Pupil.tutor_group_id == TutorGroup.id)
        .where(TutorGroup.name == "10H", User.username.like("demo.pupil%"))
        .order_by(User.id)
    ).first()
    second.username = USERNAMES["views"]
    second.password_hash = hash_password(DEMO_PASSWORD)
    db.session.commit()


@pytest.fixture(autouse=True)
def _no_server_errors(request):
    """Fail a browser test when the server raised an exception while serving it."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live = request.getfixturevalue("live_server")
    before = len(live.errors)
    yield
    new = live.errors[before:]
    if new:
        pytest.fail("The server raised while serving this test:\n" + "\n".join(new))


# --- the browser -------------------------------------------------------------------------------


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but the browser is unavailable: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_driver():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as problem:  # pragma: no cover - depends on the environment
        _unavailable(f"Playwright is not installed ({problem})")
    driver = sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """One Chromium for the whole session (Debian's build: never ``playwright install``)."""
    if not os.path.exists(CHROMIUM):
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        chromium = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as problem:
        _unavailable(f"Chromium did not start: {problem}")
    yield chromium
    chromium.close()


@pytest.fixture
def new_context(browser, live_server):
    """Make a browser context, optionally signed in as a demo ``role``; closed after the test.

    ``axe=True`` (the default) bypasses the page's Content-Security-Policy so that axe-core
    can be injected; pass ``axe=False`` to test the page exactly as a visitor gets it.
    """
    contexts = []

    def _new(role: str | None = None, width: int = 360, height: int = 800, axe: bool = True):
        context = _context(browser, live_server, role, width, height, bypass_csp=axe)
        contexts.append(context)
        return context

    yield _new
    for context in contexts:
        context.close()


def _context(browser, live_server, role, width, height, *, bypass_csp):
    """A browser context at this size, signed in as ``role`` (or nobody)."""
    state = _session_for(browser, live_server, role) if role else None
    context = browser.new_context(
        viewport={"width": width, "height": height},
        bypass_csp=bypass_csp,
        storage_state=state,
        base_url=live_server.base_url,
    )
    context.set_default_timeout(10_000)
    return context


@pytest.fixture(scope="module")
def shared_page(browser, live_server):
    """One page per (role, width) for the whole module, for tests that only look at pages.

    Reusing pages saves making a context for every test. Tests that sign people in or out, or
    need a clean cookie jar, use ``new_context`` instead. axe-core is loaded into every document
    of these pages as it opens (an init script), so :func:`check_axe` need not send its 550 KB
    to the browser for each page checked.
    """
    contexts = {}

    def _page(role: str | None = None, width: int = 360, height: int = 800):
        key = (role, width, height)
        if key not in contexts:
            context = _context(browser, live_server, role, width, height, bypass_csp=True)
            context.add_init_script(path=str(AXE))
            contexts[key] = (context, context.new_page())
        return contexts[key][1]

    yield _page
    for context, _ in contexts.values():
        context.close()


def _session_for(browser, live: LiveServer, role: str) -> dict:
    """Sign ``role`` in once per live server through the real form, and reuse its cookies."""
    if role not in live.sessions:
        context = browser.new_context(base_url=live.base_url)
        try:
            page = context.new_page()
            sign_in(page, USERNAMES[role])
            live.sessions[role] = context.storage_state()
        finally:
            context.close()
    return live.sessions[role]


# --- helpers -----------------------------------------------------------------------------------


def sign_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real form (the page's context must have a ``base_url``)."""
    page.goto("/sign-in")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path != "/sign-in", f"{username} could not sign in"


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
