"""Every page of the demo, at 320 and 1280 px, in the standard view: no axe-core violations
(WCAG 2.2 AA), no sideways scrolling, targets of at least 24 px and no focused control hidden
under a sticky bar (test_view_modes repeats this in the large-text and symbol views). The last
test fails if a page (a GET route) was never checked, so a page added later must be added here
too (or in tests/browser/page_sets/).
"""

from __future__ import annotations

import csv
import io
import itertools
from importlib import import_module
from pathlib import Path

import pytest
from sqlalchemy import select

from journal.extensions import db
from journal.schools.models import Pupil
from tests.factories import valid_upn

from .helpers import (
    ROOT,
    assert_layout,
    assert_no_sideways_scroll,
    check_axe,
    screenshot,
    sign_in,
    submitted,
)
from .visits import _about_pupil, _goto, pupil_id_of

pytestmark = [pytest.mark.browser, pytest.mark.page_walk]

# Pages are checked at the narrowest and a desktop width (360 px adds little over 320 px and
# doubles the time); 360 px stays for the single-visit pages screenshotted for review.
WIDTHS = (320, 1280)
PAGE_WIDTHS = (320, 1280)
SCREENSHOT_WIDTH = 360
ARBOR_ROSTER = ROOT.parent / "shared" / "domain" / "examples" / "roster-arbor-style.csv"
# Not pages: files (pictures, downloads, a public key), redirects and the health check. Pictures are
# checked on the pages that show them.
ROUTES_NOT_PAGES = {
    "static",
    "home.health",
    "media.file",
    "media.thumbnail",
    "portable.public_key",
    "portable.export_mine",
    "portable.export_pupil",
    "accessibility.school_symbol_file",
    "documents.export_text",
    "documents.pupil_export_text",
    "documents.export_pdf",
    "documents.pupil_export_pdf",
    "documents.export_docx",
    "documents.pupil_export_docx",
    "offline.manifest",
    "offline.favicon",
    "offline.service_worker",
    "offline.token",
    "documents.open_document",  # a redirect to the CV or statement editor
    "cohort.export_gap_list",  # a CSV download
    "destinations.export",  # the CSV for the local authority
    "reviews.staff_pdf",
    "reviews.my_pdf",
    "reviews.child_pdf",
    "jobs.file",  # a job's file (a download)
    "jobs.retry",  # a POST that redirects to the job's page
    "credentials.download",  # a .jwt file
    "credentials.bundle",  # a zip of .jwt files
    "credentials.did_document",  # the school's DID document (JSON)
    "credentials.status_list",  # the school's status list (a JWT)
}

# (endpoint, width) pairs checked with axe in this module, for the coverage test.
CHECKED: set[tuple[str, int]] = set()
_serial = itertools.count(1)


def check_page(page, live_server, width: int, name: str, *, counts: bool = True) -> None:
    """axe, the sideways-scroll check and (at 360 px, for key pages) a screenshot."""
    label = f"{name} at {width}px ({page.url})"
    try:
        check_axe(page, label)
        assert_layout(page, label)  # reflow, target size and focus not obscured, in one call
    except (AssertionError, pytest.fail.Exception):
        screenshot(page, f"FAILED-{name}-{width}")
        raise
    if (width == SCREENSHOT_WIDTH and name in SCREENSHOT_PAGES) or (name, width) in SCREENSHOT_MORE:
        screenshot(page, f"{name}-{width}")
    if counts:
        endpoint = live_server.endpoint_of(page.url)
        if endpoint:
            CHECKED.add((endpoint, width))


SCREENSHOT_MORE = {("home-admin", 1280), ("views-new-encounter", 320), ("views-entry", 320)}
SCREENSHOT_PAGES = {
    "sign-off-queue",
    "passport-record",
    "passport-new",
    "passport-entry",
    "passport-diary-new",
    "passport-timeline",
    "sign-in",
    "sign-in-error",
    "home-pupil",
    "home-admin",
    "pupil-record",
    "roster-preview-rejections",
    "roster-done",
    "cards-sheet",
    "card",
}


# --- pages reached by one visit ----------------------------------------------------------------


