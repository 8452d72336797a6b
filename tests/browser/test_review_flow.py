"""The annual review from start to end in Chromium at 360 px: staff open a review and invite a
family member; the family member signs up with the code, sees their child's progress and
writes their contribution; the pupil writes theirs in simple mode; staff write the summary,
record a decision and an action and complete the review; the PDF holds all three voices."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from journal.accessibility.models import OWN, ViewPreferences
from journal.accessibility.operations import save_own_preferences
from journal.accounts.models import User
from journal.calendar import today
from journal.extensions import db

from .helpers import USERNAMES, assert_no_sideways_scroll
from .visits import pupil_id_of

pytestmark = pytest.mark.browser

WIDTH = 360
SIMPLE = {
    "text_size": 100,
    "spacing": "normal",
    "contrast": "normal",
    "font": "default",
    "reduced_motion": False,
    "symbols": True,
    "simple_mode": True,
}


def _simple_mode_for(live_server, username: str) -> None:
    with live_server.app.app_context():
        user = db.session.scalars(select(User).where(User.username == username)).one()
        db.session.execute(
            db.delete(ViewPreferences).where(
                ViewPreferences.user_id == user.id, ViewPreferences.set_by == OWN
            )
        )
        save_own_preferences(user, SIMPLE)
        db.session.commit()
        db.session.remove()


def _go_on(page, link_name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=link_name).first.click()


def _press(page, button_name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button_name).click()


def test_the_annual_review_from_invite_to_pdf(new_context, live_server):
    pupil_id = pupil_id_of(live_server, USERNAMES["views"])
    held_on = today() + timedelta(days=10)

    # Staff open the review from the pupil record, then invite a family member.
    staff = new_context("careers", width=WIDTH).new_page()
    staff.goto(f"/pupils/{pupil_id}")
    _go_on(staff, "Annual reviews: open a review")
    staff.get_by_label("Date of the review").fill(held_on.isoformat())
    _press(staff, "Open the review")
    assert "The review is open" in staff.content()
    review_path = urlsplit(staff.url).path
    review_id = int(review_path.rsplit("/", 1)[1])
    staff.goto(f"/pupils/{pupil_id}/family")
    _press(staff, "Make an invite code")
    code = staff.locator(".family-code").first.inner_text().strip()

    # The family member signs up with the code, sees progress, writes a contribution.
    family = new_context(None, width=WIDTH).new_page()
    family.goto("/family/join")
    family.get_by_label("Your code").fill(code)
    _press(family, "Carry on")
    family.get_by_label("How are you related to the young person?").fill("Dad")
    family.get_by_label("Your name").fill("Sam Reviewer")
    family.get_by_label("Choose a username").fill("sam.reviewer")
    family.get_by_label("Choose a password").fill("a long walk by the river")
    family.get_by_label("Type the password again").fill("a long walk by the river")
    _press(family, "Make my account")
    assert family.get_by_role("heading", name="Careers journey").first.is_visible()
    assert family.get_by_role("heading", name="Things to do").first.is_visible()
    _go_on(family, "Annual reviews: write your view")
    _go_on(family, "Review on")
    _go_on(family, "Write or change your contribution")
    family.get_by_label("Your words").fill("From home: he talks about building things every day.")
    _press(family, "Save my words")
    assert "Thank you. Your contribution is saved." in family.content()
    assert_no_sideways_scroll(family, "the family's review page")

    # The pupil writes theirs in simple mode (with symbols), from their home page.
    _simple_mode_for(live_server, USERNAMES["views"])
    pupil = new_context("views", width=WIDTH).new_page()
    pupil.goto("/")
    _go_on(pupil, "My annual review is on")
    assert "simple" in (pupil.locator("html").get_attribute("class") or "")
    assert pupil.get_by_label("What I am good at").is_visible()
    _press(pupil, "Save")
    assert pupil.locator(".error-summary").is_visible()  # nothing written yet: asked again
    pupil.get_by_label("What I like").fill("Making things with wood")
    pupil.get_by_label("What I want to do next").fill("A carpentry apprenticeship")
    _press(pupil, "Save")
    assert "Your words are saved" in pupil.content()
    assert_no_sideways_scroll(pupil, "the pupil's review page")

    # Staff write the summary, record a decision and an action, complete the review.
    staff.goto(review_path)
    staff.get_by_label("Your words").fill("Staff view: excellent effort in technology all year.")
    _press(staff, "Save the summary")
    _go_on(staff, "Record decisions and actions agreed")
    staff.get_by_label("Decisions agreed").fill("Apply for the carpentry apprenticeship")
    staff.get_by_label("What needs to happen").first.fill("Visit the training provider")
    _press(staff, "Save the decisions and actions")
    assert "saved in the guidance record" in staff.content()
    _press(staff, "Complete the review")  # without the box ticked: asked, nothing closed
    assert "Tick the box to say everything is recorded" in staff.content()
    staff.get_by_label("Everything agreed is recorded").check()
    _press(staff, "Complete the review")
    assert "It can no longer be changed" in staff.content()
    assert staff.get_by_role("button", name="Save the summary").count() == 0

    # The PDF holds all three voices, and what was agreed.
    with staff.expect_download() as download:
        staff.get_by_role("link", name="Download the summary (PDF)").click()
    data = Path(download.value.path()).read_bytes()
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )
    for words in (
        "he talks about building things every day",
        "Making things with wood",
        "excellent effort in technology",
        "Apply for the carpentry apprenticeship",
        "Visit the training provider",
    ):
        assert words in text, words
    assert review_id
