"""What the staff home and the staff view of a pupil show of the passport."""

from __future__ import annotations

from datetime import date

from journal.accounts.roles import Role


def test_the_staff_home_counts_the_sign_off_queue(client, login, make, school, pupil, tutor):
    make.entry(pupil, organisation="Waiting one")
    make.entry(pupil, organisation="Waiting two")
    make.entry(pupil, organisation="A draft", state="draft")
    login(tutor)
    page = client.get("/").text
    assert "My sign-off queue" in page
    assert "2 entries are waiting for you to sign off" in page


def test_staff_without_a_queue_do_not_see_one(client, login, make, school, pupil):
    make.entry(pupil)
    login(make.user(school, Role.SCHOOL_ADMIN))
    assert "My sign-off queue" not in client.get("/").text


def test_the_pupil_record_shows_the_latest_saved_entries(client, login, make, pupil, tutor):
    for day in range(1, 8):
        make.entry(pupil, organisation=f"Place {day}", occurred_on=date(2026, 10, day))
    make.entry(pupil, organisation="Secret draft", state="draft")
    login(tutor)
    page = client.get(f"/pupils/{pupil.id}").text
    assert "Latest entries" in page
    assert "Place 7" in page and "Place 3" in page and "Place 2" not in page
    assert "Secret draft" not in page
    assert "Waiting to be signed off" in page