def _guidance_form_errors(path: str):
    def visit(page, live_server):
        page.goto(path.format(pupil=pupil_id_of(live_server, "pupil")))
        status = submitted(page, page.locator("main form.stack button[type=submit]").last.click)
        assert page.locator(".error-summary").is_visible()
        return status

    return visit


def _pupil_view_defaults(page, live_server):
    return page.goto(f"/pupils/{pupil_id_of(live_server, 'pupil')}/view-settings").status


def _sign_in_wrong_password(page, live_server):
    page.goto("/sign-in")
    page.get_by_label("Username or email").fill("pupil")
    page.get_by_label("Password", exact=True).fill("not the password")
    status = submitted(page, page.get_by_role("button", name="Sign in", exact=True).click)
    assert page.locator("#password-error").is_visible()
    return status


def _first_pupil_record(page, live_server):
    page.goto("/pupils")
    page.locator("main ul.list a").first.click()
    page.wait_for_load_state()
    assert page.url.rsplit("/", 2)[-2] == "pupils"
    return 200


def _person_page(page, live_server):
    page.goto("/admin/people")
    page.get_by_role("link", name="Mr Sam Hughes").click()
    page.wait_for_load_state()
    return 200


def _new_person_errors(page, live_server):
    page.goto("/admin/people/new")
    status = submitted(
        page, page.get_by_role("button", name="Add and make a temporary password").click
    )
    assert page.locator(".error-summary").is_visible()
    return status


def _change_password_errors(page, live_server):
    page.goto("/account/password")
    page.get_by_label("New password").fill("a long enough sentence")
    page.get_by_label("Type it again").fill("something different")
    status = submitted(page, page.get_by_role("button", name="Save my new password").click)
    assert page.locator(".error-summary").is_visible()
    return status


def _roster_upload_error(page, live_server):
    page.goto("/admin/roster")
    status = submitted(page, page.get_by_role("button", name="Check the file").click)
    assert page.locator(".error-summary").is_visible()
    return status


