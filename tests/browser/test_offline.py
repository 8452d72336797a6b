"""Offline use in Chromium: the app installs, a pupil records entries with no connection (one
with a photo), sees them kept on the phone, and each arrives exactly once when the connection
returns; a validation error on sending is shown and can be corrected; signing out empties the
queue and the kept pages. The page's Content-Security-Policy is enforced throughout."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import func, select

from journal.extensions import db
from journal.media.models import Attachment
from journal.passport.entries.models import Entry

from .helpers import assert_no_sideways_scroll, check_axe, sign_in

pytestmark = pytest.mark.browser

KEPT_PAGES = (
    "/",
    "/passport/record",
    "/passport/timeline",
    "/passport/new/encounter",
    "/passport/new/achievement",
)


def jpeg() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (60, 40), "orange").save(data, "JPEG")
    return data.getvalue()


@pytest.fixture
def pupil(new_context):
    """A pupil's page with its own session, the worker in control and their pages kept."""
    context, page = _pupil(new_context, width=360, axe=False)
    yield context, page
    assert not context.problems, "the browser reported: " + "; ".join(context.problems)


def _pupil(new_context, width, axe):
    context = new_context(None, width=width, axe=axe)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    context.problems = problems
    sign_in(page, "pupil")
    page.goto("/")
    page.wait_for_function(
        "() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)"
    )
    for path in KEPT_PAGES:
        page.goto(path)
    return context, page


def entries_with(live_server, **where) -> list[tuple[int, int]]:
    """(entry id, number of photos) for each entry whose summary field matches."""
    with live_server.app.app_context():
        rows = db.session.scalars(select(Entry)).all()
        found = [e for e in rows if all(e.content.get(k) == v for k, v in where.items())]
        result = [
            (
                e.id,
                db.session.scalar(
                    select(func.count()).select_from(Attachment).where(Attachment.entry_id == e.id)
                ),
            )
            for e in found
        ]
        db.session.remove()
        return result


def queued_states(page) -> list[str]:
    return page.locator("[data-offline-list] [data-state]").evaluate_all(
        "els => els.map(e => e.dataset.state)"
    )


def record_encounter(page, organisation: str, did: str = "Looked round.", photo=False):
    page.goto("/passport/new/encounter")
    page.check("input[name=category][value=fe_college]")
    page.fill("#organisation", organisation)
    page.fill("#what_i_did", did)
    if photo:
        page.set_input_files(
            "input[name=photos]",
            files=[{"name": "visit.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}],
        )
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("[data-offline-said]")
    assert "Saved on this phone" in page.locator("[data-offline-said]").inner_text()


def test_the_app_installs_in_chromium(pupil):
    context, page = pupil
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert manifest["errors"] == []
    assert '"display":"standalone"' in manifest["data"]
    state = page.evaluate(
        "navigator.serviceWorker.getRegistration('/').then(r => r.active && r.active.state)"
    )
    assert state == "activated"
    # Playwright's contexts are incognito-like, where Chromium never offers to install; any
    # other reason (manifest, icons, worker) would be listed here too.
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == [], errors


def test_entries_made_offline_arrive_once_each_with_their_photo(pupil, live_server):
    context, page = pupil
    context.set_offline(True)
    page.goto("/passport/timeline")
    assert page.locator("[data-offline-banner]").is_visible()
    assert "Offline" in page.locator("[data-offline-banner]").inner_text()

    record_encounter(page, "Offline College One")
    record_encounter(page, "Offline College Two", photo=True)
    page.goto("/passport/new/achievement")
    page.check("input[name=achievement_kind][value=certificate]")
    page.fill("#title", "Offline First Aid Certificate")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("[data-offline-said]")

    page.goto("/")  # reloaded offline: the kept home page lists them
    assert page.locator("[data-offline-banner]").is_visible()
    page.wait_for_selector("[data-offline-queue]:not([hidden])")
    assert queued_states(page) == ["waiting", "waiting", "waiting"]
    assert entries_with(live_server, organisation="Offline College One") == []

    context.set_offline(False)  # the page's "online" event sends them
    page.wait_for_function(
        "() => document.querySelectorAll('[data-offline-list] [data-state=sent]').length === 3"
    )
    assert [n for _, n in entries_with(live_server, organisation="Offline College One")] == [0]
    assert [n for _, n in entries_with(live_server, organisation="Offline College Two")] == [1]
    assert len(entries_with(live_server, title="Offline First Aid Certificate")) == 1

    # The entry's own page opens from the list.
    page.get_by_role("link", name="Open it").nth(1).click()
    assert "Offline College Two" in page.locator("main").inner_text()


def test_the_waiting_list_names_each_entry_and_send_now_is_off_offline(pupil, live_server):
    """Each entry kept on the phone is named by its own title (not the form's heading), and
    "Send now" is switched off, with the reason, until the connection is back."""
    from journal.reference.kinds import ENCOUNTER_CATEGORIES

    context, page = pupil
    context.set_offline(True)
    record_encounter(page, "Waiting List College")
    page.goto("/passport/new/achievement")
    page.check("input[name=achievement_kind][value=certificate]")
    page.fill("#title", "Waiting List Certificate")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("[data-offline-said]")

    page.goto("/")
    page.wait_for_selector("[data-offline-queue]:not([hidden])")
    names = page.locator("[data-offline-list] li strong").all_inner_texts()
    college = ENCOUNTER_CATEGORIES["fe_college"].label
    assert names == [f"{college}: Waiting List College", "Waiting List Certificate"], names
    send = page.get_by_role("button", name="Send now")
    assert send.is_disabled()
    why = page.locator("#offline-send-why")
    assert why.is_visible() and "There is no connection now" in why.inner_text()

    context.set_offline(False)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-offline-list] [data-state=sent]').length === 2"
    )
    assert send.is_enabled() and not why.is_visible()
    context.set_offline(True)
    page.wait_for_function("() => document.querySelector('[data-offline-send]').disabled")
    context.set_offline(False)


