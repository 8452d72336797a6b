"""Helpers for the school sign-in tests against a real OpenID provider: node-oidc-provider,
started once per session on a free loopback port by ``tests.fixtures.sso`` (see
tests/sso/provider/provider.mjs).

It serves four issuers on one port: two Microsoft-shaped tenants (``/<tenant>/v2.0``, whose
tokens carry ``tid`` and ``oid``), a Google-shaped one and a trust's own provider. The app is
pointed at them with ``SSO_MICROSOFT_AUTHORITY`` and ``SSO_GOOGLE_ISSUER``, so the code that
builds Microsoft's and Google's issuers is the code under test.

Without ``npm ci --prefix tests/sso/provider`` these tests are skipped, unless CI or
``REQUIRE_BROWSER=1``, where they fail.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests

HERE = Path(__file__).resolve().parent
PROVIDER_DIR = HERE / "provider"
TENANT_A = "6b1f3c2e-1a2b-4c3d-8e9f-a0b1c2d3e4f5"  # the school's tenant
TENANT_B = "0c9d8e7f-6a5b-4c3d-9e1f-f5e4d3c2b1a0"  # another organisation's
ISSUER_PATHS = {
    "microsoft": f"/{TENANT_A}/v2.0",
    "other_tenant": f"/{TENANT_B}/v2.0",
    "google": "/google",
    "oidc": "/trust",
}
SSO_SECRET_KEY = "g2a8O4bqN9jvJrX0x4P7k5oVb0mH3cQm1u8YwC6dT2E="
ACCOUNT_PASSWORD = "provider-password"


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI"):
        pytest.fail(f"the test OpenID provider is needed here but {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass
class TestProvider:
    """The running provider, and what the tests do with it."""

    base_url: str
    issuers: dict[str, str]
    clients: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    __test__ = False

    def issuer(self, which: str) -> str:
        return self.issuers[ISSUER_PATHS[which]]

    def register_client(self, which: str, redirect_uri: str) -> tuple[str, str]:
        """A client id and secret from dynamic client registration (one per redirect URI)."""
        key = (which, redirect_uri)
        if key not in self.clients:
            response = requests.post(
                self.issuer(which) + "/reg",
                json={"redirect_uris": [redirect_uri], "grant_types": ["authorization_code"]},
                timeout=10,
            )
            response.raise_for_status()
            body = response.json()
            self.clients[key] = (body["client_id"], body["client_secret"])
        return self.clients[key]

    def set_accounts(self, accounts: list[dict]) -> None:
        """Accounts: login, sub, claims, and optionally the issuers (keys of ISSUER_PATHS)."""
        sent = []
        for account in accounts:
            account = {"password": ACCOUNT_PASSWORD, **account}
            if "issuers" in account:
                account["issuers"] = [ISSUER_PATHS[i] for i in account["issuers"]]
            sent.append(account)
        self._post("/_test/accounts", {"accounts": sent})

    def next_token(self, which: str, action: str, **claims) -> None:
        """Change the ID token in that issuer's next token response (see provider.mjs)."""
        body = {"issuer": ISSUER_PATHS[which], "action": action}
        if claims:
            body["claims"] = claims
        self._post("/_test/next-token", body)

    def _post(self, path: str, body: dict) -> None:
        requests.post(self.base_url + path, json=body, timeout=10).raise_for_status()

    def log_in(self, authorization_url: str, login: str, password: str = ACCOUNT_PASSWORD) -> str:
        """Go through the provider's login as a browser would; the redirect back to the app."""
        browser = requests.Session()
        url = authorization_url
        for _ in range(10):
            if not url.startswith(self.base_url):
                return url  # back at the app
            response = browser.get(url, allow_redirects=False, timeout=10)
            if response.status_code in (302, 303):
                url = urljoin(url, response.headers["Location"])
                continue
            assert response.status_code == 200, response.text[:500]
            action = _form_action(response.text)
            response = browser.post(
                urljoin(url, action),
                data={"login": login, "password": password},
                allow_redirects=False,
                timeout=10,
            )
            assert response.status_code in (302, 303), _alert_in(response.text)
            url = urljoin(url, response.headers["Location"])
        raise AssertionError("the provider never sent the browser back to the app")


class _FormFinder(HTMLParser):
    action = None
    alert = ""

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.action = dict(attrs).get("action")


def _form_action(html: str) -> str:
    finder = _FormFinder()
    finder.feed(html)
    assert finder.action, html[:500]
    return finder.action


def _alert_in(html: str) -> str:
    return html.split('role="alert">')[-1].split("<")[0] if 'role="alert"' in html else html[:300]


def _wait_for(url: str) -> None:
    for _ in range(50):
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} never answered")


def sso_config(provider: TestProvider) -> dict:
    """The app's settings that point school sign-in at the test provider."""
    return {
        "SSO_SECRET_KEY": SSO_SECRET_KEY,
        "SSO_MICROSOFT_AUTHORITY": provider.base_url,
        "SSO_GOOGLE_ISSUER": provider.issuer("google"),
        "SSO_ALLOW_HTTP_LOOPBACK": True,
    }


def connect(provider: TestProvider, school, kind: str, admin, redirect_uri: str, **fields):
    """The school's connection of ``kind`` to the test provider, registered as a real client."""
    from journal.sso import operations

    client_id, secret = provider.register_client(kind, redirect_uri)
    defaults = {
        "microsoft": {"tenant_id": TENANT_A},
        "google": {"domain": "riverside.sch.uk"},
        "oidc": {"label": "Riverside Trust", "issuer_url": provider.issuer("oidc")},
    }[kind]
    return operations.save_connection(
        school,
        kind,
        by=admin,
        secret=secret,
        client_id=client_id,
        is_enabled=True,
        **(defaults | fields),
    )


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