# name -> (role or None, how to get there, whether it counts for its route's coverage)
PAGES = {
    "sign-in": (None, _goto("/sign-in"), True),
    "sign-in-error": (None, _sign_in_wrong_password, False),
    "about": (None, _goto("/about"), True),
    "not-found": (None, _goto("/no-such-page"), False),
    "home-pupil": ("pupil", _goto("/"), True),
    "home-tutor": ("tutor", _goto("/"), True),
    "home-careers": ("careers", _goto("/"), True),
    "home-adviser": ("adviser", _goto("/"), True),
    "home-senco": ("senco", _goto("/"), True),
    "home-admin": ("admin", _goto("/"), True),
    "home-family": ("family", _goto("/"), True),
    "pupil-list": ("careers", _goto("/pupils"), True),
    "pupil-list-tutor": ("tutor", _goto("/pupils?q=a"), True),
    "pupil-record": ("careers", _first_pupil_record, True),
    "account": ("pupil", _goto("/account"), True),
    "change-password": ("pupil", _goto("/account/password"), True),
    "change-password-error": ("pupil", _change_password_errors, False),
    "people": ("admin", _goto("/admin/people"), True),
    "new-person": ("admin", _goto("/admin/people/new"), True),
    "new-person-error": ("admin", _new_person_errors, False),
    "person": ("admin", _person_page, True),
    "roster-upload": ("admin", _goto("/admin/roster"), True),
    "roster-upload-error": ("admin", _roster_upload_error, False),
    "cards": ("admin", _goto("/cards"), True),
    "audit-log": ("admin", _goto("/admin/audit"), True),
    "school-settings": ("admin", _goto("/admin/school"), True),
    "view-settings": ("pupil", _goto("/settings/view"), True),
    "sign-off-queue": ("tutor", _goto("/sign-off"), True),
    "simple-record": ("pupil", _goto("/passport/simple"), True),
    "my-guidance": ("pupil", _goto("/guidance"), True),
    "pupil-guidance": ("careers", _about_pupil("/pupils/{pupil}/guidance"), True),
    "new-interview": ("careers", _about_pupil("/pupils/{pupil}/guidance/interviews/new"), True),
    "new-interview-error": (
        "careers",
        _guidance_form_errors("/pupils/{pupil}/guidance/interviews/new"),
        False,
    ),
    "new-note": ("careers", _about_pupil("/pupils/{pupil}/guidance/notes/new"), True),
    "new-note-error": (
        "careers",
        _guidance_form_errors("/pupils/{pupil}/guidance/notes/new"),
        False,
    ),
    "new-action": ("careers", _about_pupil("/pupils/{pupil}/guidance/actions/new"), True),
    "new-action-error": (
        "careers",
        _guidance_form_errors("/pupils/{pupil}/guidance/actions/new"),
        False,
    ),
    "sign-off-queue-careers": ("careers", _goto("/sign-off?page=2"), False),
    "skills": ("pupil", _goto("/passport/skills"), True),
    "rate-skill": ("pupil", _goto("/passport/skills/teamwork/rate"), True),
    "skill-history": ("pupil", _goto("/passport/skills/teamwork"), True),
    "aspirations": ("pupil", _goto("/passport/aspirations"), True),
    "destinations": ("pupil", _goto("/passport/destinations"), True),
    "profile": ("pupil", _goto("/passport/profile"), True),
    "edit-profile": ("pupil", _goto("/passport/profile/edit"), True),
    "profile-history": ("pupil", _goto("/passport/profile/history"), True),
    "pupil-skills": ("careers", _about_pupil("/pupils/{pupil}/skills"), True),
    "pupil-skill-history": ("careers", _about_pupil("/pupils/{pupil}/skills/teamwork"), True),
    "pupil-aspirations": ("careers", _about_pupil("/pupils/{pupil}/aspirations"), True),
    "pupil-profile": ("careers", _about_pupil("/pupils/{pupil}/profile"), True),
    "pupil-profile-history": ("careers", _about_pupil("/pupils/{pupil}/profile/history"), True),
    "pupil-view-defaults": ("tutor", _pupil_view_defaults, True),
    "forbidden": ("pupil", _goto("/admin/people"), False),
    "not-found-signed-in": ("tutor", _goto("/pupils/999999"), False),
}
# Pages that answer with an error on purpose; every other page must answer 200.
EXPECTED_STATUS = {
    "not-found": 404,
    "not-found-signed-in": 404,
    "forbidden": 403,
    "sign-in-error": 422,
    "change-password-error": 422,
    "new-person-error": 422,
    "roster-upload-error": 422,
    "new-interview-error": 422,
    "new-note-error": 422,
    "new-action-error": 422,
}

# Each domain may keep its pages in tests/browser/page_sets/<domain>.py (PAGES, and
# EXPECTED_STATUS where a page answers with an error on purpose).
for _module in sorted(Path(__file__).with_name("page_sets").glob("[!_]*.py")):
    _found = import_module(f"tests.browser.page_sets.{_module.stem}")
    assert not set(_found.PAGES) & set(PAGES), f"{_module.name} repeats page names"
    PAGES.update(_found.PAGES)
    EXPECTED_STATUS.update(getattr(_found, "EXPECTED_STATUS", {}))


@pytest.mark.parametrize(
    ("width", "name"),
    [(w, n) for w in PAGE_WIDTHS for n in PAGES]
    + [(SCREENSHOT_WIDTH, n) for n in PAGES if n in SCREENSHOT_PAGES],
)
def test_page(shared_page, live_server, width, name):
    role, visit, counts = PAGES[name]
    page = shared_page(role, width)
    status = visit(page, live_server)
    assert status == EXPECTED_STATUS.get(name, 200), f"{name} answered {status}"
    check_page(page, live_server, width, name, counts=counts)


# --- pages reached through a sequence of forms -------------------------------------------------