def test_the_same_stored_submission_sent_twice_makes_one_entry(pupil, live_server):
    context, page = pupil
    context.set_offline(True)
    record_encounter(page, "Replayed College", photo=True)
    context.set_offline(False)
    replies = page.evaluate(
        """async () => {
          const user = document.querySelector('meta[name=offline-user]').content;
          const [item] = (await JournalQueue.all(user)).filter(i => i.label.includes('Replayed'));
          const send = async () => {
            const token = (await (await fetch('/offline/token')).json()).csrf_token;
            const body = new FormData();
            item.fields.forEach(([n, v]) => body.append(n, v));
            body.append('csrf_token', token);
            const r = await fetch(item.action, {method: 'POST', body,
              headers: {'X-Queued-Entry': '1', 'X-CSRFToken': token}});
            return r.json();
          };
          const both = await Promise.all([send(), send()]);
          return both.concat([await send()]);
        }"""
    )
    assert {r["status"] for r in replies} == {"saved"}
    assert len({r["entry_id"] for r in replies}) == 1
    stored = entries_with(live_server, organisation="Replayed College")
    assert len(stored) == 1
    assert stored[0][1] == 1  # one photo on it


def test_a_validation_error_on_sending_is_shown_and_correctable(pupil, live_server):
    context, page = pupil
    context.set_offline(True)
    record_encounter(page, "Half Done College", did="")
    context.set_offline(False)
    page.goto("/")
    page.wait_for_selector("[data-offline-list] [data-state=attention]")
    item = page.locator("[data-offline-list] li", has_text="Half Done College")
    assert "Write a sentence or two about what you did." in item.inner_text()
    assert entries_with(live_server, organisation="Half Done College") == []

    item.get_by_role("link", name="Correct it").click()
    page.wait_for_selector("[data-offline-error]")
    assert page.locator("#organisation").input_value() == "Half Done College"
    assert "Write a sentence or two" in page.locator(".error-summary").inner_text()
    page.fill("#what_i_did", "Saw the workshops and met a lecturer.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/passport/entries/*")
    assert len(entries_with(live_server, organisation="Half Done College")) == 1


def test_signing_out_empties_the_queue_and_the_kept_pages(pupil):
    context, page = pupil
    context.set_offline(True)
    record_encounter(page, "Never Sent College")
    page.evaluate("""async () => {  // stop it being sent: it needs attention
        const user = document.querySelector('meta[name=offline-user]').content;
        for (const item of await JournalQueue.all(user)) {
          item.state = 'attention'; item.errors = {}; await JournalQueue.put(item);
        }
      }""")
    context.set_offline(False)
    page.goto("/")
    page.wait_for_selector("[data-offline-list] [data-state=attention]")
    assert page.evaluate("caches.keys().then(k => k.some(n => n.startsWith('pages-')))")
    warnings: list[str] = []

    def accept(dialog):
        warnings.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    page.locator("summary", has_text="Menu").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in")
    assert warnings and "have not been sent yet" in warnings[0]
    assert page.evaluate(
        """async () => {
          const names = await caches.keys();
          const rows = await JournalQueue.all(
            (await JournalQueue.get('x').then(() => '', () => '')));
          const every = await new Promise((ok, bad) => {
            const r = indexedDB.open('journal-offline', 1);
            r.onupgradeneeded = () => r.result.createObjectStore('queue', {keyPath: 'client_id'});
            r.onsuccess = () => {
              const all = r.result.transaction('queue').objectStore('queue').getAll();
              all.onsuccess = () => ok(all.result.length);
            };
            r.onerror = bad;
          });
          return {pages: names.filter(n => n.startsWith('pages-') || n === 'offline-meta'),
                  rows: rows.length, every};
        }"""
    ) == {"pages": [], "rows": 0, "every": 0}
    context.set_offline(True)  # nothing of the pupil's is shown offline any more
    try:
        page.goto("/passport/timeline")
    except PlaywrightError:  # no worker left to answer: the browser's own offline page
        return
    assert "My timeline" not in page.locator("body").inner_text()


