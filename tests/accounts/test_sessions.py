"""Sessions: sign out, sign out everywhere, and sessions voided by a version bump."""

from __future__ import annotations

from sqlalchemy import select

from journal.audit.models import AuditEvent
from journal.extensions import db
from tests.factories import PASSWORD


def test_sign_out_everywhere_ends_every_session(app, make, login):
    user = make.user(username="jsmith", name="Jo Smith")
    db.session.commit()
    phone = login(user, on=app.test_client())
    laptop = login(user, on=app.test_client())
    assert phone.get("/").status_code == 200
    assert laptop.get("/").status_code == 200
    version = user.session_version

    response = phone.post("/account/sign-out-everywhere")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in"

    for device in (phone, laptop):
        response = device.get("/")
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in")
        assert device.get("/account").status_code == 302

    db.session.expire_all()
    assert user.session_version == version + 1
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "signed_out_everywhere")
    ).all()
    assert event.actor_id == user.id

    # Signing in again works and gives a session with the new version.
    again = app.test_client()
    signed_in = again.post("/sign-in", data={"identifier": "jsmith", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert again.get("/").status_code == 200
    assert laptop.get("/").status_code == 302


def test_sign_out_everywhere_by_form_sessions(app, make):
    """The same, with sessions made by the real sign-in form."""
    make.user(username="jsmith")
    devices = [app.test_client() for _ in range(2)]
    for device in devices:
        device.post("/sign-in", data={"identifier": "jsmith", "password": PASSWORD})
        assert device.get("/").status_code == 200
    devices[0].post("/account/sign-out-everywhere")
    assert devices[1].get("/").status_code == 302
    assert devices[0].get("/").status_code == 302


def test_sign_out_everywhere_leaves_other_people_signed_in(app, make, login):
    user = make.user()
    other = make.user()
    db.session.commit()
    mine = login(user, on=app.test_client())
    theirs = login(other, on=app.test_client())
    mine.post("/account/sign-out-everywhere")
    assert theirs.get("/").status_code == 200


def test_sign_out_everywhere_needs_a_post(client, make, login):
    user = make.user()
    db.session.commit()
    login(user)
    assert client.get("/account/sign-out-everywhere").status_code == 405
    assert client.get("/").status_code == 200


def test_account_page_offers_sign_out_everywhere(client, make, login):
    user = make.user()
    db.session.commit()
    login(user)
    html = client.get("/account").text
    assert 'action="/account/sign-out-everywhere"' in html
    assert "Sign out everywhere" in html


def test_sign_out_ends_only_this_session(app, make, login):
    user = make.user()
    db.session.commit()
    phone = login(user, on=app.test_client())
    laptop = login(user, on=app.test_client())
    assert phone.post("/sign-out").status_code == 302
    assert phone.get("/").status_code == 302
    assert laptop.get("/").status_code == 200


def test_forged_or_old_session_ids_are_refused(app, make):
    user = make.user()
    db.session.commit()
    for session_id in (str(user.id), f"{user.id}:0", f"{user.id}:2", "x:y", "", f"{user.id}:1:1"):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = session_id
        assert client.get("/").status_code == 302, session_id