def _mixed_roster(live_server, width: int) -> bytes:
    """New pupils, one update to a demo pupil, and rows the import must reject."""
    with live_server.app.app_context():
        candidates = db.session.scalars(
            select(Pupil).where(Pupil.year_group <= 13).order_by(Pupil.id)
        ).all()
        pupil = candidates[WIDTHS.index(width)]
        update = [
            pupil.upn,
            pupil.legal_first_name,
            pupil.legal_last_name,
            pupil.date_of_birth.isoformat(),
            f"Year {pupil.year_group}",
            pupil.tutor_group.name if pupil.tutor_group else "",
            "No" if pupil.fsm else "Yes",
        ]
    establishment = 5000 + width
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "UPN",
            "First Name",
            "Last Name",
            "Date of Birth",
            "Year Group",
            "Registration Form",
            "Free School Meals",
        ]
    )
    writer.writerow(
        [
            valid_upn(1, establishment=establishment),
            "Noor",
            "Hussain",
            "2011-03-02",
            "Year 9",
            "9H",
            "No",
        ]
    )
    writer.writerow(
        [
            valid_upn(2, establishment=establishment),
            "Jake",
            "Wood",
            "2010-11-20",
            "Year 10",
            "10H",
            "Yes",
        ]
    )
    writer.writerow(update)
    bad_upn = "Z" + valid_upn(3, establishment=establishment)[1:]
    writer.writerow([bad_upn, "Lola", "Evans", "2011-04-05", "Year 9", "9H", "No"])
    writer.writerow(
        [
            valid_upn(4, establishment=establishment),
            "",
            "Green",
            "31/02/2010",
            "Year 99",
            "",
            "Maybe",
        ]
    )
    return out.getvalue().encode()


def _upload(page, path: Path) -> None:
    page.goto("/admin/roster")
    page.get_by_label("Roster file (CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Check before importing").is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_roster_import_pages(shared_page, live_server, width, tmp_path):
    page = shared_page("admin", width)

    _upload(page, ARBOR_ROSTER)
    check_page(page, live_server, width, "roster-preview")

    mixed = tmp_path / "mixed-roster.csv"
    mixed.write_bytes(_mixed_roster(live_server, width))
    _upload(page, mixed)
    assert page.get_by_role("heading", name="Rows we cannot import (2)").is_visible()
    assert page.get_by_role("heading", name="Pupils to update (1)").is_visible()
    check_page(page, live_server, width, "roster-preview-rejections")

    page.get_by_role("button", name="Import 2 new and 1 updated pupils").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Roster imported").is_visible()
    check_page(page, live_server, width, "roster-done")


@pytest.mark.parametrize("width", WIDTHS)
def test_card_pages(shared_page, new_context, live_server, width):
    admin = shared_page("admin", width)
    admin.goto("/cards")
    admin.get_by_role("button", name="Print cards for 10H").click()
    admin.wait_for_load_state()
    assert admin.get_by_role("heading", name="Sign-in cards: 10H").is_visible()
    check_page(admin, live_server, width, "cards-sheet")
    card_url = admin.locator(".card-url").first.inner_text().strip()

    visitor = new_context(None, width=width).new_page()
    assert visitor.goto(card_url).status == 200
    check_page(visitor, live_server, width, "card")

    assert visitor.goto("/card/not-a-real-card").status == 404
    check_page(visitor, live_server, width, "card-invalid", counts=False)


@pytest.mark.parametrize("width", WIDTHS)
def test_new_person_pages(shared_page, new_context, live_server, width):
    username = f"newstaff{width}x{next(_serial)}"
    admin = shared_page("admin", width)
    admin.goto("/admin/people/new")
    admin.get_by_label("Full name").fill("Robin Ellis")
    admin.get_by_label("Username").fill(username)
    admin.get_by_label("Tutor", exact=True).check()
    admin.get_by_role("button", name="Add and make a temporary password").click()
    admin.wait_for_load_state()
    assert admin.get_by_role("heading", name="Temporary password for Robin Ellis").is_visible()
    check_page(admin, live_server, width, "temporary-password", counts=False)
    temporary = admin.locator(".secret").inner_text().strip()

    newcomer = new_context(None, width=width).new_page()
    sign_in(newcomer, username, temporary)
    assert newcomer.get_by_role("heading", name="Choose a new password").is_visible()
    assert newcomer.get_by_text("Please choose a new password").is_visible()
    check_page(newcomer, live_server, width, "must-change-password")


