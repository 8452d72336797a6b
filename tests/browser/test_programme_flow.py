"""The careers programme in Chromium at 360 px (CSRF on): a careers leader records "Year 10
careers fair" for all of Year 10, unticks three absentees and saves the list once; each of the
others then sees the confirmed entry and the reflection prompt on their home page, and the
three do not. axe-core checks each screen on the way."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from journal.accounts.models import User
from journal.accounts.passwords import hash_password
from journal.extensions import db
from journal.schools.models import Pupil
from journal_demo.common import DEMO_PASSWORD

from .helpers import assert_no_sideways_scroll, check_axe, sign_in

pytestmark = pytest.mark.browser

PROMPT = "What did you learn at the Year 10 careers fair?"


def _year_10(live_server) -> list[tuple[int, str]]:
    """(pupil id, username) of every Year 10 pupil with an account, each given the demo
    password so they can sign in."""
    with live_server.app.app_context():
        rows = db.session.execute(
            select(Pupil.id, User)
            .join(User, Pupil.user_id == User.id)
            .where(Pupil.year_group == 10, Pupil.left_on.is_(None))
            .order_by(Pupil.id)
        ).all()
        for _id, user in rows:
            if not user.password_hash:
                user.password_hash = hash_password(DEMO_PASSWORD)
        db.session.commit()
        found = [(pupil_id, user.username) for pupil_id, user in rows]
        db.session.remove()
    return found


def _entry_of(live_server, pupil_id: int) -> int | None:
    from journal.programme.models import ProgrammeActivity, ProgrammeAttendance

    with live_server.app.app_context():
        found = db.session.scalar(
            select(ProgrammeAttendance.entry_id)
            .join(ProgrammeActivity)
            .where(
                ProgrammeActivity.title == "Year 10 careers fair",
                ProgrammeAttendance.pupil_id == pupil_id,
            )
        )
        db.session.remove()
        return found


def _checked(page, label: str) -> None:
    check_axe(page, label)
    assert_no_sideways_scroll(page, label)


def test_a_careers_fair_for_year_10_reaches_everyone_who_was_there(new_context, live_server):
    year_10 = _year_10(live_server)
    assert len(year_10) >= 4, "the demo school needs a Year 10 to run this"
    absent, present = year_10[:3], year_10[3:]

    page = new_context("careers", width=360).new_page()
    page.goto("/programme/new")
    page.get_by_label("Title").fill("Year 10 careers fair")
    page.get_by_label("What kind of activity?").select_option("encounter:careers_fair")
    page.locator("#organisations-0-name").fill("Riverside Hospital")
    page.locator("#organisations-0-sector").fill("Health")
    page.get_by_label("Year groups", exact=True).check()
    page.get_by_label("Year 10", exact=True).check()
    _checked(page, "record an activity")
    page.get_by_role("button", name="Save the activity").click()
    page.wait_for_load_state()

    assert "/attendance" in page.url
    boxes = page.locator("input[name=present]")
    assert boxes.count() == len(year_10)
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    _checked(page, "attendance list")
    for pupil_id, _username in absent:
        page.locator(f"#p-{pupil_id}").uncheck()
    page.get_by_role("button", name="Save who was there").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"{len(present)} of {len(year_10)}").is_visible()
    page.context.close()

    for pupil_id, username in present:
        pupil = new_context(None, width=360).new_page()
        sign_in(pupil, username)
        prompt = pupil.get_by_role("link", name=PROMPT)
        assert prompt.is_visible(), f"{username} has no prompt"
        _checked(pupil, f"home of {username}")
        entry_id = _entry_of(live_server, pupil_id)
        pupil.goto(f"/passport/entries/{entry_id}")
        assert pupil.get_by_text("Signed off").first.is_visible()
        assert pupil.get_by_text("Ms Dee Okafor").first.is_visible()
        prompt_page = pupil.goto("/")
        assert prompt_page.status == 200
        pupil.get_by_role("link", name=PROMPT).click()
        pupil.wait_for_load_state()
        assert pupil.url.endswith(f"/passport/entries/{entry_id}/edit")
        pupil.context.close()

    for pupil_id, username in absent:
        pupil = new_context(None, width=360).new_page()
        sign_in(pupil, username)
        assert pupil.get_by_text(PROMPT).count() == 0, f"{username} was away"
        assert _entry_of(live_server, pupil_id) is None
        pupil.context.close()
