"""School sign-in against a real OpenID provider (node-oidc-provider, see conftest.py): the app's
own Authlib client does the whole flow over HTTP; only the browser's part at the provider (its
login form) is played by ``requests``. Each refusal is its own test, with what the person reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from journal.schools.operations import apply_import, plan_import
from journal.schools.roster import parse_roster
from journal.sso.models import SsoLink, SsoUnmatched

from ..factories import PASSWORD, valid_upn
from .support import TENANT_B, connect, query_of

CALLBACK = "http://localhost/sso/callback"


@dataclass
class School:
    school: object
    admin: object
    tutor: object


@pytest.fixture
def riverside(make) -> School:
    school = make.school("Riverside School")
    admin = make.user(school, Role.SCHOOL_ADMIN, name="Priya Shah")
    tutor = make.user(school, Role.TUTOR, name="Sam Tutor")
    tutor.email = "s.tutor@riverside.sch.uk"
    db.session.flush()
    return School(school, admin, tutor)


def _start(client, connection) -> str:
    response = client.get(f"/sso/{connection.id}/start")
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def _sign_in(client, provider, connection, login: str):
    """One school sign-in from the sign-in button to the app's answer to the callback."""
    back = provider.log_in(_start(client, connection), login)
    assert back.startswith(CALLBACK), back
    parts = urlsplit(back)
    return client.get(f"{parts.path}?{parts.query}")


def _events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _signed_in_as(client) -> str | None:
    response = client.get("/account")
    return None if response.status_code != 200 else response.text


def _refusal(response) -> str:
    return " ".join(response.text.split())


# --- signing in --------------------------------------------------------------------------------


def test_a_pupil_is_found_by_the_email_from_the_roster_and_linked_by_oid(
    app, client, provider, riverside
):
    roster = (
        "UPN,Forename,Surname,DOB,Year,Reg,Student Email\n"
        f"{valid_upn(7)},Aisha,Khan,2010-09-14,Year 10,10H,A.Khan@Riverside.sch.uk\n"
    ).encode()
    parsed = parse_roster(roster)
    assert parsed.columns["email"] == "Student Email"
    apply_import(riverside.school, plan_import(riverside.school, parsed), by=riverside.admin)
    connection = connect(provider, riverside.school, "microsoft", riverside.admin, CALLBACK)
    provider.set_accounts(
        [
            {
                "login": "aisha",
                "sub": "oid-aisha",
                "issuers": ["microsoft"],
                "claims": {"email": "a.khan@riverside.sch.uk", "name": "Aisha Khan"},
            }
        ]
    )
    db.session.commit()

    authorization = query_of(_start(client, connection))
    assert authorization["code_challenge_method"] == "S256" and authorization["code_challenge"]
    assert authorization["state"] and authorization["nonce"]
    assert authorization["scope"] == "openid email profile"

    response = _sign_in(client, provider, connection, "aisha")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Aisha Khan" in _signed_in_as(client)
    link = db.session.scalar(select(SsoLink))
    assert (link.subject, link.tenant_id) == ("oid-aisha", connection.tenant_id)
    assert link.issuer == provider.issuer("microsoft") and link.user.is_pupil
    assert [e.detail["matched_by"] for e in _events("sso_linked")] == ["email"]
    assert len(_events("sso_sign_in")) == 1


def test_the_second_sign_in_goes_by_subject_after_the_email_changed(
    app, client, provider, riverside
):
    connection = connect(provider, riverside.school, "oidc", riverside.admin, CALLBACK)
    account = {
        "login": "sam",
        "sub": "trust-0001",
        "issuers": ["oidc"],
        "claims": {"email": "s.tutor@riverside.sch.uk", "email_verified": True},
    }
    provider.set_accounts([account])
    db.session.commit()
    assert _sign_in(client, provider, connection, "sam").status_code == 302
    client.post("/sign-out")

    # The mailbox is renamed at the provider; the school's record still has the old address.
    account["claims"]["email"] = "sam.tutor@riverside.sch.uk"
    # ... and the old address is given to a newcomer, who must not get Sam's account.
    newcomer = {
        "login": "newcomer",
        "sub": "trust-0002",
        "issuers": ["oidc"],
        "claims": {"email": "s.tutor@riverside.sch.uk", "email_verified": True},
    }
    provider.set_accounts([account, newcomer])

    assert _sign_in(client, provider, connection, "sam").status_code == 302
    assert "Sam Tutor" in _signed_in_as(client)
    client.post("/sign-out")

    refused = _sign_in(client, provider, connection, "newcomer")
    assert refused.status_code == 403
    assert "Your school account is not linked yet" in refused.text
    assert _signed_in_as(client) is None
    assert db.session.scalar(select(SsoLink.subject)) == "trust-0001"