def _jpeg(colour: str) -> dict:
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (1200, 900), colour).save(data, "JPEG")
    return {"name": f"{colour}.jpg", "mimeType": "image/jpeg", "buffer": data.getvalue()}


PDF = {
    "name": "certificate.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
}


def _save(page) -> None:
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", WIDTHS)
def test_passport_pages(shared_page, live_server, width):
    """The pupil records every kind of entry with a photo (an encounter, with a mistake first;
    work experience and a diary day; an achievement with its PDF certificate), changes one and
    reads its versions and the timeline; a careers leader then reads them."""
    pupil = shared_page("pupil", width)
    pupil.goto("/passport/record")
    check_page(pupil, live_server, width, "passport-record")

    pupil.get_by_role("link", name="An encounter").click()
    pupil.wait_for_load_state()
    check_page(pupil, live_server, width, "passport-new")
    _save(pupil)
    assert pupil.locator(".error-summary").is_visible()
    check_page(pupil, live_server, width, "passport-new-error", counts=False)
    organisation = f"Skills fair {width}"
    pupil.get_by_label("A careers fair").check()
    pupil.get_by_label("Which employer, college or organisation?").fill(organisation)
    pupil.get_by_label("What did you do?").fill("Talked to **three** employers.")
    pupil.get_by_text("Happy", exact=True).click()
    pupil.get_by_label("Add photos (optional)").set_input_files([_jpeg("orange")])
    pupil.get_by_label("What is in the photos? (optional)").fill("The hall at the fair")
    _save(pupil)
    assert pupil.get_by_role("heading", name=f"A careers fair: {organisation}").is_visible()
    assert pupil.get_by_role("img", name="The hall at the fair").is_visible()
    check_page(pupil, live_server, width, "passport-entry")
    pupil.get_by_role("link", name="Change this entry").click()
    pupil.wait_for_load_state()
    check_page(pupil, live_server, width, "passport-edit")
    pupil.get_by_label("What did you learn?").fill("Nurses work shifts.")
    _save(pupil)
    pupil.get_by_role("link", name="Earlier versions (1)").click()
    pupil.wait_for_load_state()
    check_page(pupil, live_server, width, "passport-history")

    pupil.goto("/passport/record")
    pupil.get_by_role(
        "link", name="Work experience: a visit, shadowing, a placement or an internship"
    ).click()
    pupil.wait_for_load_state()
    check_page(pupil, live_server, width, "passport-new-workplace", counts=False)
    employer = f"Northgate Vets {width}"
    pupil.get_by_label("A work placement").check()
    pupil.get_by_label("Where was it?").fill(employer)
    pupil.get_by_label("How many hours in all? (optional)").fill("30")
    pupil.get_by_label("What did you do?").fill("Fed the cats.")
    pupil.get_by_label("Add photos (optional)").set_input_files([_jpeg("green")])
    _save(pupil)
    assert pupil.get_by_role("heading", name=f"A work placement: {employer}").is_visible()
    pupil.get_by_role("link", name="Add a diary day").click()
    pupil.wait_for_load_state()
    check_page(pupil, live_server, width, "passport-diary-new")
    pupil.get_by_label("What did you do today?").fill("Watched a vet check a dog's teeth.")
    pupil.get_by_label("Add photos (optional)").set_input_files([_jpeg("purple")])
    _save(pupil)
    assert pupil.get_by_role("heading", name=f"Diary: a day at {employer}").is_visible()
    check_page(pupil, live_server, width, "passport-diary-entry", counts=False)

    pupil.goto("/passport/new/achievement")
    check_page(pupil, live_server, width, "passport-new-achievement", counts=False)
    pupil.get_by_label("A certificate").check()
    pupil.get_by_label("What did you achieve?").fill(f"Food Hygiene {width}")
    pupil.get_by_label("Add a photo or the certificate (optional)").set_input_files([PDF])
    _save(pupil)
    assert pupil.get_by_role("heading", name=f"Food Hygiene {width}").is_visible()
    assert pupil.get_by_role("link", name="Certificate (PDF)").is_visible()

    pupil.goto("/passport/timeline")
    for title in (
        f"A careers fair: {organisation}",
        f"A work placement: {employer}",
        f"Diary: a day at {employer}",
        f"Food Hygiene {width}",
    ):
        assert pupil.get_by_role("link", name=title).first.is_visible()
    check_page(pupil, live_server, width, "passport-timeline")

    with live_server.app.app_context():
        from journal.accounts.models import User

        pupil_id = db.session.scalar(
            select(Pupil.id).join(User, Pupil.user_id == User.id).where(User.username == "pupil")
        )
    staff = shared_page("careers", width)
    assert staff.goto(f"/pupils/{pupil_id}/timeline").status == 200
    check_page(staff, live_server, width, "pupil-timeline")
    staff.get_by_role("link", name=f"A careers fair: {organisation}").click()
    staff.wait_for_load_state()
    check_page(staff, live_server, width, "pupil-entry")
    staff.get_by_role("link", name="Earlier versions (1)").click()
    staff.wait_for_load_state()
    check_page(staff, live_server, width, "pupil-entry-history")


