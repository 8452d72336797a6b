"""Journeys through the real app in Chromium, with its Content-Security-Policy enforced and CSRF on:
htmx and its CSRF header, signing in and out, a wrong password, the roster import and the
sign-in cards.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from .helpers import ROOT, sign_in

pytestmark = pytest.mark.browser

ARBOR_ROSTER = ROOT.parent / "shared" / "domain" / "examples" / "roster-arbor-style.csv"
AISHA_UPN = "C886200119563"


@pytest.fixture
def visitor(new_context):
    """A page exactly as a visitor's browser gets it (CSP enforced); fails on CSP violations."""
    page = new_context(None, width=360, axe=False).new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    yield page
    assert not problems, "the browser reported: " + "; ".join(problems)


def path_of(page) -> str:
    return urlsplit(page.url).path


def test_htmx_loads_and_sends_the_csrf_token(visitor):
    sign_in(visitor, "tutor")
    visitor.wait_for_function("() => window.htmx !== undefined")
    assert visitor.evaluate("htmx.version") == "4.0.1"

    token = visitor.locator("input[name=csrf_token]").first.input_value()
    inherited = visitor.evaluate("document.body.getAttribute('hx-headers:inherited')")
    assert json.loads(inherited) == {"X-CSRFToken": token}

    # Without the token, a POST is refused: CSRF is really on.
    refused = visitor.evaluate("fetch('/sign-out', {method: 'POST'}).then(r => r.status)")
    assert refused == 400
    visitor.reload()
    assert path_of(visitor) == "/"
    token = visitor.locator("input[name=csrf_token]").first.input_value()  # signed afresh

    # An htmx request carries the header from <body>, and the server accepts it.
    with visitor.expect_request(lambda r: r.url.endswith("/sign-out")) as sent:
        visitor.evaluate(
            """() => {
              const button = document.createElement('button');
              button.id = 'htmx-probe';
              button.setAttribute('hx-post', '/sign-out');
              button.setAttribute('hx-swap', 'none');
              button.textContent = 'probe';
              document.querySelector('main').append(button);
              htmx.process(button);
              button.click();
            }"""
        )
    request = sent.value
    assert request.header_value("x-csrftoken") == token
    assert request.header_value("hx-request") == "true"
    response = request.response()
    assert response is not None and response.status in (200, 302)
    visitor.goto("/")
    assert path_of(visitor) == "/sign-in", "the htmx POST should have signed the tutor out"


def test_the_first_page_has_an_icon_and_logs_no_error(new_context):
    """The tab's icon is a real picture: asking for it logs no 404 in the browser's console."""
    page = new_context(None, width=360, axe=False).new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    icons = []
    page.on("response", lambda r: icons.append(r) if "favicon" in r.url else None)
    page.goto("/sign-in")
    page.wait_for_load_state("networkidle")
    assert not errors, errors
    href = page.locator("link[rel=icon]").get_attribute("href")
    for path in (href, "/favicon.ico"):
        response = page.request.get(path)
        assert response.status == 200, path
        assert response.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
        assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert all(r.status == 200 for r in icons), [(r.url, r.status) for r in icons]


def test_sign_in_and_sign_out_through_the_menu(visitor):
    sign_in(visitor, "careers")
    assert path_of(visitor) == "/"
    assert visitor.get_by_role("heading", name="Hello Ms Dee Okafor").is_visible()

    visitor.get_by_text("Menu", exact=True).click()
    visitor.get_by_role("button", name="Sign out").click()
    # offline.js first empties what this phone keeps, then sends the form: wait for the page.
    visitor.wait_for_url("**/sign-in")
    assert path_of(visitor) == "/sign-in"
    assert visitor.get_by_text("You have signed out.").is_visible()
    visitor.goto("/")
    assert path_of(visitor) == "/sign-in"


@pytest.mark.parametrize("width", [320, 1280])
def test_the_menu_can_be_reached_at_every_width(new_context, width):
    """Phones get a Menu button that opens the links; wide screens show the links at once."""
    page = new_context("admin", width=width, axe=False).new_page()
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main")
    account = nav.get_by_role("link", name="My account")
    if width < 768:
        assert not account.is_visible()
        nav.get_by_text("Menu", exact=True).click()
    assert account.is_visible()
    assert nav.get_by_role("button", name="Sign out").is_visible()
    account.click()
    page.wait_for_load_state()
    assert path_of(page) == "/account"


def test_wrong_password_shows_the_error_at_the_field_and_keeps_the_username(visitor):
    visitor.goto("/sign-in")
    visitor.get_by_label("Username or email").fill("careers")
    visitor.get_by_label("Password", exact=True).fill("not my password")
    visitor.get_by_role("button", name="Sign in", exact=True).click()
    visitor.wait_for_load_state()

    assert path_of(visitor) == "/sign-in"
    password = visitor.get_by_label("Password", exact=True)
    error = visitor.locator("#password-error")
    assert error.is_visible()
    assert "do not match" in error.inner_text()
    assert password.get_attribute("aria-invalid") == "true"
    assert "password-error" in password.get_attribute("aria-describedby").split()
    assert visitor.get_by_label("Username or email").input_value() == "careers"
    assert visitor.locator(".error-summary").is_visible()