def test_an_unknown_person_is_refused_with_whom_to_ask_and_an_admin_links_them_by_hand(
    app, client, login, provider, riverside
):
    connection = connect(provider, riverside.school, "oidc", riverside.admin, CALLBACK)
    provider.set_accounts(
        [
            {
                "login": "stranger",
                "sub": "trust-0099",
                "issuers": ["oidc"],
                "claims": {"email": "j.doe@riverside.sch.uk", "email_verified": True},
            }
        ]
    )
    db.session.commit()
    refused = _sign_in(client, provider, connection, "stranger")
    assert refused.status_code == 403
    assert _refusal(refused).count(
        "You signed in as j.doe@riverside.sch.uk, but nobody at Riverside School has that email "
        "in Careers Passport, so we did not sign you in. Ask Priya Shah (your school admin at "
        "Riverside School) to link your school account to you."
    )
    assert _signed_in_as(client) is None
    assert db.session.scalar(select(SsoLink)) is None  # nobody gets an account by signing in
    assert _events("sso_sign_in_failed")[0].detail["reason"] == "unknown"

    admin = app.test_client()
    login(riverside.admin, on=admin)
    page = admin.get("/admin/school-sign-in")
    assert "j.doe@riverside.sch.uk" in page.text
    unmatched = db.session.scalar(select(SsoUnmatched))
    linked = admin.post(
        f"/admin/school-sign-in/unmatched/{unmatched.id}/link",
        data={"person": riverside.tutor.username},
    )
    assert linked.status_code == 302
    assert [e.detail["matched_by"] for e in _events("sso_linked")] == ["admin"]

    assert _sign_in(client, provider, connection, "stranger").status_code == 302
    assert "Sam Tutor" in _signed_in_as(client)

    link = db.session.scalar(select(SsoLink))
    assert admin.post(f"/admin/school-sign-in/links/{link.id}/unlink").status_code == 302
    assert db.session.scalar(select(SsoLink)) is None
    assert len(_events("sso_unlinked")) == 1


# --- refusals ---------------------------------------------------------------------------------


def _microsoft_tutor(provider, riverside):
    connection = connect(provider, riverside.school, "microsoft", riverside.admin, CALLBACK)
    provider.set_accounts(
        [
            {
                "login": "sam",
                "sub": "oid-sam",
                "issuers": ["microsoft"],
                "claims": {"preferred_username": "s.tutor@riverside.sch.uk"},
            }
        ]
    )
    db.session.commit()
    return connection


WRONG_ORGANISATION = (
    "You signed in with an account from another organisation. Sign out of it at the provider, "
    "then sign in with your Riverside School account."
)


def test_a_token_from_another_tenants_issuer_is_refused(app, client, provider, riverside):
    """Every Microsoft tenant's tokens are signed with the same keys: only ``iss`` tells them
    apart. This token is validly signed, for our client, with our nonce, by the other tenant."""
    connection = _microsoft_tutor(provider, riverside)
    provider.next_token("microsoft", "claims", iss=provider.issuer("other_tenant"), tid=TENANT_B)
    refused = _sign_in(client, provider, connection, "sam")
    assert refused.status_code == 403
    assert "That account is not from Riverside School" in refused.text
    assert WRONG_ORGANISATION in _refusal(refused)
    assert _signed_in_as(client) is None
    assert _events("sso_sign_in_failed")[0].detail["claim"] == "iss"


def test_a_guest_from_another_tenant_is_refused_by_its_tid(app, client, provider, riverside):
    connection = _microsoft_tutor(provider, riverside)
    provider.next_token("microsoft", "claims", tid=TENANT_B)
    refused = _sign_in(client, provider, connection, "sam")
    assert refused.status_code == 403 and WRONG_ORGANISATION in _refusal(refused)
    assert _signed_in_as(client) is None


