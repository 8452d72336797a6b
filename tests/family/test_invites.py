"""Invites and signing up: a one-time code, stored as a hash, single use, expiring, revocable,
throttled against guessing and audited; staff who may make them; links and their revoking."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.calendar import utcnow
from journal.extensions import db
from journal.family import operations
from journal.family.models import FamilyInvite, FamilyLink
from tests.support import audit_actions

PASSWORD = "a long family password"


def join(client, code, username="kim", **extra):
    data = {
        "step": "details",
        "code": code,
        "relationship_label": "Mum",
        "display_name": "Kim Patel",
        "username": username,
        "email": "",
        "password": PASSWORD,
        "confirm": PASSWORD,
    } | extra
    return client.post("/family/join", data=data)


def test_staff_make_an_invite_and_see_the_code_once(client, login, adviser, pupil):
    login(adviser)
    page = client.post(f"/pupils/{pupil.id}/family/invites", data={"relationship_label": "Dad"})
    assert page.status_code == 200
    code = re.search(r'family-code">([A-Z0-9-]{11})<', page.text).group(1)
    invite = db.session.scalar(select(FamilyInvite))
    assert invite.code_sha256 == hashlib.sha256(code.replace("-", "").encode()).hexdigest()
    assert code.replace("-", "") not in str(
        [invite.code_sha256, invite.relationship_label]
    )  # only the hash is kept
    assert invite.relationship_label == "Dad"
    assert invite.expires_at - utcnow() > timedelta(days=29)
    assert audit_actions("family_invite_made")[0].pupil_id == pupil.id

    letter = client.get(f"/pupils/{pupil.id}/family/invites/{invite.id}/letter")
    assert letter.status_code == 200
    assert code in letter.text and "/family/join" in letter.text
    article = letter.text.split('<article class="family-letter"')[1]
    assert "Maya" in article and "Patel" not in article  # the first name, nothing more
    assert pupil.upn not in letter.text

    # Another session (another member of staff, or later) cannot read the code back.
    other = client.application.test_client()
    login(adviser, on=other)
    assert code not in other.get(f"/pupils/{pupil.id}/family/invites/{invite.id}/letter").text


def test_a_family_member_signs_up_with_a_code(client, pupil, invite):
    made, code = invite(pupil, "Mum")
    assert (
        client.post("/family/join", data={"step": "code", "code": code.lower()}).status_code == 200
    )
    response = join(client, operations.shown(code))
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.scalar(select(User).where(User.username == "kim"))
    assert user.is_family and user.password_hash.startswith("$argon2id$")
    link = db.session.scalar(select(FamilyLink))
    assert (link.family_user_id, link.pupil_id, link.relationship_label) == (
        user.id,
        pupil.id,
        "Mum",
    )
    assert db.session.get(FamilyInvite, made.id).used_by_id == user.id
    assert "Maya" in client.get("/").text  # signed in, and sees the child
    assert audit_actions("family_linked") and audit_actions("family_joined")


def test_a_code_works_once(client, pupil, invite):
    _, code = invite(pupil)
    assert join(client, code).status_code == 302
    again = client.application.test_client()
    response = join(again, code, username="someone")
    assert response.status_code == 422
    assert operations.USED_OR_EXPIRED in response.text
    assert db.session.scalar(select(User).where(User.username == "someone")) is None
    assert [e.detail["reason"] for e in audit_actions("family_code_failed")] == ["used_or_expired"]


def test_an_expired_code_says_so(client, pupil, invite):
    made, code = invite(pupil)
    made.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = client.post("/family/join", data={"step": "code", "code": code})
    assert response.status_code == 422
    assert operations.USED_OR_EXPIRED in response.text


def test_a_wrong_or_cancelled_code_does_not_work(client, login, adviser, pupil, invite):
    response = client.post("/family/join", data={"step": "code", "code": "ACDEF-GHJKM"})
    assert response.status_code == 422
    assert operations.DOES_NOT_WORK in response.text
    assert 'value="ACDEF-GHJKM"' in response.text  # what was typed is kept
    made, code = invite(pupil)
    login(adviser)
    assert client.post(f"/pupils/{pupil.id}/family/invites/{made.id}/revoke").status_code == 302
    client.post("/sign-out")
    response = join(client, code)
    assert response.status_code == 422
    assert operations.DOES_NOT_WORK in response.text
    failed = audit_actions("family_code_failed")
    assert [e.detail["reason"] for e in failed] == ["unknown", "unknown"]
    assert all(len(e.detail["code_start"]) <= 2 for e in failed)  # never the whole guess
    assert audit_actions("family_invite_revoked")


def test_a_weak_password_or_taken_username_keeps_the_code(client, make, school, pupil, invite):
    make.user(school, username="taken")
    _, code = invite(pupil)
    weak = join(client, code, password="short", confirm="short")
    assert weak.status_code == 422 and "at least 10 characters" in weak.text
    taken = join(client, code, username="taken")
    assert taken.status_code == 422 and "already taken" in taken.text
    assert join(client, code).status_code == 302  # the code was not used up


def test_signed_in_family_links_a_sibling(client, login, parent, linked, pupil, sibling, invite):
    linked(pupil)
    _, code = invite(sibling, "Mum")
    login(parent)
    response = client.post("/family/join", data={"step": "code", "code": code})
    assert response.status_code == 302
    home = client.get("/").text
    assert "Maya" in home and "Ravi" in home
    again = client.post("/family/join", data={"step": "code", "code": invite(sibling)[1]})
    assert again.status_code == 422 and "already linked to Ravi" in again.text


def test_a_child_can_have_several_family_members(client, login, adviser, pupil, invite, linked):
    linked(pupil)
    _, code = invite(pupil, "Dad")
    response = join(client, code, username="dad", display_name="Raj Patel", relationship_label="")
    assert response.status_code == 302
    login(adviser)
    page = client.get(f"/pupils/{pupil.id}/family").text
    assert "Kim Patel" in page and "Raj Patel</strong> (Dad)" in page  # the invite's label
    login(pupil.user)
    mine = client.get("/account/family").text
    assert "Kim Patel" in mine and "Raj Patel</strong> (Dad)" in mine


def test_revoking_a_link_ends_access(client, login, adviser, parent, linked, pupil):
    link = linked(pupil)
    entry_url = f"/family/children/{pupil.id}/entries/1"
    login(adviser)
    assert client.post(f"/pupils/{pupil.id}/family/links/{link.id}/revoke").status_code == 302
    db.session.expire_all()
    assert db.session.get(FamilyLink, link.id).revoked_by_id == adviser.id
    assert audit_actions("family_link_revoked")
    login(parent)
    assert client.get(entry_url).status_code == 404
    assert "not linked" in client.get("/").text


def test_who_may_manage_invites(client, login, make, school, pupil, tutor):
    admin = make.user(school, Role.SCHOOL_ADMIN)
    login(admin)
    assert client.get(f"/pupils/{pupil.id}/family").status_code == 200
    assert client.post(f"/pupils/{pupil.id}/family/invites").status_code == 403
    login(tutor)
    assert client.post(f"/pupils/{pupil.id}/family/invites").status_code == 200
    other = make.pupil(school, make.group(school, "11P", year_group=11))
    assert client.get(f"/pupils/{other.id}/family").status_code == 404
    login(pupil.user)
    assert client.get(f"/pupils/{pupil.id}/family").status_code == 403


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True, "FAMILY_CODE_LIMIT_PER_ADDRESS": "3 per minute"}


@pytest.fixture
def fresh_limits(app):
    from journal.extensions import limiter

    limiter.reset()
    yield
    limiter.reset()


def test_guessing_codes_is_throttled(client, fresh_limits, pupil, invite):
    _, code = invite(pupil)
    for guess in ("AAAAA-AAAAA", "CCCCC-CCCCC", "DDDDD-DDDDD"):
        assert client.post("/family/join", data={"step": "code", "code": guess}).status_code == 422
    stopped = client.post("/family/join", data={"step": "code", "code": code})
    assert stopped.status_code == 429
    assert "Too many codes tried" in stopped.text
    reasons = [e.detail["reason"] for e in audit_actions("family_code_failed")]
    assert reasons == ["unknown", "unknown", "unknown", "throttled"]


def test_a_right_code_does_not_count_towards_the_throttle(client, fresh_limits, pupil, invite):
    for _ in range(4):
        _, code = invite(pupil)
        assert client.post("/family/join", data={"step": "code", "code": code}).status_code == 200
