"""Temporary passwords set by a school admin, changed at first sign-in."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from journal.accounts import passwords
from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from tests.factories import PASSWORD

NEW_PASSWORD = "my new long passphrase"


@pytest.fixture
def people(make):
    school = make.school("Riverside")
    admin = make.user(school, Role.SCHOOL_ADMIN, name="Ada Admin")
    teacher = make.user(school, Role.TUTOR, username="tteacher", name="Terry Teacher")
    db.session.commit()
    return admin, teacher


def _temporary_from(html: str) -> str:
    match = re.search(r'<strong class="secret">([^<]+)</strong>', html)
    assert match, "no temporary password on the page"
    return match.group(1)


def _field_block(html: str, field_id: str) -> str:
    start = html.rindex('<div class="field', 0, html.index(f'id="{field_id}"'))
    return html[start : html.index("</div>", start)]


def _follow(client, url: str) -> str:
    """Where ``url`` ends up after its redirects (the test client cannot follow them itself)."""
    for _ in range(5):
        response = client.get(url)
        if response.status_code != 302:
            return url
        url = response.headers["Location"]
    raise AssertionError("too many redirects")


def _sign_in(app, identifier, password):
    client = app.test_client()
    response = client.post("/sign-in", data={"identifier": identifier, "password": password})
    return client, response


def test_admin_sets_a_temporary_password_shown_once(app, client, login, people):
    admin, teacher = people
    login(admin)
    response = client.post(f"/admin/people/{teacher.id}/temporary-password")
    assert response.status_code == 200
    temporary = _temporary_from(response.text)
    assert len(temporary) >= 10
    assert "tteacher" in response.text

    db.session.expire_all()
    assert teacher.must_change_password
    assert passwords.verify(teacher.password_hash, temporary)
    assert not passwords.verify(teacher.password_hash, PASSWORD)
    assert temporary not in teacher.password_hash

    # Shown once: the person page does not show it again.
    page = client.get(f"/admin/people/{teacher.id}")
    assert page.status_code == 200
    assert temporary not in page.text

    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "temporary_password_set")
    ).all()
    assert event.actor_id == admin.id
    assert event.detail["user_id"] == teacher.id
    assert temporary not in str(event.detail)


def test_each_temporary_password_is_different(client, login, people):
    admin, teacher = people
    login(admin)
    first = _temporary_from(client.post(f"/admin/people/{teacher.id}/temporary-password").text)
    second = _temporary_from(client.post(f"/admin/people/{teacher.id}/temporary-password").text)
    assert first != second
    db.session.expire_all()
    assert not passwords.verify(teacher.password_hash, first)
    assert passwords.verify(teacher.password_hash, second)


def test_admin_cannot_set_their_own_temporary_password(client, login, people):
    admin, _ = people
    login(admin)
    assert client.post(f"/admin/people/{admin.id}/temporary-password").status_code == 403


def test_temporary_password_signs_out_old_sessions(app, client, login, people):
    admin, teacher = people
    old_device = login(teacher, on=app.test_client())
    assert old_device.get("/").status_code == 200
    version = teacher.session_version

    login(admin)
    client.post(f"/admin/people/{teacher.id}/temporary-password")
    db.session.expire_all()
    assert teacher.session_version == version + 1

    response = old_device.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_temporary_password_forces_a_change_on_every_page(app, client, login, people):
    admin, teacher = people
    login(admin)
    temporary = _temporary_from(client.post(f"/admin/people/{teacher.id}/temporary-password").text)

    # The old password no longer works.
    assert _sign_in(app, "tteacher", PASSWORD)[1].status_code == 422

    device, response = _sign_in(app, "tteacher", temporary)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert device.get("/").headers["Location"] == "/account/password"
    page = device.get("/account/password")
    assert "Choose a new password" in page.text
    assert "Please choose a new password before you carry on." in page.text
    for url in ("/", "/account", "/pupils", "/cards", "/admin/people", "/sign-in"):
        assert _follow(device, url) == "/account/password", url
    # Changing something is refused too.
    response = device.post("/account/sign-out-everywhere")
    assert response.headers["Location"] == "/account/password"
    # The pages that stay open.
    assert device.get("/about").status_code == 200
    assert device.get("/healthz").status_code == 200
    page = device.get("/account/password")
    assert page.status_code == 200
    assert 'autocomplete="new-password"' in page.text

    # Weak, short and mismatched new passwords get messages beside the field.
    short = device.post("/account/password", data={"new_password": "short", "confirm": "short"})
    assert short.status_code == 422
    assert "Use at least 10 characters" in _field_block(short.text, "new_password")

    own_name = "tteacher-is-me-123"
    weak = device.post("/account/password", data={"new_password": own_name, "confirm": own_name})
    assert weak.status_code == 422
    assert "username" in _field_block(weak.text, "new_password")

    repeated = device.post(
        "/account/password", data={"new_password": "aaaaaaaaaaaa", "confirm": "aaaaaaaaaaaa"}
    )
    assert repeated.status_code == 422
    assert "mix of different characters" in _field_block(repeated.text, "new_password")

    mismatched = device.post(
        "/account/password", data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"}
    )
    assert mismatched.status_code == 422
    assert "not the same" in _field_block(mismatched.text, "confirm")

    missing = device.post("/account/password", data={"new_password": "", "confirm": ""})
    assert missing.status_code == 422
    assert "Type a new password." in _field_block(missing.text, "new_password")

    db.session.expire_all()
    assert teacher.must_change_password
    assert device.get("/").status_code == 302

    # A good one: saved, and the person carries on.
    done = device.post(
        "/account/password", data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert done.headers["Location"] == "/"
    assert device.get("/").status_code == 200
    assert device.get("/account").status_code == 200

    db.session.expire_all()
    assert not teacher.must_change_password
    assert passwords.verify(teacher.password_hash, NEW_PASSWORD)
    assert _sign_in(app, "tteacher", temporary)[1].status_code == 422
    assert _sign_in(app, "tteacher", NEW_PASSWORD)[1].status_code == 302
    assert db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "password_changed", AuditEvent.actor_id == teacher.id
        )
    ).all()


def test_person_without_a_temporary_password_can_change_theirs(client, login, people):
    _, teacher = people
    login(teacher)
    response = client.post(
        "/account/password", data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert passwords.verify(teacher.password_hash, NEW_PASSWORD)
    # This device stays signed in.
    assert client.get("/").status_code == 200


def test_sign_out_is_open_while_a_password_change_is_due(app, client, login, people):
    admin, teacher = people
    login(admin)
    temporary = _temporary_from(client.post(f"/admin/people/{teacher.id}/temporary-password").text)
    device, _ = _sign_in(app, "tteacher", temporary)
    response = device.post("/sign-out")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in"
    assert device.get("/account/password").status_code == 302
    assert device.get("/account/password").headers["Location"].startswith("/sign-in")
