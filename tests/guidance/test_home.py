"""The home pages: the pupil's "From your school", the staff member's overdue actions and
recently opened pupils; and the careers journey counting interviews."""

from __future__ import annotations

from datetime import date, timedelta

from journal.accounts.roles import Role
from journal.calendar import today
from journal.extensions import db
from journal.guidance import operations
from journal.guidance.queries import recently_opened_pupils
from journal.milestones.journey import guidance_interview_dates
from tests.support import counting_queries


def statements_for(client, url: str) -> int:
    with counting_queries() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def test_pupil_home_does_not_grow_with_actions(client, login, pupil, add_action, add_note):
    login(pupil.user)

    def add(n: int) -> None:
        for i in range(n):
            add_action(pupil, f"Thing {i}", due_on=today() + timedelta(days=i - 2))
            add_note(pupil, f"Advice {i}")

    add(2)
    with_few = statements_for(client, "/")
    add(30)
    with_many = statements_for(client, "/")
    assert with_few == with_many


def test_guidance_pages_do_not_grow(client, login, pupil, adviser, add_action, add_note):
    def add(n: int) -> None:
        for i in range(n):
            action = add_action(pupil, f"Thing {i}")
            operations.add_comment(pupil, "action", action, "Done soon", by=pupil.user)
            add_note(pupil, f"Advice {i}")
        db.session.commit()

    add(2)
    login(pupil.user)
    pupil_few = statements_for(client, "/guidance")
    login(adviser)
    staff_few = statements_for(client, f"/pupils/{pupil.id}/guidance")
    add(20)
    assert statements_for(client, f"/pupils/{pupil.id}/guidance") == staff_few
    login(pupil.user)
    assert statements_for(client, "/guidance") == pupil_few


def test_pupil_home_shows_actions_and_the_latest_advice(client, login, pupil, add_action, add_note):
    add_note(pupil, "Old advice")
    add_note(pupil, "Newest advice")
    add_action(pupil, "Book the open day")
    login(pupil.user)
    page = client.get("/").text
    assert "Book the open day" in page
    assert "Newest advice" in page
    assert "Old advice" not in page
    assert "/guidance" in page


def test_staff_home_lists_my_overdue_actions(client, login, pupil, adviser, tutor, add_action):
    add_action(pupil, "Ring the college", owner_kind="staff", owner_user=tutor,
               due_on=today() - timedelta(days=1))  # fmt: skip
    add_action(pupil, "Not due yet", owner_kind="staff", owner_user=tutor,
               due_on=today() + timedelta(days=5))  # fmt: skip
    add_action(pupil, "Someone else's", owner_kind="staff", owner_user=adviser,
               due_on=today() - timedelta(days=1))  # fmt: skip
    login(tutor)
    page = client.get("/").text
    assert "Ring the college" in page
    assert "Overdue since" in page
    assert "Not due yet" not in page
    assert "Someone else&#39;s" not in page


def test_staff_home_lists_pupils_i_recently_opened(client, login, make, school, group, tutor):
    pupils = [make.pupil(school, group, first=f"P{i}") for i in range(12)]
    db.session.commit()
    login(tutor)
    for p in pupils:
        assert client.get(f"/pupils/{p.id}").status_code == 200
    client.get(f"/pupils/{pupils[0].id}")  # opened again: once in the list, first
    expected = [pupils[0].id, *[p.id for p in pupils[11:2:-1]]]
    assert tutor.roles  # loaded before counting
    with counting_queries() as statements:
        recent = recently_opened_pupils(tutor)
    assert [p.id for p in recent] == expected
    assert len([s for s in statements if s.startswith("SELECT")]) == 1
    assert f"/pupils/{pupils[0].id}" in client.get("/").text


def test_recent_pupils_are_only_mine(client, login, make, school, pupil, tutor):
    login(make.user(school, Role.CAREERS_LEADER), on=client)
    client.get(f"/pupils/{pupil.id}")
    assert recently_opened_pupils(tutor) == []


def test_interviews_tick_off_the_journey(pupil, adviser):
    operations.record_interview(pupil, by=adviser, adviser=adviser, held_on=date(2026, 10, 1))
    operations.record_interview(
        pupil, by=adviser, adviser=adviser, held_on=date(2025, 10, 1), visibility="staff"
    )
    db.session.commit()
    db.session.refresh(pupil)
    with counting_queries() as statements:
        days = guidance_interview_dates(pupil)
    assert days == [date(2025, 10, 1), date(2026, 10, 1)]
    assert len([s for s in statements if s.startswith("SELECT")]) == 1


def test_staff_pupil_record_links_everything_and_shows_the_journey(client, login, pupil, tutor):
    login(tutor)
    page = client.get(f"/pupils/{pupil.id}").text
    for path in ("timeline", "guidance", "skills", "aspirations", "profile"):
        assert f"/pupils/{pupil.id}/{path}" in page
    assert 'id="journey-heading"' in page