def test_time_to_send_twenty_queued_entries(pupil, live_server):
    """Prints (never asserts) the time from "online" to all 20 entries stored."""
    context, page = pupil
    context.set_offline(True)
    record_encounter(page, "Timing College 0")
    page.evaluate(
        """async () => {
          const user = document.querySelector('meta[name=offline-user]').content;
          const [first] = (await JournalQueue.all(user)).filter(i => i.label.includes('Timing'));
          for (let n = 1; n < 20; n++) {
            const id = crypto.randomUUID();
            await JournalQueue.put(Object.assign({}, first, {client_id: id,
              saved_at: first.saved_at + n,
              fields: first.fields.map(([k, v]) => [k, k === 'client_id' ? id
                : k === 'organisation' ? 'Timing College ' + n : v])}));
          }
        }"""
    )
    page.goto("/")
    started = time.perf_counter()
    context.set_offline(False)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-offline-list] [data-state=sent]').length >= 20",
        timeout=60_000,
    )
    took = time.perf_counter() - started
    stored = sum(
        len(entries_with(live_server, organisation=f"Timing College {n}")) for n in range(20)
    )
    assert stored == 20
    print(f"\noffline-sync-20: {took * 1000:.0f} ms from online to 20 queued entries stored")


def test_the_queue_and_the_correction_pass_axe(new_context):
    """The list of kept entries, the offline banner and the correction form: WCAG 2.2 AA, and
    no sideways scrolling at 320 px."""
    context, page = _pupil(new_context, width=320, axe=True)
    context.set_offline(True)
    record_encounter(page, "Axe College", did="")
    page.goto("/")
    page.wait_for_selector("[data-offline-queue]:not([hidden])")
    check_axe(page, "home with the queue, offline")
    assert_no_sideways_scroll(page, "home with the queue, offline")
    context.set_offline(False)
    page.wait_for_selector("[data-offline-list] [data-state=attention]")
    check_axe(page, "home with an entry needing attention")
    page.get_by_role("link", name="Correct it").click()
    page.wait_for_selector("[data-offline-error]")
    check_axe(page, "an entry from the queue to correct")
    assert_no_sideways_scroll(page, "an entry from the queue to correct")
    assert not context.problems, "the browser reported: " + "; ".join(context.problems)


def test_a_form_sent_as_the_connection_fails_is_kept_by_the_worker(pupil, live_server):
    """The page believes it is online (so the browser sends the form itself) but the request
    fails: the service worker keeps the entry in the queue, and it is sent later."""
    context, page = pupil
    page.goto("/passport/new/encounter")
    page.evaluate("Object.defineProperty(Navigator.prototype, 'onLine', {get: () => true})")
    page.check("input[name=category][value=fe_college]")
    page.fill("#organisation", "Patchy Signal College")
    page.fill("#what_i_did", "Asked about apprenticeships.")
    context.set_offline(True)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("[data-kept-by-worker]")
    assert "kept on this phone" in page.locator("main").inner_text()
    assert entries_with(live_server, organisation="Patchy Signal College") == []

    page.goto("/")  # the kept home page, offline
    page.wait_for_selector("[data-offline-queue]:not([hidden])")
    assert queued_states(page) == ["waiting"]
    context.set_offline(False)
    page.wait_for_selector("[data-offline-list] [data-state=sent]")
    assert len(entries_with(live_server, organisation="Patchy Signal College")) == 1


def test_a_new_version_takes_over_and_keeps_the_pupils_pages(pupil, live_server):
    context, page = pupil
    old = page.evaluate("caches.keys()")
    [old_static] = [name for name in old if name.startswith("static-")]
    live_server.app.extensions["offline_version"] = "newrelease01"  # as a new release would
    try:
        page.goto("/")
        page.evaluate(
            """() => new Promise(done => {
              navigator.serviceWorker.addEventListener('controllerchange', done, {once: true});
              navigator.serviceWorker.getRegistration('/').then(r => r.update());
            })"""
        )
        page.wait_for_function(
            """() => caches.keys().then(names =>
              names.includes('static-newrelease01') &&
              !names.some(n => n.startsWith('static-') && n !== 'static-newrelease01') &&
              names.some(n => n.startsWith('pages-newrelease01-')) &&
              !names.some(n => n.startsWith('pages-') && !n.startsWith('pages-newrelease01-')))"""
        )
        assert old_static != "static-newrelease01"
        context.set_offline(True)  # the pages kept before the update are still there
        page.goto("/passport/timeline")
        assert page.locator("[data-offline-banner]").is_visible()
    finally:
        context.set_offline(False)
        live_server.app.extensions.pop("offline_version", None)