def record_encounter(page, organisation: str) -> None:
    """Fill the encounter form (already open) and save it; lands on the new entry."""
    page.get_by_label("A careers fair").check()
    page.get_by_label("Which employer, college or organisation?").fill(organisation)
    page.get_by_label("What did you do?").fill(
        "I talked to **three** colleges about their courses.\n\n- Engineering\n- Health care"
    )
    page.get_by_label("What did you learn?").fill("You can start an apprenticeship at 16.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Change this entry").is_visible()


VIEW_CHOICES = {
    "text_size": "Very large",
    "spacing": "Wide",
    "contrast": "High contrast",
    "font": "Easy-read font",
    "symbols": "On",
}


def test_pages_in_the_large_text_and_symbol_view(new_context, live_server):
    """A pupil who chose very large text, wide spacing, high contrast, the easy-read font and
    picture symbols: the pupil's pages still pass axe and fit a 320 px screen."""
    width = 320
    page = new_context(None, width=width).new_page()
    sign_in(page, "pupil.views")
    page.goto("/settings/view")
    for setting, choice in VIEW_CHOICES.items():
        page.locator(f"fieldset#{setting}").get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Save my settings").click()
    page.wait_for_load_state()
    classes = set((page.locator("html").get_attribute("class") or "").split())
    assert {"text-200", "spacing-wide", "contrast-high", "font-dyslexic", "symbols"} <= classes
    check_page(page, live_server, width, "views-settings", counts=False)

    page.goto("/passport/new/encounter")
    check_page(page, live_server, width, "views-new-encounter", counts=False)
    record_encounter(page, "Riverside Hospital")
    check_page(page, live_server, width, "views-entry", counts=False)
    for name, path in (
        ("views-home", "/"),
        ("views-timeline", "/passport/timeline"),
        ("views-account", "/account"),
        ("views-about", "/about"),
        ("views-not-found", "/no-such-page"),
    ):
        page.goto(path)
        check_page(page, live_server, width, name, counts=False)


# A phone's own text-size setting doubles the browser's root font size; the app's large-text
# view is walked in test_view_modes, but without this the phone's setting was never tried.
DOUBLED_ROOT_FONT = "html { font-size: 200% }"


def _newest_of(kind: str, action: str = "edit"):
    """A page about the demo pupil's newest saved entry of ``kind`` (``action``: "edit",
    "history", "diary/new" or "" for the entry itself)."""

    def visit(page, live_server):
        from journal.passport.entries.models import Entry

        with live_server.app.app_context():
            entry_id = db.session.scalar(
                select(Entry.id)
                .where(Entry.pupil_id == pupil_id_of(live_server, "pupil"), Entry.kind == kind)
                .where(Entry.state != "draft")
                .order_by(Entry.occurred_on.desc(), Entry.id.desc())
                .limit(1)
            )
        return page.goto(f"/passport/entries/{entry_id}/{action}".rstrip("/")).status

    return visit


