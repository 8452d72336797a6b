"""View settings: remembered per person, applied as classes on <html>, defaults set by staff."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from journal.accessibility.models import OWN, STAFF_DEFAULT, ViewPreferences
from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db

ALL_ON = {
    "text_size": "200",
    "spacing": "wide",
    "contrast": "high",
    "font": "dyslexic",
    "reduced_motion": "on",
    "symbols": "on",
    "simple_mode": "on",
}
STANDARD = {
    **ALL_ON,
    "text_size": "100",
    "spacing": "normal",
    "contrast": "normal",
    "font": "default",
    "reduced_motion": "off",
    "symbols": "off",
    "simple_mode": "off",
}


def html_classes(response) -> set[str]:
    match = re.search(r'<html lang="en-GB" class="([^"]*)"', response.get_data(as_text=True))
    assert match, "no <html> tag with classes"
    return set(match.group(1).split())


@pytest.fixture
def school(make):
    return make.school("Riverside")


def test_standard_view_has_no_classes(client, login, make, school):
    login(make.user(school, Role.TUTOR))
    assert html_classes(client.get("/")) == set()


def test_saved_settings_are_applied_on_the_next_page(client, login, make, school):
    pupil = make.pupil(school)
    login(pupil.user)
    response = client.post("/settings/view", data=ALL_ON)
    assert response.status_code == 302
    assert html_classes(client.get("/")) == {
        "text-200",
        "spacing-wide",
        "contrast-high",
        "font-dyslexic",
        "reduce-motion",
        "symbols",
        "simple",
    }
    db.session.expire_all()
    row = db.session.get(ViewPreferences, (pupil.user_id, OWN))
    assert row.text_size == 200 and row.symbols is True


def test_settings_page_shows_the_saved_choices(client, login, make, school):
    user = make.user(school, Role.CAREERS_LEADER)
    login(user)
    client.post("/settings/view", data={**STANDARD, "text_size": "150"})
    page = client.get("/settings/view").get_data(as_text=True)
    assert re.search(r'<input checked id="text_size-2"[^>]*value="150"', page)
    assert "<legend>" in page and 'type="radio"' in page


def test_a_missing_choice_is_reported_at_the_field(client, login, make, school):
    login(make.user(school, Role.TUTOR))
    data = dict(ALL_ON)
    del data["contrast"]
    response = client.post("/settings/view", data=data)
    assert response.status_code == 200
    assert "Choose one." in response.get_data(as_text=True)


def test_staff_default_applies_until_the_pupil_chooses(app, client, login, make, school):
    tutor = make.user(school, Role.TUTOR)
    group = make.group(school, "10H", tutors=[tutor])
    pupil = make.pupil(school, group)
    staff_client = app.test_client()
    login(tutor, on=staff_client)
    defaults = {name: "" for name in ALL_ON} | {"text_size": "150", "symbols": "on"}
    assert staff_client.post(f"/pupils/{pupil.id}/view-settings", data=defaults).status_code == 302

    login(pupil.user)
    assert html_classes(client.get("/")) == {"text-150", "symbols"}

    client.post("/settings/view", data={**STANDARD, "text_size": "200"})
    assert html_classes(client.get("/")) == {"text-200"}  # own choice wins over the default

    # Staff changing the default later does not override what the pupil chose.
    staff_client.post(f"/pupils/{pupil.id}/view-settings", data=defaults | {"text_size": "125"})
    assert html_classes(client.get("/")) == {"text-200"}

    # Going back to the school's settings brings the default back.
    client.post("/settings/view", data={"action": "reset"})
    assert html_classes(client.get("/")) == {"text-125", "symbols"}

    db.session.expire_all()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "view_defaults_set")
    ).all()
    assert len(events) == 2 and events[0].pupil_id == pupil.id
    assert events[1].detail["changes"]["text_size"] == [150, 125]


def test_staff_page_shows_what_the_pupil_chose_and_is_audited(app, client, login, make, school):
    senco = make.user(school, Role.SENCO)
    pupil = make.pupil(school, first="Maya")
    login(pupil.user)
    client.post("/settings/view", data={**STANDARD, "symbols": "on"})
    staff_client = login(senco, on=app.test_client())
    page = staff_client.get(f"/pupils/{pupil.id}/view-settings").get_data(as_text=True)
    assert "Maya has chosen “On” for themself." in page
    db.session.expire_all()
    assert db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "pupil_view_settings_opened")
    )


def test_career_send_group_1_starts_in_simple_mode(client, login, make, school):
    pupil = make.pupil(school, career_send_group=1)
    login(pupil.user)
    assert html_classes(client.get("/")) == {"simple"}
    client.post("/settings/view", data=STANDARD)  # the pupil chooses simple mode off
    assert html_classes(client.get("/")) == set()


def test_career_send_group_2_does_not_start_in_simple_mode(client, login, make, school):
    pupil = make.pupil(school, career_send_group=2)
    login(pupil.user)
    assert "simple" not in html_classes(client.get("/"))


def test_staff_can_turn_simple_mode_off_for_a_group_1_pupil(app, client, login, make, school):
    careers = make.user(school, Role.CAREERS_ADVISER)
    pupil = make.pupil(school, career_send_group=1)
    staff_client = login(careers, on=app.test_client())
    staff_client.post(
        f"/pupils/{pupil.id}/view-settings",
        data={name: "" for name in ALL_ON} | {"simple_mode": "off"},
    )
    login(pupil.user)
    assert html_classes(client.get("/")) == set()


def test_tutor_of_another_group_and_other_schools_get_404(app, login, make, school):
    tutor = make.user(school, Role.TUTOR)
    make.group(school, "10H", tutors=[tutor])
    other_group = make.group(school, "11P", year_group=11)
    not_theirs = make.pupil(school, other_group)
    elsewhere = make.school("Elsewhere")
    foreign = make.pupil(elsewhere, make.group(elsewhere, "10H"))
    foreign_careers = make.user(elsewhere, Role.CAREERS_LEADER)
    client = login(tutor, on=app.test_client())
    assert client.get(f"/pupils/{not_theirs.id}/view-settings").status_code == 404
    assert client.post(f"/pupils/{not_theirs.id}/view-settings", data={}).status_code == 404
    client = login(foreign_careers, on=app.test_client())
    assert client.get(f"/pupils/{not_theirs.id}/view-settings").status_code == 404
    assert client.get(f"/pupils/{foreign.id}/view-settings").status_code == 200
    db.session.expire_all()
    assert (
        db.session.scalar(select(ViewPreferences).where(ViewPreferences.set_by == STAFF_DEFAULT))
        is None
    )


def test_pupil_without_an_account_gets_a_message(app, login, make, school):
    careers = make.user(school, Role.CAREERS_LEADER)
    pupil = make.pupil(school, with_account=False, first="Sam")
    client = login(careers, on=app.test_client())
    page = client.get(f"/pupils/{pupil.id}/view-settings").get_data(as_text=True)
    assert "Sam does not have an account yet" in page


def test_layout_has_the_read_aloud_controls_hidden_and_the_assets(client, login, make, school):
    login(make.user(school, Role.TUTOR))
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'<div class="read-aloud" data-read-aloud hidden>', page)
    assert re.search(r"css/views\.[0-9a-f]{12}\.css", page)
    assert re.search(r'<script src="[^"]*js/read-aloud\.[0-9a-f]{12}\.js" defer></script>', page)


def test_symbols_view_puts_symbols_in_the_layout(client, login, make, school):
    user = make.user(school, Role.TUTOR)
    login(user)
    client.post("/settings/view", data={**STANDARD, "symbols": "on"})
    page = client.get("/").get_data(as_text=True)
    assert (
        '<span class="sym"><img src="/static/vendor/openmoji/1F3E0.svg" alt="" '
        'aria-hidden="true"><span>Home</span></span>' in page
    )


def test_one_query_loads_the_settings(app, client, login, make, school):
    """The view settings cost at most one query a page (two for a pupil: the pupil row)."""
    from sqlalchemy import event

    login(make.user(school, Role.TUTOR))
    statements = []

    def count(conn, cursor, statement, *args):
        if "view_preferences" in statement:
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        client.get("/")
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1
