"""School sign-in end to end in Chromium against a real OpenID provider (node-oidc-provider, see
tests/fixtures/sso.py): the admin sets up Microsoft 365 for the demo school on its set-up page
and tests the connection; then a visitor presses "Sign in with Microsoft", signs in on the
provider's own page and comes back signed in; a stranger comes back to the page saying whom to
ask. Content-Security-Policy enforced, CSRF on.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from journal.accounts.models import User
from journal.extensions import db
from tests.sso.support import ACCOUNT_PASSWORD, TENANT_A, sso_config

from .helpers import check_axe, sign_in

pytestmark = pytest.mark.browser

TUTOR_EMAIL = "s.hughes@demo-school.sch.uk"


@pytest.fixture
def school_sign_in(live_server, request):
    """The live app pointed at the test provider, the demo tutor with a school email, and the
    provider's accounts: the tutor, and someone the school does not know."""
    provider = request.getfixturevalue("oidc_provider")
    config = sso_config(provider)
    config.pop("SSO_SECRET_KEY")  # the live app keeps the key it made at start-up
    live_server.app.config.update(config)
    with live_server.app.app_context():
        tutor = db.session.scalar(select(User).where(User.username == "tutor"))
        tutor.email = TUTOR_EMAIL
        db.session.commit()
        db.session.remove()
    provider.set_accounts(
        [
            {
                "login": "s.hughes",
                "sub": "oid-hughes",
                "issuers": ["microsoft"],
                "claims": {"preferred_username": TUTOR_EMAIL, "name": "Sam Hughes"},
            },
            {
                "login": "stranger",
                "sub": "oid-stranger",
                "issuers": ["microsoft"],
                "claims": {"preferred_username": "nobody@demo-school.sch.uk"},
            },
        ]
    )
    return provider


def _set_up_microsoft(page, live_server, provider) -> None:
    client_id, secret = provider.register_client("microsoft", live_server.url("/sso/callback"))
    page.goto("/admin/school-sign-in")
    assert live_server.url("/sso/callback") in page.locator("code").first.inner_text()
    page.get_by_label("Directory (tenant) ID").fill(TENANT_A)
    page.get_by_label("Application (client) ID").fill(client_id)
    page.locator("#microsoft-client_secret").fill(secret)
    page.get_by_role("button", name="Save the Microsoft settings").click()
    page.wait_for_load_state()
    assert "Saved. Now test the connection." in page.text_content("body")
    assert secret not in page.content()
    page.get_by_role("button", name="Test the connection to Microsoft 365 (Entra ID)").click()
    page.wait_for_load_state()
    assert "Working: " + provider.issuer("microsoft") in page.text_content("body")


def _sign_in_at_provider(page, login: str) -> None:
    page.goto("/sign-in")
    check_axe(page, "sign-in with the school sign-in button")
    page.get_by_role("link", name="Sign in with Microsoft").click()
    page.wait_for_load_state()
    assert "/interaction/" in page.url, page.url  # the provider's own login page
    page.get_by_label("Username").fill(login)
    page.get_by_label("Password").fill(ACCOUNT_PASSWORD)
    page.get_by_role("button", name="Sign in to the provider").click()
    page.wait_for_load_state()


def test_sign_in_with_microsoft_end_to_end(new_context, live_server, school_sign_in):
    admin = new_context(None, axe=False).new_page()
    sign_in(admin, "admin")
    _set_up_microsoft(admin, live_server, school_sign_in)

    visitor = new_context(None).new_page()
    _sign_in_at_provider(visitor, "s.hughes")
    assert visitor.url.startswith(live_server.base_url)
    assert urlsplit(visitor.url).path == "/"
    visitor.goto("/account")
    assert "Mr Sam Hughes" in visitor.text_content("main")

    visitor.get_by_role("button", name="Sign out").first.click()
    visitor.wait_for_load_state()
    visitor.goto("/account")
    assert urlsplit(visitor.url).path == "/sign-in", "signing out ends the local session"

    stranger = new_context(None).new_page()
    _sign_in_at_provider(stranger, "stranger")
    assert urlsplit(stranger.url).path == "/sso/callback"
    assert stranger.get_by_role("heading", level=1).inner_text() == (
        "Your school account is not linked yet"
    )
    assert "Ask Pat Green (your school admin at" in stranger.text_content("main")
    check_axe(stranger, "refused school sign-in")

    admin.goto("/admin/school-sign-in")
    assert "nobody@demo-school.sch.uk" in admin.text_content("#unmatched")
    assert "Mr Sam Hughes" in admin.text_content("#links")