def test_a_google_account_outside_the_workspace_domain_is_refused(app, client, provider, riverside):
    connection = connect(provider, riverside.school, "google", riverside.admin, CALLBACK)
    provider.set_accounts(
        [
            {
                "login": "gmail",
                "sub": "g-1",
                "issuers": ["google"],
                "claims": {"email": "s.tutor@gmail.com", "email_verified": True},
            },
            {
                "login": "unverified",
                "sub": "g-2",
                "issuers": ["google"],
                "claims": {
                    "email": "s.tutor@riverside.sch.uk",
                    "email_verified": False,
                    "hd": "riverside.sch.uk",
                },
            },
            {
                "login": "sam",
                "sub": "g-3",
                "issuers": ["google"],
                "claims": {
                    "email": "s.tutor@riverside.sch.uk",
                    "email_verified": True,
                    "hd": "riverside.sch.uk",
                },
            },
        ]
    )
    db.session.commit()
    assert query_of(_start(client, connection))["hd"] == "riverside.sch.uk"
    for login in ("gmail", "unverified"):
        refused = _sign_in(client, provider, connection, login)
        assert refused.status_code == 403 and WRONG_ORGANISATION in _refusal(refused), login
    assert _sign_in(client, provider, connection, "sam").status_code == 302
    assert "Sam Tutor" in _signed_in_as(client)


def test_a_tampered_id_token_is_refused(app, client, provider, riverside):
    connection = _microsoft_tutor(provider, riverside)
    provider.next_token("microsoft", "flip-signature")
    refused = _sign_in(client, provider, connection, "sam")
    assert refused.status_code == 400
    assert "We could not check that sign-in" in refused.text
    assert "did not pass our security checks" in refused.text
    assert _signed_in_as(client) is None
    assert _events("sso_sign_in_failed")[0].detail["error"] == "BadSignatureError"


def test_a_replayed_id_token_is_refused_by_its_nonce(app, client, provider, riverside):
    """An ID token from an earlier sign-in (valid signature, issuer, audience and expiry) comes
    back from the token endpoint: only the nonce shows it belongs to another sign-in."""
    connection = _microsoft_tutor(provider, riverside)
    assert _sign_in(client, provider, connection, "sam").status_code == 302
    client.post("/sign-out")
    provider.next_token("microsoft", "replay-previous")
    refused = _sign_in(client, provider, connection, "sam")
    assert refused.status_code == 400
    assert "That sign-in had already been used" in refused.text
    assert "each sign-in works once only" in refused.text
    assert _signed_in_as(client) is None
    assert _events("sso_sign_in_failed")[0].detail["claim"] == "nonce"


def test_a_replayed_callback_is_refused(app, client, provider, riverside):
    connection = _microsoft_tutor(provider, riverside)
    back = provider.log_in(_start(client, connection), "sam")
    callback = back.removeprefix("http://localhost")
    before = client.get_cookie("session").value  # the session with the state in it
    assert client.get(callback).status_code == 302
    client.post("/sign-out")

    # The same callback in the same browser: its state was used up.
    again = client.get(callback)
    assert again.status_code == 400 and "That sign-in has expired" in again.text

    # With the old session cookie too (a copied browser): the provider refuses the used code.
    client.set_cookie("session", before, domain="localhost")
    replayed = client.get(callback)
    assert replayed.status_code == 400 and "That sign-in had already been used" in replayed.text
    assert _signed_in_as(client) is None


def test_a_callback_with_someone_elses_state_is_refused(app, client, provider, riverside):
    """Login CSRF: a callback URL from another person's sign-in, opened in this browser."""
    connection = _microsoft_tutor(provider, riverside)
    attacker = app.test_client()
    back = provider.log_in(_start(attacker, connection), "sam")
    _start(client, connection)  # this browser's own sign-in, with its own state
    refused = client.get(back.removeprefix("http://localhost"))
    assert refused.status_code == 400 and "That sign-in has expired" in refused.text
    assert _signed_in_as(client) is None


