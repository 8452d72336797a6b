"""Signing in with a username or email and a password."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from sqlalchemy import select

from journal.accounts import passwords
from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from tests.factories import PASSWORD

MISMATCH = "That username and password do not match."


def _events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _input(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', html)
    assert match, f"no input named {name}"
    return match.group(0)


def _field_block(html: str, field_id: str) -> str:
    """The ``<div class="field">`` that holds the input ``field_id`` (its label, hint, errors)."""
    start = html.rindex('<div class="field', 0, html.index(f'id="{field_id}"'))
    return html[start : html.index("</div>", start)]


def _signed_in_as(client, user) -> bool:
    response = client.get("/")
    return response.status_code == 200 and user.display_name in response.text


def test_sign_in_page_renders_for_anonymous(client):
    response = client.get("/sign-in")
    assert response.status_code == 200
    assert "<h1>Sign in</h1>" in response.text


def test_sign_in_by_username(client, make):
    user = make.user(username="jsmith", name="Jo Smith")
    response = client.post("/sign-in", data={"identifier": "jsmith", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert _signed_in_as(client, user)


def test_sign_in_by_username_is_case_insensitive_and_trims(client, make):
    user = make.user(username="jsmith", name="Jo Smith")
    response = client.post("/sign-in", data={"identifier": "  JSmith ", "password": PASSWORD})
    assert response.status_code == 302
    assert _signed_in_as(client, user)


def test_sign_in_by_email_case_insensitive(client, make):
    user = make.user(username="jsmith", name="Jo Smith")
    user.email = "jo.smith@school.example"
    response = client.post(
        "/sign-in", data={"identifier": "Jo.Smith@School.EXAMPLE", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert _signed_in_as(client, user)


def test_sign_in_records_last_signed_in(client, make):
    user = make.user(username="jsmith")
    assert user.last_signed_in_at is None
    client.post("/sign-in", data={"identifier": "jsmith", "password": PASSWORD})
    db.session.expire_all()
    assert user.last_signed_in_at is not None


def test_wrong_password_is_422_with_message_beside_password_and_username_kept(client, make):
    make.user(username="jsmith")
    response = client.post("/sign-in", data={"identifier": "jsmith", "password": "wrong one!"})
    assert response.status_code == 422
    password_block = _field_block(response.text, "password")
    assert MISMATCH in password_block
    assert 'id="password-error"' in password_block
    assert 'aria-invalid="true"' in _input(response.text, "password")
    assert 'value="jsmith"' in _input(response.text, "identifier")
    # The typed password is never sent back.
    assert "wrong one!" not in response.text
    assert client.get("/").status_code == 302


def test_unknown_user_gets_the_same_message(client, make):
    make.user(username="jsmith")
    wrong = client.post("/sign-in", data={"identifier": "jsmith", "password": "wrong one!"})
    unknown = client.post("/sign-in", data={"identifier": "nobody", "password": "wrong one!"})
    assert unknown.status_code == 422
    assert MISMATCH in _field_block(unknown.text, "password")
    assert 'value="nobody"' in _input(unknown.text, "identifier")
    assert _field_block(wrong.text, "password") == _field_block(unknown.text, "password")


def test_empty_fields_get_messages_beside_them(client):
    response = client.post("/sign-in", data={"identifier": "", "password": ""})
    assert response.status_code == 422
    assert "Type your username or email." in _field_block(response.text, "identifier")
    assert "Type your password." in _field_block(response.text, "password")


def test_disabled_user_is_refused(client, make):
    user = make.user(username="jsmith")
    user.is_enabled = False
    response = client.post("/sign-in", data={"identifier": "jsmith", "password": PASSWORD})
    assert response.status_code == 422
    assert MISMATCH in _field_block(response.text, "password")
    assert client.get("/").status_code == 302
    [event] = _events("sign_in_failed")
    assert event.actor_id == user.id
    assert _events("sign_in") == []


def test_disabled_user_existing_session_dies(client, make, login):
    user = make.user(username="jsmith")
    db.session.commit()
    login(user)
    assert client.get("/").status_code == 200
    user.is_enabled = False
    assert client.get("/").status_code == 302


def test_next_redirects_to_a_local_path(client, make):
    make.user(username="jsmith")
    response = client.post(
        "/sign-in?next=/account", data={"identifier": "jsmith", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"


def test_login_required_page_sends_next_and_sign_in_keeps_it_in_the_form(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")
    page = client.get(response.headers["Location"])
    assert 'action="/sign-in?next=/account"' in page.text


def test_external_next_is_ignored(client, make):
    make.user(username="jsmith")
    for target in (
        "//evil.example",
        "//evil.example/path",
        "https://evil.example/",
        "http://evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "evil.example",
    ):
        fresh = client.application.test_client()
        response = fresh.post(
            "/sign-in",
            query_string={"next": target},
            data={"identifier": "jsmith", "password": PASSWORD},
        )
        assert response.status_code == 302, target
        assert response.headers["Location"] == "/", target


def test_signed_in_person_opening_sign_in_goes_home(client, make, login):
    user = make.user()
    db.session.commit()
    login(user)
    response = client.get("/sign-in")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_password_input_allows_password_managers_and_paste(client):
    html = client.get("/sign-in").text
    password = _input(html, "password")
    assert 'type="password"' in password
    assert 'autocomplete="current-password"' in password
    identifier = _input(html, "identifier")
    assert 'autocomplete="username"' in identifier
    for blocker in ("onpaste", "oncopy", "oncut", "ondrop", 'autocomplete="off"', "readonly"):
        assert blocker not in password.lower(), blocker
        assert blocker not in identifier.lower(), blocker


def test_audit_events_for_sign_in_and_failures(client, make):
    user = make.user(username="jsmith")
    client.post("/sign-in", data={"identifier": "jsmith", "password": "wrong one!"})
    client.post("/sign-in", data={"identifier": "ghost", "password": "wrong one!"})
    client.post(
        "/sign-in",
        data={"identifier": "jsmith", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    failed = sorted(_events("sign_in_failed"), key=lambda e: e.id)
    assert [(e.actor_id, e.school_id, e.detail["identifier"]) for e in failed] == [
        (user.id, user.school_id, "jsmith"),
        (None, None, "ghost"),
    ]
    assert failed[0].ip_address == "127.0.0.1"
    [signed_in] = _events("sign_in")
    assert signed_in.actor_id == user.id
    assert signed_in.school_id == user.school_id
    assert signed_in.ip_address == "203.0.113.9"
    # Passwords never reach the audit log.
    for event in [*failed, signed_in]:
        assert "wrong one!" not in str(event.detail)
        assert PASSWORD not in str(event.detail)


def test_hashes_are_argon2id(make):
    user = make.user()
    assert user.password_hash.startswith("$argon2id$")
    assert passwords.verify(user.password_hash, PASSWORD)
    assert not passwords.verify(user.password_hash, "not the password")


def test_hash_is_upgraded_on_sign_in_when_parameters_change(app, client, make):
    user = make.user(username="jsmith")
    old_hash = user.password_hash
    assert "m=8,t=1,p=1" in old_hash
    db.session.commit()

    app.config["PASSWORD_HASH"] = {"time_cost": 2, "memory_cost": 16, "parallelism": 1}
    response = client.post("/sign-in", data={"identifier": "jsmith", "password": PASSWORD})
    assert response.status_code == 302

    db.session.expire_all()
    new_hash = user.password_hash
    assert new_hash != old_hash
    assert new_hash.startswith("$argon2id$")
    assert "m=16,t=2,p=1" in new_hash
    assert PasswordHasher().verify(new_hash, PASSWORD)
    assert not passwords.needs_rehash(new_hash)

    # Signing in again with the same parameters leaves the hash alone.
    fresh = app.test_client()
    fresh.post("/sign-in", data={"identifier": "jsmith", "password": PASSWORD})
    db.session.expire_all()
    assert user.password_hash == new_hash


def test_hash_is_not_upgraded_on_a_failed_sign_in(app, client, make):
    user = make.user(username="jsmith")
    old_hash = user.password_hash
    db.session.commit()
    app.config["PASSWORD_HASH"] = {"time_cost": 2, "memory_cost": 16, "parallelism": 1}
    client.post("/sign-in", data={"identifier": "jsmith", "password": "wrong one!"})
    db.session.expire_all()
    assert user.password_hash == old_hash


def test_pupil_signs_in_and_lands_on_their_home(client, make):
    pupil = make.pupil(first="Maya", last="Patel")
    response = client.post(
        "/sign-in", data={"identifier": pupil.user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "Maya" in client.get("/").text


def test_sign_out(client, make):
    make.user(None, Role.TUTOR, username="jsmith")
    client.post("/sign-in", data={"identifier": "jsmith", "password": PASSWORD})
    assert client.get("/").status_code == 200
    response = client.post("/sign-out")
    assert response.status_code == 302
    assert client.get("/").status_code == 302