def test_admin_imports_the_roster(visitor):
    sign_in(visitor, "admin")
    visitor.goto(f"/pupils?q={AISHA_UPN}")
    assert visitor.get_by_text("No pupils match.").is_visible()

    visitor.get_by_text("Menu", exact=True).click()
    visitor.get_by_role("link", name="Roster import").click()
    visitor.get_by_label("Roster file (CSV)").set_input_files(str(ARBOR_ROSTER))
    visitor.get_by_role("button", name="Check the file").click()
    visitor.wait_for_load_state()
    assert visitor.get_by_role("heading", name="Check before importing").is_visible()
    assert visitor.get_by_role("heading", name="New pupils (6)").is_visible()
    assert visitor.get_by_role("cell", name="Aisha Begum").is_visible()

    visitor.get_by_role("button", name="Import 6 new and 0 updated pupils").click()
    visitor.wait_for_load_state()
    assert visitor.get_by_role("heading", name="Roster imported").is_visible()

    visitor.get_by_role("link", name="See pupils").click()
    visitor.wait_for_load_state()
    assert path_of(visitor) == "/pupils"
    assert visitor.get_by_role("link", name="Aisha Begum").count() >= 1
    visitor.goto(f"/pupils?q={AISHA_UPN}")
    assert visitor.get_by_role("link", name="Aisha Begum").count() == 1


def test_sign_in_card_signs_the_pupil_in(visitor, new_context):
    sign_in(visitor, "admin")
    visitor.goto("/cards")
    visitor.get_by_role("button", name="Print cards for 10H").click()
    visitor.wait_for_load_state()
    assert visitor.get_by_role("heading", name="Sign-in cards: 10H").is_visible()
    cards = visitor.locator(".signin-card")
    assert cards.count() >= 1
    assert visitor.locator(".signin-card svg").count() == cards.count()
    maya = cards.filter(has_text="Maya")
    assert maya.count() >= 1
    card_url = maya.first.locator(".card-url").inner_text().strip()
    assert urlsplit(card_url).path.startswith("/card/")

    phone = new_context(None, width=360, axe=False).new_page()
    phone.goto(card_url)
    assert phone.get_by_role("heading", name="Hello Maya").is_visible()
    phone.get_by_role("button", name="Yes, sign me in").click()
    phone.wait_for_load_state()
    assert path_of(phone) == "/"
    assert phone.get_by_role("heading", name="Hello Maya").is_visible()
    assert phone.get_by_text("This is your careers passport.").is_visible()


@pytest.mark.parametrize("width", (360, 1280))
def test_a_tutor_signs_off_and_returns_entries_in_the_queue(new_context, width):
    """htmx swaps each decided item in place: the tutor never leaves the queue; axe passes
    before and after."""
    from .helpers import assert_no_sideways_scroll, check_axe

    page = new_context("tutor", width=width).new_page()
    page.goto("/sign-off")
    check_axe(page, f"queue at {width}px")
    assert_no_sideways_scroll(page, "queue")
    items = page.locator("article.queue-item")
    assert items.count() >= 2
    first, second = items.nth(0), items.nth(1)
    first_id, second_id = first.get_attribute("id"), second.get_attribute("id")

    first.get_by_role("button", name="Sign off").click()
    page.locator(f"#{first_id}").get_by_text("Signed off").wait_for()
    assert path_of(page) == "/sign-off"

    page.locator(f"#{second_id}").get_by_role("button", name="Return with a comment").click()
    page.locator(f"#{second_id} .error").wait_for()
    page.locator(f"#{second_id} textarea").fill("Please add what you learned.")
    page.locator(f"#{second_id}").get_by_role("button", name="Return with a comment").click()
    page.locator(f"#{second_id}").get_by_text("Returned").wait_for()
    assert path_of(page) == "/sign-off"
    check_axe(page, f"queue after deciding at {width}px")


def _submitted_entries_of_the_demo_pupil(live_server) -> tuple[int, list[int]]:
    from sqlalchemy import select

    from journal.extensions import db
    from journal.passport.entries.models import Entry

    from .visits import pupil_id_of

    pupil_id = pupil_id_of(live_server, "pupil")
    with live_server.app.app_context():
        ids = db.session.scalars(
            select(Entry.id)
            .where(Entry.pupil_id == pupil_id, Entry.state == "submitted", Entry.kind != "diary")
            .order_by(Entry.id)
        ).all()
    return pupil_id, list(ids)


