"""Sign-in throttling per account and per address, with a clear message rather than a bare 429."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from journal.audit.models import AuditEvent
from journal.extensions import db
from tests.factories import PASSWORD

WRONG = "not the password"
TOO_MANY = "Too many tries"


THROTTLED = {
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_STORAGE_URI": "memory://",
    "SIGN_IN_LIMIT_PER_ACCOUNT": "3 per 5 minutes",
    "SIGN_IN_LIMIT_PER_ADDRESS": "6 per 5 minutes",
}


@pytest.fixture
def app_config() -> dict:
    return THROTTLED


def _attempt(app, identifier: str, password: str, address: str = "198.51.100.1"):
    """One sign-in attempt from a fresh device at ``address``."""
    return app.test_client().post(
        "/sign-in",
        data={"identifier": identifier, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def _assert_throttled_page(response, identifier: str | None = None) -> None:
    assert response.status_code == 429
    html = response.text
    assert TOO_MANY in html
    assert "signing in is paused" in html
    # The sign-in page itself, with its form, not the bare error page.
    assert "<h1>Sign in</h1>" in html
    assert 'name="password"' in html
    assert "Error code 429" not in html
    if identifier:
        assert f'value="{identifier}"' in html


def _events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
    )


def test_account_is_paused_after_three_failures_even_with_the_right_password(app, make):
    user = make.user(username="jsmith")
    for _ in range(3):
        assert _attempt(app, "jsmith", WRONG).status_code == 422
    response = _attempt(app, "jsmith", PASSWORD)
    _assert_throttled_page(response, "jsmith")
    assert app.test_client().get("/").status_code == 302

    [event] = _events("sign_in_throttled")
    assert event.actor_id == user.id
    assert event.school_id == user.school_id
    assert event.detail["identifier"] == "jsmith"
    assert event.ip_address == "198.51.100.1"
    assert _events("sign_in") == []


def test_throttled_unknown_account_is_audited_without_a_school(app):
    for _ in range(3):
        assert _attempt(app, "ghost", WRONG).status_code == 422
    _assert_throttled_page(_attempt(app, "ghost", WRONG), "ghost")
    [event] = _events("sign_in_throttled")
    assert event.actor_id is None
    assert event.school_id is None


def test_the_account_limit_ignores_case_and_address(app, make):
    make.user(username="jsmith")
    assert _attempt(app, "jsmith", WRONG, "198.51.100.1").status_code == 422
    assert _attempt(app, "JSMITH", WRONG, "198.51.100.2").status_code == 422
    assert _attempt(app, " JSmith ", WRONG, "198.51.100.3").status_code == 422
    _assert_throttled_page(_attempt(app, "jsmith", PASSWORD, "198.51.100.4"))


def test_another_account_from_the_same_address_still_works(app, make):
    make.user(username="jsmith")
    other = make.user(username="other", name="Olly Other")
    for _ in range(3):
        _attempt(app, "jsmith", WRONG)
    _assert_throttled_page(_attempt(app, "jsmith", PASSWORD))

    client = app.test_client()
    response = client.post(
        "/sign-in",
        data={"identifier": "other", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "198.51.100.1"},
    )
    assert response.status_code == 302
    assert other.display_name in client.get("/").text


def test_the_address_limit_stops_many_accounts_from_one_address(app, make):
    make.user(username="victim")
    for n in range(6):
        assert _attempt(app, f"ghost{n}", WRONG).status_code == 422
    # A fresh account from the same address: the address is paused.
    _assert_throttled_page(_attempt(app, "victim", PASSWORD), "victim")
    # From another address the same person signs in.
    assert _attempt(app, "victim", PASSWORD, "198.51.100.99").status_code == 302


def test_addresses_are_counted_apart(app, make):
    make.user(username="victim")
    for n in range(5):
        assert _attempt(app, f"ghost{n}", WRONG, "198.51.100.1").status_code == 422
        assert _attempt(app, f"phantom{n}", WRONG, "198.51.100.2").status_code == 422
    # Five failures each: neither address has reached six.
    assert _attempt(app, "victim", PASSWORD, "198.51.100.1").status_code == 302
    assert _attempt(app, "victim", PASSWORD, "198.51.100.2").status_code == 302
    assert _attempt(app, "ghost9", WRONG, "198.51.100.1").status_code == 422
    _assert_throttled_page(_attempt(app, "victim", PASSWORD, "198.51.100.1"))
    assert _attempt(app, "victim", PASSWORD, "198.51.100.2").status_code == 302


def test_successful_sign_ins_do_not_count(app, make):
    make.user(username="jsmith")
    for _ in range(8):  # more than both limits
        assert _attempt(app, "jsmith", PASSWORD).status_code == 302
    assert _attempt(app, "jsmith", WRONG).status_code == 422
    assert _attempt(app, "jsmith", WRONG).status_code == 422
    assert _attempt(app, "jsmith", PASSWORD).status_code == 302
    assert _events("sign_in_throttled") == []


def test_looking_at_the_sign_in_page_does_not_count(app):
    client = app.test_client()
    for _ in range(10):
        assert client.get("/sign-in").status_code == 200


def test_throttled_page_with_an_empty_form_still_renders(app):
    for _ in range(6):
        app.test_client().post("/sign-in", data={})
    response = app.test_client().post("/sign-in", data={})
    assert response.status_code == 429
    assert TOO_MANY in response.text
    assert "<h1>Sign in</h1>" in response.text


def test_other_throttled_pages_show_the_friendly_error_page(app):
    client = app.test_client()
    for _ in range(20):
        assert client.post("/card/not-a-real-card").status_code == 404
    response = client.post("/card/not-a-real-card")
    assert response.status_code == 429
    assert "Too many tries" in response.text
    assert "Please wait a few minutes" in response.text
    assert "Error code 429" in response.text
    assert "Traceback" not in response.text


def test_forwarded_for_headers_do_not_dodge_the_address_limit(app):
    """Without TRUSTED_PROXIES, a client cannot pick its own address with X-Forwarded-For."""
    for n in range(6):
        response = app.test_client().post(
            "/sign-in",
            data={"identifier": f"ghost{n}", "password": WRONG},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
            environ_base={"REMOTE_ADDR": "198.51.100.1"},
        )
        assert response.status_code == 422
    response = app.test_client().post(
        "/sign-in",
        data={"identifier": "ghost9", "password": WRONG},
        headers={"X-Forwarded-For": "203.0.113.99"},
        environ_base={"REMOTE_ADDR": "198.51.100.1"},
    )
    assert response.status_code == 429


class TestBehindAProxy:
    @pytest.fixture
    def app_config(self) -> dict:
        return THROTTLED | {"TRUSTED_PROXIES": 1}

    def test_the_address_is_the_one_the_proxy_saw(self, app):
        def attempt(identifier, forwarded_for):
            return app.test_client().post(
                "/sign-in",
                data={"identifier": identifier, "password": WRONG},
                headers={"X-Forwarded-For": forwarded_for},
                environ_base={"REMOTE_ADDR": "10.0.0.1"},  # the proxy
            )

        for n in range(6):
            assert attempt(f"ghost{n}", "203.0.113.1").status_code == 422
        assert attempt("ghost9", "203.0.113.1").status_code == 429
        # Everyone else behind the same proxy is counted apart.
        assert attempt("ghost9", "203.0.113.2").status_code == 422
        [event] = _events("sign_in_throttled")
        assert event.ip_address == "203.0.113.1"


class TestWithCsrf:
    @pytest.fixture
    def app_config(self) -> dict:
        return THROTTLED | {"WTF_CSRF_ENABLED": True}

    def test_throttled_page_is_clean_and_its_form_works_later(self, app, make):
        import re

        make.user(username="jsmith")
        client = app.test_client()

        def post(password):
            page = client.get("/sign-in").text
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
            return client.post(
                "/sign-in",
                data={"identifier": "jsmith", "password": password, "csrf_token": token},
            )

        for _ in range(3):
            assert post(WRONG).status_code == 422
        response = post(PASSWORD)
        _assert_throttled_page(response, "jsmith")
        assert "This form had expired" not in response.text
        assert 'name="csrf_token"' in response.text

    def test_requests_without_a_token_are_refused_before_they_count(self, app, make):
        make.user(username="jsmith")
        for _ in range(5):
            response = _attempt(app, "jsmith", WRONG)
            assert response.status_code == 400
        assert _events("sign_in_failed") == []