def _pupil_pages_at_doubled_text() -> dict:
    """The pupil's pages of the walk, and the pupil's pages the walk reaches only through a
    sequence of forms (the record chooser, the entry forms, every skill's rating page)."""
    from journal.reference.skills import SKILLS

    pages = {name: visit for name, (role, visit, _) in PAGES.items() if role == "pupil"}
    pages |= {
        "passport-record": _goto("/passport/record"),
        "passport-timeline": _goto("/passport/timeline"),
        **{f"passport-new-{k}": _goto(f"/passport/new/{k}") for k in ENTRY_KINDS},
        "passport-diary-new": _newest_of("workplace", "diary/new"),
        **{f"passport-entry-{k}": _newest_of(k, "") for k in (*ENTRY_KINDS, "diary")},
        "passport-history": _newest_of("encounter", "history"),
        **{f"rate-skill-{code}": _goto(f"/passport/skills/{code}/rate") for code in SKILLS},
    }
    return pages


ENTRY_KINDS = ("encounter", "workplace", "achievement")
PUPIL_PAGES_DOUBLED = _pupil_pages_at_doubled_text()


@pytest.mark.parametrize("name", PUPIL_PAGES_DOUBLED)
def test_pupil_page_with_the_phones_text_size_doubled(shared_page, live_server, name):
    """At 320 px with the browser's root font size doubled (a phone's text-size setting, not
    the app's own large-text view), no pupil page scrolls sideways."""
    page = shared_page("pupil", 320)
    PUPIL_PAGES_DOUBLED[name](page, live_server)
    page.add_style_tag(content=DOUBLED_ROOT_FONT)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"
    try:
        assert_no_sideways_scroll(page, f"{name} with the root font size doubled")
    except AssertionError:
        screenshot(page, f"FAILED-{name}-320-doubled-text")
        raise


def test_the_checks_catch_problems(shared_page):
    """The checks are not vacuous: an unlabelled field and a too-wide box are both reported."""
    page = shared_page(None, 320)
    page.goto("/about")
    page.evaluate(
        """() => {
          const input = document.createElement('input');
          input.id = 'no-label';
          document.querySelector('main').append(input);
          const wide = document.createElement('div');
          wide.style.width = '500px';
          wide.textContent = 'too wide';
          document.querySelector('main').append(wide);
        }"""
    )
    with pytest.raises(pytest.fail.Exception, match=r"label \(critical\)[\s\S]*#no-label"):
        check_axe(page)
    with pytest.raises(AssertionError, match="scrolls sideways at 320px"):
        assert_no_sideways_scroll(page)
    with pytest.raises(AssertionError, match="scrolls sideways at 320px"):
        assert_layout(page)
    page.evaluate(
        """() => {
          document.querySelector('main > div:last-child').remove();
          for (const text of ['a', 'b']) {
            const button = document.createElement('button');
            button.textContent = text;
            button.style.cssText = 'width: 12px; height: 12px; padding: 0; font-size: 8px';
            document.querySelector('main').append(button);
          }
        }"""
    )
    with pytest.raises(AssertionError, match="targets smaller than 24 px"):
        assert_layout(page)


# --- coverage ----------------------------------------------------------------------------------


def test_every_page_was_checked(request, browser, live_server):  # skipped with the browser
    """Every GET route (static files and the health check aside) passed axe at 320 and 1280 px."""
    here = request.node.module
    walk = [
        item
        for item in request.session.items
        if item.module is here and item.originalname != "test_every_page_was_checked"
    ]
    config = request.config
    narrowed = (
        config.getoption("keyword", "")
        or config.getoption("deselect", None)
        or config.getoption("lf", False)
        or any("::" in str(arg) for arg in config.args)
    )
    if narrowed or len(walk) < len(PAGE_WIDTHS) * len(PAGES) + 4 * len(WIDTHS):
        pytest.skip("the page walk was only partly selected: run the whole module")
    routes = sorted(
        {
            rule.endpoint
            for rule in live_server.app.url_map.iter_rules()
            if "GET" in rule.methods and rule.endpoint not in ROUTES_NOT_PAGES
        }
    )
    missing = [
        f"{endpoint} at {width}px"
        for endpoint in routes
        for width in PAGE_WIDTHS
        if (endpoint, width) not in CHECKED
    ]
    assert not missing, (
        "These pages were never checked with axe (add them to tests/browser/test_pages_a11y.py): "
        + ", ".join(missing)
    )
