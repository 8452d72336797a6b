"""Security headers, the session cookie, CSRF, and friendly error pages without tracebacks.

CSRF is switched off for most tests; ``TestCsrf`` switches it on through ``app_config``.
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from werkzeug.exceptions import Forbidden

from journal.accounts.roles import Role
from journal.extensions import db
from tests.factories import PASSWORD


def _csp(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    return directives


def _responses(client, make, login):
    """A spread of responses: pages, redirects, errors, a static file, JSON, a POST."""
    user = make.user(username="jsmith")
    db.session.commit()
    yield client.get("/sign-in")
    yield client.post("/sign-in", data={"identifier": "jsmith", "password": "wrong one!"})
    yield client.get("/")  # redirect to sign-in
    yield client.get("/no-such-page")
    yield client.get("/static/css/app.css")
    yield client.get("/healthz")
    yield client.get("/about")
    yield client.get("/card/not-a-card")
    login(user)
    yield client.get("/")
    yield client.get("/account")
    yield client.get("/admin/people")  # 403


def test_every_response_has_the_security_headers(client, make, login):
    for response in _responses(client, make, login):
        where = f"{response.request.method} {response.request.path} {response.status_code}"
        headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff", where
        assert headers["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}, where
        assert headers["X-Frame-Options"] == "DENY", where
        policy = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in policy, where
        assert "unsafe-eval" not in policy, where
        assert "http:" not in policy and "https:" not in policy, where
        assert "*" not in policy, where
        directives = _csp(response)
        assert directives["frame-ancestors"] == "'none'", where
        assert directives["default-src"] == "'self'", where
        assert directives["script-src"] == "'self'", where
        assert directives["style-src"] == "'self'", where
        assert directives["object-src"] == "'none'", where
        assert directives["base-uri"] == "'none'", where
        assert directives["form-action"] == "'self'", where
        # Every source is the app itself or a local scheme: no third-party origin.
        for name, value in directives.items():
            for source in value.split():
                assert source in {"'self'", "'none'", "data:", "blob:"}, (where, name, source)


def test_pages_are_not_cached_but_static_files_may_be(client, make, login):
    responses = list(_responses(client, make, login))
    for response in responses:
        if response.request.path.startswith("/static/"):
            assert response.headers.get("Cache-Control") != "no-store"
        else:
            assert response.headers["Cache-Control"] == "no-store", response.request.path


def test_pages_have_no_inline_script_or_third_party_assets(client, make, login):
    for response in _responses(client, make, login):
        if response.mimetype != "text/html":
            continue
        html = response.text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, tag
        for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S):
            assert not body.strip(), "inline script"
        assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
        assert "style=" not in html, "inline style"
        # Links out are fine; nothing may be loaded from elsewhere.
        assert not re.search(
            r"<(script|link|img|iframe|source|video|audio|object|embed)\b[^>]*"
            r'\b(src|href|srcset)="(https?:)?//',
            html,
        ), "third-party asset"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/sign-in").headers
    secure = client.get("/sign-in", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


# --- the session cookie --------------------------------------------------------------------


def _session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies, "no session cookie set"
    return cookies[-1]


def _attributes(cookie: str) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}


def test_session_cookie_is_httponly_lax_and_not_secure_over_http(client, make):
    make.user(username="jsmith")
    response = client.post("/sign-in", data={"identifier": "jsmith", "password": PASSWORD})
    assert response.status_code == 302
    cookie = _session_cookie(response)
    assert "httponly" in _attributes(cookie)
    assert "SameSite=Lax" in cookie
    assert "secure" not in _attributes(cookie)


def test_session_cookie_is_secure_over_https(client, make):
    make.user(username="jsmith")
    response = client.post(
        "/sign-in",
        data={"identifier": "jsmith", "password": PASSWORD},
        base_url="https://localhost",
    )
    assert response.status_code == 302
    cookie = _session_cookie(response)
    assert "secure" in _attributes(cookie)
    assert "httponly" in _attributes(cookie)
    assert "SameSite=Lax" in cookie


def test_force_https_cookies_marks_the_cookie_secure_even_over_http(app, client, make):
    app.config["FORCE_HTTPS_COOKIES"] = True
    make.user(username="jsmith")
    response = client.post("/sign-in", data={"identifier": "jsmith", "password": PASSWORD})
    assert "secure" in _attributes(_session_cookie(response))


class TestBehindAProxy:
    @pytest.fixture
    def app_config(self) -> dict:
        return {"TRUSTED_PROXIES": 1}

    def test_cookie_is_secure_when_the_proxy_says_https(self, client, make):
        make.user(username="jsmith")
        response = client.post(
            "/sign-in",
            data={"identifier": "jsmith", "password": PASSWORD},
            headers={"X-Forwarded-Proto": "https"},
        )
        assert response.status_code == 302
        assert "secure" in _attributes(_session_cookie(response))
        assert "Strict-Transport-Security" in response.headers

    def test_cookie_is_not_secure_when_the_proxy_says_http(self, client, make):
        make.user(username="jsmith")
        response = client.post(
            "/sign-in",
            data={"identifier": "jsmith", "password": PASSWORD},
            headers={"X-Forwarded-Proto": "http"},
        )
        assert "secure" not in _attributes(_session_cookie(response))


# --- CSRF ----------------------------------------------------------------------------------


def _csrf_from_form(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, "no csrf_token in the form"
    return match.group(1)


def _csrf_from_body(html: str) -> str:
    match = re.search(r"<body[^>]*\shx-headers:inherited='([^']+)'", html)
    assert match, "no hx-headers:inherited on <body>"
    return json.loads(unescape(match.group(1)))["X-CSRFToken"]


class TestCsrf:
    @pytest.fixture
    def app_config(self) -> dict:
        return {"WTF_CSRF_ENABLED": True}

    def test_form_post_without_a_token_gets_the_friendly_400(self, client, make):
        make.user(username="jsmith")
        response = client.post("/sign-in", data={"identifier": "jsmith", "password": PASSWORD})
        assert response.status_code == 400
        assert "This form had expired" in response.text
        assert "Error code 400" in response.text
        assert "Bad Request" not in response.text
        assert "CSRF token" not in response.text
        assert client.get("/").status_code == 302

    def test_form_post_with_a_wrong_token_is_refused(self, client, make):
        make.user(username="jsmith")
        client.get("/sign-in")
        response = client.post(
            "/sign-in",
            data={"identifier": "jsmith", "password": PASSWORD, "csrf_token": "forged"},
        )
        assert response.status_code == 400

    def test_form_post_with_the_token_works(self, client, make):
        make.user(username="jsmith")
        token = _csrf_from_form(client.get("/sign-in").text)
        response = client.post(
            "/sign-in",
            data={"identifier": "jsmith", "password": PASSWORD, "csrf_token": token},
        )
        assert response.status_code == 302
        assert client.get("/").status_code == 200

    def test_token_from_another_session_is_refused(self, app, client, make):
        make.user(username="jsmith")
        token = _csrf_from_form(app.test_client().get("/sign-in").text)
        client.get("/sign-in")
        response = client.post(
            "/sign-in",
            data={"identifier": "jsmith", "password": PASSWORD, "csrf_token": token},
        )
        assert response.status_code == 400

    def test_base_layout_puts_the_token_in_hx_headers_on_body(self, client, make, login):
        page = client.get("/sign-in").text
        assert _csrf_from_body(page)
        user = make.user()
        db.session.commit()
        login(user)
        assert _csrf_from_body(client.get("/account").text)

    def test_htmx_post_with_the_token_in_the_header_is_accepted(self, client, make, login):
        user = make.user()
        db.session.commit()
        login(user)
        version = user.session_version
        token = _csrf_from_body(client.get("/account").text)
        response = client.post(
            "/account/sign-out-everywhere",
            headers={"X-CSRFToken": token, "HX-Request": "true"},
        )
        assert response.status_code == 302
        db.session.expire_all()
        assert user.session_version == version + 1

    def test_htmx_post_without_the_token_is_refused(self, client, make, login):
        user = make.user()
        db.session.commit()
        login(user)
        client.get("/account")
        version = user.session_version
        response = client.post("/account/sign-out-everywhere", headers={"HX-Request": "true"})
        assert response.status_code == 400
        assert "This form had expired" in response.text
        db.session.expire_all()
        assert user.session_version == version

    def test_every_form_on_the_account_pages_carries_a_token(self, client, make, login):
        user = make.user(None, Role.SCHOOL_ADMIN)
        db.session.commit()
        login(user)
        for url in ("/account", "/account/password", "/admin/people/new", "/cards", "/"):
            html = client.get(url).text
            for form in re.findall(r"<form\b[^>]*>.*?</form>", html, re.S):
                if 'method="post"' in form:
                    assert 'name="csrf_token"' in form, (url, form[:120])


# --- error pages ---------------------------------------------------------------------------


def _assert_friendly(response, code: int, title: str) -> None:
    assert response.status_code == code
    assert response.mimetype == "text/html"
    html = response.text
    assert f"<h1>{title}</h1>" in unescape(html)
    assert f"Error code {code}." in html
    assert "Go to your home page" in html
    assert "Traceback" not in html
    assert "Werkzeug" not in html
    assert "Content-Security-Policy" in response.headers


def test_404_is_friendly(client):
    _assert_friendly(client.get("/no-such-page"), 404, "We cannot find that page")


def test_403_is_friendly(client, make, login):
    tutor = make.user()
    db.session.commit()
    login(tutor)
    _assert_friendly(client.get("/admin/people"), 403, "You cannot open this page")


def test_405_is_friendly(client):
    response = client.get("/sign-out")
    _assert_friendly(response, 405, "That did not work")


def test_400_is_friendly(app, client):
    def bad():
        from flask import abort

        abort(400)

    app.add_url_rule("/test-bad-request", "test_bad_request", bad)
    _assert_friendly(
        client.get("/test-bad-request"), 400, "Something in that request was not right"
    )


def test_413_for_an_oversize_body_is_friendly(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/sign-in", data={"identifier": "x" * 5000, "password": "y"})
    _assert_friendly(response, 413, "That file is too big")


@pytest.fixture
def crashing_app(app):
    app.config["TESTING"] = False
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def crash():
        raise RuntimeError("secret-internal-detail: /srv/journal/db.py line 42")

    def forbidden():
        raise Forbidden("internal reason that must not show")

    app.add_url_rule("/test-crash", "test_crash", crash)
    app.add_url_rule("/test-forbidden", "test_forbidden", forbidden)
    return app


def test_500_is_friendly_and_shows_no_traceback(crashing_app, caplog):
    client = crashing_app.test_client()
    response = client.get("/test-crash")
    _assert_friendly(response, 500, "Something went wrong on our side")
    html = response.text
    assert "secret-internal-detail" not in html
    assert "RuntimeError" not in html
    assert 'File "' not in html
    assert "db.py" not in html
    # The server log has the details instead.
    assert "secret-internal-detail" in caplog.text


def test_500_for_a_signed_in_person_is_friendly(crashing_app, make, login):
    user = make.user(name="Jo Smith")
    db.session.commit()
    client = login(user, on=crashing_app.test_client())
    response = client.get("/test-crash")
    _assert_friendly(response, 500, "Something went wrong on our side")
    assert "Jo Smith" in response.text  # the normal layout, still signed in


def test_http_error_descriptions_are_not_shown(crashing_app):
    response = crashing_app.test_client().get("/test-forbidden")
    _assert_friendly(response, 403, "You cannot open this page")
    assert "internal reason" not in response.text


def test_500_after_a_failed_database_write_still_renders(crashing_app, make):
    """A crash mid-transaction: the error page rolls back and can still load the person."""
    from sqlalchemy import text

    def broken_write():
        db.session.execute(text("INSERT INTO no_such_table VALUES (1)"))

    crashing_app.add_url_rule("/test-broken-write", "test_broken_write", broken_write)
    response = crashing_app.test_client().get("/test-broken-write")
    _assert_friendly(response, 500, "Something went wrong on our side")
    assert "no_such_table" not in response.text


def test_running_the_migrations_in_a_live_process_keeps_the_error_log(app, tmp_path):
    """Alembic's logging set-up (migrations/env.py) must not disable the app's logger: tests,
    benchmarks and imports run upgrades inside a process whose errors must still be logged."""
    from flask_migrate import upgrade

    from tests.fixtures.database import make_app

    assert not app.logger.disabled
    other = make_app(f"sqlite:///{tmp_path / 'other.sqlite3'}", tmp_path / "other")
    with other.app_context():
        upgrade()
    assert not app.logger.disabled