def test_a_returned_entry_reads_as_one_conversation(new_context, live_server):
    """The tutor returns Maya's entry: the sign-off names the tutor's role once; Maya reads the
    return comment in the entry's comments and replies to the tutor there; an entry nobody has
    commented on shows no empty reply box."""
    pupil_id, (returned, untouched, *_) = _submitted_entries_of_the_demo_pupil(live_server)
    tutor = new_context("tutor", width=360, axe=False).new_page()
    tutor.goto(f"/pupils/{pupil_id}/entries/{returned}")
    tutor.get_by_label("Comment (needed if you return it)").fill("Please add what you learned.")
    tutor.get_by_role("button", name="Return with a comment").click()
    tutor.wait_for_load_state()
    state = tutor.locator("section.sign-off-state")
    assert "Returned with a comment by Mr Sam Hughes (tutor) on" in state.inner_text()

    maya = new_context("pupil", width=360, axe=False).new_page()
    maya.goto(f"/passport/entries/{returned}")
    state = maya.locator("section.sign-off-state")
    assert "Please add what you learned." not in state.inner_text()  # said once, in the thread
    thread = maya.get_by_role("region", name="Comments (1)")
    assert "Mr Sam Hughes (tutor) · returned it with this comment" in thread.inner_text()
    assert "Please add what you learned." in thread.inner_text()
    state.get_by_role("link", name="Read their comment").click()
    assert maya.url.endswith(f"#comments-entry-{returned}-section")
    maya.get_by_label("Reply to Mr Sam Hughes (tutor)").fill("I learned that nurses work shifts.")
    maya.get_by_role("button", name="Send my reply").click()
    maya.wait_for_load_state()
    thread = maya.get_by_role("region", name="Comments (2)")
    assert "You ·" in thread.inner_text()

    tutor.reload()
    assert (
        "I learned that nurses work shifts."
        in tutor.get_by_role("region", name="Comments (2)").inner_text()
    )

    maya.goto(f"/passport/entries/{untouched}")
    assert maya.get_by_role("heading", name="Comments").count() == 0
    assert not maya.get_by_label("Your question or comment").is_visible()  # folded away
    maya.get_by_text("Ask your tutor or careers staff about this").click()
    assert maya.get_by_label("Your question or comment").is_visible()


def test_a_pupil_adds_their_passport_and_staff_confirm_the_school(new_context, live_server):
    """The pupil's preview speaks plainly and says what happens next; staff then confirm the
    issuing school's key from the pupil's record."""
    import re

    from .page_sets.portable import _passport_from_elsewhere
    from .visits import pupil_id_of

    file = _passport_from_elsewhere(live_server)
    maya = new_context("pupil", width=360, axe=False).new_page()
    maya.goto("/passport/import")
    maya.get_by_label("Passport file (.passport.zip)").set_input_files(str(file))
    maya.get_by_role("button", name="Check the file").click()
    maya.wait_for_load_state()
    words = maya.locator("main").inner_text()
    assert "This is your passport from Far Away School, made on " in words
    assert "staff at your new school confirm that it came from Far Away School" in words
    for jargon in ("fingerprint", "Key check", "well-known", "below"):
        assert jargon not in words, jargon
    assert not re.search(r"\d{4}-\d\d-\d\dT|\b1 (entries|versions|sign-offs)\b", words), words
    maya.get_by_role("button", name="Add it to my passport").click()
    maya.wait_for_load_state()

    staff = new_context("careers", width=360, axe=False).new_page()
    staff.goto(f"/pupils/{pupil_id_of(live_server, 'pupil')}")
    staff.get_by_role("link", name="Confirm Far Away School's key").click()
    staff.wait_for_load_state()
    staff.get_by_role("button", name="Confirm the school's key").click()
    staff.wait_for_load_state()
    assert staff.get_by_text(
        "Tick the box once you have compared the fingerprints."
    ).first.is_visible()
    staff.get_by_label("I have compared this fingerprint").check()
    staff.get_by_role("button", name="Confirm the school's key").click()
    staff.wait_for_load_state()
    assert staff.get_by_text("Far Away School's key is confirmed").is_visible()
    assert staff.get_by_role("link", name="Confirm Far Away School's key").count() == 0


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_pupil_records_an_encounter_with_the_keyboard_only(new_context):
    """No mouse: Tab between fields, arrow keys in the radio groups, Space, Enter to save."""
    from .helpers import check_axe

    page = new_context("pupil", width=360).new_page()
    page.goto("/")
    tab_to(page, "a[href='/passport/record']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "a[href='/passport/new/encounter']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "input[name=category]")
    page.keyboard.press("ArrowDown")  # the second choice: a careers fair
    tab_to(page, "input[name=organisation]")
    page.keyboard.type("Keyboard Careers Fair")
    tab_to(page, "textarea[name=what_i_did]")
    page.keyboard.type("I talked to a nurse and a builder.")
    tab_to(page, "input[name=feeling]")
    page.keyboard.press("ArrowRight")
    tab_to(page, "[name=save]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "A careers fair: Keyboard Careers Fair"
    assert (
        page.get_by_text("Unhappy (2 out of 5)").is_visible()
        or page.get_by_text("out of 5").is_visible()
    )
    check_axe(page, "entry saved with the keyboard")