def test_a_school_that_requires_its_sign_in_refuses_staff_passwords(
    app, client, login, provider, riverside, make
):
    connection = _microsoft_tutor(provider, riverside)
    family = make.user(riverside.school, Role.FAMILY, name="Mum")
    pupil = make.pupil(riverside.school, first="Aisha")
    former = make.pupil(riverside.school, first="Old", left_on=pupil.record_began_on)
    db.session.commit()
    admin = login(riverside.admin, on=app.test_client())
    assert (
        admin.post(
            "/admin/school-sign-in/policy",
            data={"require_for_staff": "y", "require_for_pupils": "y"},
        ).status_code
        == 302
    )

    page = client.get("/sign-in")
    assert "Sign in with Microsoft" in page.text
    assert (
        "Riverside School: staff and pupils sign in with their school account, not a password."
        in _refusal(page)
    )
    refused = client.post(
        "/sign-in", data={"identifier": riverside.tutor.username, "password": PASSWORD}
    )
    assert refused.status_code == 422
    assert (
        "Riverside School signs its staff in with their school account, not a password."
        in _refusal(refused)
    )
    assert _signed_in_as(client) is None
    assert _events("sign_in_refused")[0].actor_id == riverside.tutor.id
    wrong = client.post("/sign-in", data={"identifier": riverside.tutor.username, "password": "x"})
    assert "do not match" in wrong.text and "school account" not in wrong.text.split("<form")[1]
    pupil_refused = client.post(
        "/sign-in", data={"identifier": pupil.user.username, "password": PASSWORD}
    )
    assert "signs its pupils in with their school account" in _refusal(pupil_refused)

    for keeps_password in (family, former.user):
        other = app.test_client()
        response = other.post(
            "/sign-in", data={"identifier": keeps_password.username, "password": PASSWORD}
        )
        assert response.status_code == 302, keeps_password
    riverside.tutor.must_change_password = True  # a temporary password they may not use
    db.session.commit()
    assert _sign_in(client, provider, connection, "sam").status_code == 302
    assert "Sam Tutor" in _signed_in_as(client)  # not sent to change that password


# --- the rest of the contract -------------------------------------------------------------------


def test_buttons_show_only_where_a_school_has_switched_it_on(app, client, provider, riverside):
    assert "Sign in with" not in client.get("/sign-in").text
    connection = _microsoft_tutor(provider, riverside)
    assert "Sign in with Microsoft" in client.get("/sign-in").text
    assert "Sign in with Microsoft" not in client.get("/sign-in?school=0000000").text
    connection.is_enabled = False
    db.session.commit()
    assert "Sign in with Microsoft" not in client.get("/sign-in").text
    assert client.get(f"/sso/{connection.id}/start").status_code == 404


def test_the_secret_is_encrypted_at_rest_and_never_shown_again(
    app, client, login, provider, riverside
):
    connection = _microsoft_tutor(provider, riverside)
    _, secret = provider.register_client("microsoft", CALLBACK)
    assert secret.encode() not in connection.client_secret_encrypted
    page = login(riverside.admin).get("/admin/school-sign-in")
    assert page.status_code == 200 and secret not in page.text
    assert "http://localhost/sso/callback" in page.text
    # Saving without a secret keeps the stored one: the sign-in still works.
    saved = client.post(
        "/admin/school-sign-in/microsoft",
        data={
            "microsoft-tenant_id": connection.tenant_id,
            "microsoft-client_id": connection.client_id,
            "microsoft-client_secret": "",
            "microsoft-is_enabled": "y",
        },
    )
    assert saved.status_code == 302
    client.post("/sign-out")
    assert _sign_in(client, provider, connection, "sam").status_code == 302
    assert all(secret not in str(e.detail) for e in _events("sso_connection_saved"))


def test_testing_the_connection_says_what_is_wrong(app, client, login, provider, riverside):
    connection = _microsoft_tutor(provider, riverside)
    login(riverside.admin)
    response = client.post(f"/admin/school-sign-in/{connection.id}/test", follow_redirects=True)
    assert "Working: " + provider.issuer("microsoft") + " answered" in response.text

    connection.tenant_id = "99999999-9999-4999-8999-999999999999"  # a tenant it does not serve
    db.session.commit()
    response = client.post(f"/admin/school-sign-in/{connection.id}/test", follow_redirects=True)
    assert "Not working: The discovery document at" in response.text
    assert "answered 404, not 200" in response.text


def test_school_sign_in_is_throttled_like_passwords(app, provider, riverside):
    app.config.update(RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ADDRESS="2 per 5 minutes")
    from journal.extensions import limiter

    limiter.init_app(app)  # picks up the switch
    answers = [app.test_client().get("/sso/callback?state=x&code=y").status_code for _ in "abc"]
    assert answers == [400, 400, 429]


def test_signing_out_ends_the_local_session(app, client, provider, riverside):
    connection = _microsoft_tutor(provider, riverside)
    assert _sign_in(client, provider, connection, "sam").status_code == 302
    assert _signed_in_as(client)
    client.post("/sign-out")
    assert _signed_in_as(client) is None
