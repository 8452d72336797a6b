"""Aspirations and intended destinations: what the pupil wants to do, and where they plan to
go at 16, 18 and (with an EHCP) up to 25, each kept as a history."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from journal.passport.plans import operations as plans_operations
from journal.passport.plans import queries as plans_queries
from journal.passport.plans.models import Aspiration, IntendedDestination
from tests.support import counting_queries


def aspirations_in_db(pupil) -> list[Aspiration]:
    db.session.expire_all()
    query = select(Aspiration).where(Aspiration.pupil_id == pupil.id).order_by(Aspiration.id)
    return list(db.session.scalars(query))


def destinations_in_db(pupil) -> list[IntendedDestination]:
    db.session.expire_all()
    query = select(IntendedDestination).where(IntendedDestination.pupil_id == pupil.id)
    return list(db.session.scalars(query.order_by(IntendedDestination.id)))


def events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def plan(stage: str, category: str, detail: str = "") -> dict:
    return {"stage": stage, f"stage{stage}-category": category, f"stage{stage}-detail": detail}


@pytest.fixture
def ehcp_pupil(make, school, group):
    return make.pupil(school, group, first="Sam", sen_status="E")


# --- aspirations ------------------------------------------------------------------------------


def test_the_page_starts_with_the_form(client, login, pupil):
    login(pupil.user)
    response = client.get("/passport/aspirations")
    assert response.status_code == 200
    assert "<h1>What I want to do</h1>" in response.text
    assert "What do you want to do?" in response.text and "Why? (optional)" in response.text
    assert "Nothing yet." in response.text
    assert 'href="/passport/destinations"' in response.text


def test_writing_aspirations_keeps_every_one(client, login, pupil):
    login(pupil.user)
    first = client.post(
        "/passport/aspirations", data={"what": "Be a vet", "why": "I love **animals**."}
    )
    assert first.status_code == 302 and first.headers["Location"].endswith("/passport/aspirations")
    client.post("/passport/aspirations", data={"what": "  Work with horses  ", "why": ""})
    older, newer = aspirations_in_db(pupil)
    assert (older.what, older.why, older.author_id, older.source) == (
        "Be a vet",
        "I love **animals**.",
        pupil.user_id,
        "pupil",
    )
    assert (newer.what, newer.why) == ("Work with horses", "")

    page = client.get("/passport/aspirations").text
    assert "Saved. What you wrote before is kept too." in page
    assert page.index("Work with horses") < page.index("Be a vet")
    assert "You wrote on" in page and "(the newest)" in page
    assert "<strong>animals</strong>" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"what": "   ", "why": "Because I like maths."}, "Write what you want to do."),
        ({"what": "x" * 501, "why": "Because I like maths."}, "under 500 characters"),
        ({"what": "Engineer", "why": "Because I like maths." + "y" * 2000}, "under 2000"),
    ],
)
def test_bad_aspirations_are_refused_and_what_was_typed_kept(client, login, pupil, data, message):
    login(pupil.user)
    response = client.post("/passport/aspirations", data=data)
    assert response.status_code == 422
    assert message in response.text
    assert 'class="error"' in response.text
    assert "Because I like maths." in response.text
    assert aspirations_in_db(pupil) == []


def test_a_script_in_why_is_shown_inert(client, login, pupil):
    login(pupil.user)
    client.post(
        "/passport/aspirations",
        data={
            "what": "<b>Chef</b>",
            "why": "<script>alert(1)</script> <img src=x onerror=alert(2)> "
            "[x](javascript:alert(3))",
        },
    )
    page = client.get("/passport/aspirations").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "javascript:" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;Chef&lt;/b&gt;" in page


# --- intended destinations --------------------------------------------------------------------


def test_a_pupil_without_an_ehcp_plans_for_16_and_18_only(client, login, pupil):
    login(pupil.user)
    page = client.get("/passport/destinations").text
    assert "After Year 11 (at 16)" in page and "After Year 13 (at 18)" in page
    assert "up to 25" not in page
    assert 'name="stage16-category"' in page and 'name="stage18-category"' in page
    assert "Stay on at a school sixth form" in page
    assert "Go to university (higher education)" in page


def test_a_pupil_with_an_ehcp_also_plans_up_to_25(client, login, ehcp_pupil):
    login(ehcp_pupil.user)
    page = client.get("/passport/destinations").text
    assert "Later, up to 25" in page and 'name="stage25-category"' in page
    response = client.post("/passport/destinations", data=plan("25", "460", "Hospital project"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/passport/destinations#stage-25")
    [row] = destinations_in_db(ehcp_pupil)
    assert (row.stage, row.category, row.detail) == ("25", "460", "Hospital project")


def test_a_pupil_without_an_ehcp_cannot_save_a_plan_up_to_25(client, login, pupil):
    login(pupil.user)
    assert client.post("/passport/destinations", data=plan("25", "460")).status_code == 403
    assert client.post("/passport/destinations", data=plan("99", "460")).status_code == 400
    assert destinations_in_db(pupil) == []
    with pytest.raises(ValueError):
        plans_operations.set_intended_destination(pupil, "25", "460", "", pupil.user)


def test_changing_a_plan_keeps_the_earlier_one_and_repeating_it_writes_nothing(
    client, login, pupil
):
    login(pupil.user)
    client.post("/passport/destinations", data=plan("16", "230", "City College"))
    client.post("/passport/destinations", data=plan("16", "230", " City College "))
    assert "Nothing changed" in client.get("/passport/destinations").text
    client.post("/passport/destinations", data=plan("16", "310", "Bricklaying"))
    client.post("/passport/destinations", data=plan("18", "240"))
    rows = destinations_in_db(pupil)
    assert [(r.stage, r.category, r.detail) for r in rows] == [
        ("16", "230", "City College"),
        ("16", "310", "Bricklaying"),
        ("18", "240", ""),
    ]
    page = client.get("/passport/destinations").text
    assert "Saved your plan for after Year 13 (at 18)." in page
    assert "My plan now:" in page and "Before that:" in page
    at_16 = page[page.index('id="stage-16"') : page.index('id="stage-18"')]
    assert at_16.index("Start an apprenticeship") < at_16.index("Go to a further education")
    assert re.search(r'<input checked id="stage16-category-\d+"[^>]*value="310"', at_16)
    assert at_16.count("checked") == 1

    summary = client.get("/passport/aspirations").text
    assert "Start an apprenticeship: Bricklaying" in summary
    assert "Go to university (higher education)" in summary


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (plan("16", "", "City College"), "Choose one."),
        (plan("18", "210", "City College"), "Choose one of these."),  # sixth form is for 16
        (plan("16", "230", "City College" + "x" * 300), "under 300 characters"),
    ],
)
def test_bad_plans_are_refused_and_what_was_typed_kept(client, login, pupil, data, message):
    login(pupil.user)
    response = client.post("/passport/destinations", data=data)
    assert response.status_code == 422
    assert message in response.text
    assert 'class="error"' in response.text and "City College" in response.text
    assert destinations_in_db(pupil) == []


def test_a_year_13_pupil_sees_16_as_history_only(client, login, make, school):
    older = make.pupil(school, first="Jo", year_group=13)
    plans_operations.set_intended_destination(older, "16", "210", "", older.user)
    db.session.commit()
    login(older.user)
    page = client.get("/passport/destinations").text
    assert "After Year 11 (at 16)" in page and "What I planned:" in page
    assert "Stay on at a school sixth form" in page
    assert 'name="stage16-category"' not in page and 'name="stage18-category"' in page
    assert client.post("/passport/destinations", data=plan("16", "230")).status_code == 403
    assert len(destinations_in_db(older)) == 1


def test_reads_take_one_query_each(pupil):
    for category in ("230", "310"):
        plans_operations.set_intended_destination(pupil, "16", category, "", pupil.user)
    plans_operations.set_intended_destination(pupil, "18", "240", "", pupil.user)
    db.session.commit()
    db.session.refresh(pupil)
    with counting_queries() as statements:
        latest = plans_queries.latest_destinations(pupil)
        history = plans_queries.destination_history(pupil)
    assert len(statements) == 2
    assert {stage: row.category for stage, row in latest.items()} == {"16": "310", "18": "240"}
    assert [r.category for r in history["16"]] == ["310", "230"]


def test_the_pages_do_not_grow_with_the_history(client, login, pupil, tutor):
    def add(n):
        for i in range(n):
            plans_operations.add_aspiration(pupil, f"Idea {i}", "Because.", pupil.user)
            code = ("230", "310")[i % 2]
            plans_operations.set_intended_destination(pupil, "16", code, "", pupil.user)
        db.session.commit()

    def count(url):
        with counting_queries() as statements:
            assert client.get(url).status_code == 200
        return len(statements)

    urls = ("/passport/aspirations", "/passport/destinations")
    add(2)
    login(pupil.user)
    with_2 = [count(url) for url in urls]
    add(18)
    assert [count(url) for url in urls] == with_2
    login(tutor)
    staff = count(f"/pupils/{pupil.id}/aspirations")
    add(10)
    assert count(f"/pupils/{pupil.id}/aspirations") == staff


# --- staff ------------------------------------------------------------------------------------


def test_staff_read_aspirations_and_plans_and_it_is_audited(client, login, pupil, school, make):
    plans_operations.add_aspiration(pupil, "Be a vet", "I love *animals*.", pupil.user)
    plans_operations.set_intended_destination(pupil, "16", "230", "City College", pupil.user)
    plans_operations.set_intended_destination(pupil, "16", "310", "", pupil.user)
    leader = make.user(school, Role.CAREERS_LEADER)
    db.session.commit()
    login(leader)
    response = client.get(f"/pupils/{pupil.id}/aspirations")
    assert response.status_code == 200
    text = response.text
    assert "What Maya Smith wants to do" in text
    assert "They wrote on" in text and "<em>animals</em>" in text
    assert "Their plan now:" in text and "Start an apprenticeship" in text
    assert "Before that:" in text and "City College" in text
    assert '<form method="post"' not in text.split("<main")[1].split("</main>")[0]
    [event] = events("pupil_aspirations_opened")
    assert (event.actor_id, event.pupil_id) == (leader.id, pupil.id)


def test_staff_outside_scope_get_not_found(client, login, pupil, school, make):
    other_tutor = make.user(school, Role.TUTOR)
    make.group(school, "11P", tutors=[other_tutor])
    elsewhere = make.user(make.school("Elsewhere"), Role.SCHOOL_ADMIN)
    for person in (other_tutor, elsewhere):
        login(person)
        assert client.get(f"/pupils/{pupil.id}/aspirations").status_code == 404
    assert events("pupil_aspirations_opened") == []


def test_pupils_and_family_cannot_open_the_staff_page(client, login, pupil, school, make):
    other = make.pupil(school, first="Tom")
    family = make.user(school, Role.FAMILY)
    for person in (pupil.user, other.user, family):
        login(person)
        assert client.get(f"/pupils/{pupil.id}/aspirations").status_code == 403
    for person in (family, make.user(school, Role.CAREERS_LEADER)):
        login(person)
        assert client.get("/passport/aspirations").status_code == 403
        assert client.post("/passport/destinations", data=plan("16", "230")).status_code == 403
    assert destinations_in_db(pupil) == []
