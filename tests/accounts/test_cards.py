"""Printable QR sign-in cards: print a sheet for a tutor group, scan to sign in, revoke, reissue."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import unescape

import pytest
from sqlalchemy import select

from journal.accounts.models import SignInCard
from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db

CARD = re.compile(
    r'<li class="signin-card">.*?<strong>(?P<name>[^<]+)</strong>'
    r".*?/card/(?P<token>[A-Za-z0-9_-]+)",
    re.S,
)


@dataclass
class Cards:
    tutor: object
    other_tutor: object
    group: object
    other_group: object
    foreign_group: object
    zeb: object  # preferred first name Zeb, legal Zebediah Quartermaine
    maya: object
    no_account: object
    other_pupil: object


@pytest.fixture
def cards(make) -> Cards:
    school = make.school("Riverside")
    tutor = make.user(school, Role.TUTOR, name="Terry Tutor")
    other_tutor = make.user(school, Role.TUTOR, name="Olly Tutor")
    group = make.group(school, "10H", tutors=[tutor])
    other_group = make.group(school, "11P", year_group=11, tutors=[other_tutor])
    zeb = make.pupil(
        school,
        group,
        first="Zebediah",
        last="Quartermaine",
        preferred_first_name="Zeb",
        date_of_birth=date(2011, 3, 17),
    )
    maya = make.pupil(school, group, first="Maya", last="Okonkwo-Hart")
    no_account = make.pupil(school, group, first="Nia", last="Offline", with_account=False)
    other_pupil = make.pupil(school, other_group, first="Tomasz", last="Elsewhere")
    elsewhere = make.school("Elsewhere")
    foreign_group = make.group(elsewhere, "10H")
    make.pupil(elsewhere, foreign_group, first="Rita")
    db.session.commit()
    return Cards(
        tutor, other_tutor, group, other_group, foreign_group, zeb, maya, no_account, other_pupil
    )


def _tokens(html: str) -> dict[str, str]:
    """First name on each card -> the card's secret, read from the printed sheet."""
    found = {m["name"]: m["token"] for m in CARD.finditer(html)}
    assert len(found) == html.count('<li class="signin-card">')
    return found


def _print(client, group) -> dict[str, str]:
    response = client.post(f"/cards/{group.id}/print")
    assert response.status_code == 200
    return _tokens(response.text)


def _events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
    )


def test_tutor_prints_a_sheet_for_their_group(client, login, cards):
    login(cards.tutor)
    response = client.post(f"/cards/{cards.group.id}/print")
    assert response.status_code == 200
    html = response.text
    # One QR code per pupil with an account; none for the pupil without one.
    assert html.count("<svg") == 2
    assert html.count('<li class="signin-card">') == 2
    assert set(_tokens(html)) == {"Zeb", "Maya"}
    assert "Nia" not in html
    assert "Tomasz" not in html
    assert "Rita" not in html

    # Nothing personal beyond the preferred first name.
    for pupil in (cards.zeb, cards.maya):
        assert pupil.legal_last_name not in html
        assert pupil.upn not in html
        assert pupil.date_of_birth.isoformat() not in html
        assert pupil.date_of_birth.strftime("%d/%m/%Y") not in html
        assert pupil.date_of_birth.strftime("%-d %B %Y") not in html
        assert pupil.user.username not in html
    assert "Zebediah" not in html

    db.session.expire_all()
    live = db.session.scalars(select(SignInCard).where(SignInCard.revoked_at.is_(None))).all()
    assert {c.user_id for c in live} == {cards.zeb.user_id, cards.maya.user_id}
    assert all(c.issued_by_id == cards.tutor.id for c in live)
    issued = _events("card_issued")
    assert {e.pupil_id for e in issued} == {cards.zeb.id, cards.maya.id}
    assert all(e.actor_id == cards.tutor.id for e in issued)


def test_only_a_hash_of_the_secret_is_kept(client, login, cards):
    login(cards.tutor)
    tokens = _print(client, cards.group)
    db.session.expire_all()
    stored = {c.token_sha256 for c in db.session.scalars(select(SignInCard))}
    for token in tokens.values():
        assert token not in stored
        assert len(token) >= 32


def test_tutor_cannot_print_for_another_group(client, login, cards):
    login(cards.tutor)
    assert client.post(f"/cards/{cards.other_group.id}/print").status_code == 403
    assert client.post(f"/cards/{cards.foreign_group.id}/print").status_code == 404
    assert client.post("/cards/999999/print").status_code == 404
    assert db.session.scalars(select(SignInCard)).all() == []


def test_cards_page_lists_only_groups_the_person_may_print(client, login, cards):
    login(cards.tutor)
    html = client.get("/cards").text
    assert f"/cards/{cards.group.id}/print" in html
    assert f"/cards/{cards.other_group.id}/print" not in html
    assert f"/cards/{cards.foreign_group.id}/print" not in html


def test_careers_leader_prints_for_any_group_in_their_school(client, login, make, cards):
    leader = make.user(cards.zeb.school, Role.CAREERS_LEADER)
    db.session.commit()
    login(leader)
    assert set(_print(client, cards.other_group)) == {"Tomasz"}
    assert client.post(f"/cards/{cards.foreign_group.id}/print").status_code == 404


def test_pupils_cannot_print_cards(client, login, cards):
    login(cards.zeb.user)
    assert client.post(f"/cards/{cards.group.id}/print").status_code == 403
    assert client.post(f"/pupils/{cards.zeb.id}/card").status_code == 403


def test_opening_a_card_link_shows_a_button_and_does_not_sign_in(app, client, login, cards):
    login(cards.tutor)
    token = _print(client, cards.group)["Zeb"]

    device = app.test_client()
    response = device.get(f"/card/{token}")
    assert response.status_code == 200
    assert "Hello Zeb" in response.text
    assert "Yes, sign me in" in response.text
    assert f'action="/card/{token}"' in response.text
    assert "Quartermaine" not in response.text
    assert "Zebediah" not in response.text
    assert cards.zeb.upn not in response.text
    # A link preview (GET) signs nobody in.
    assert device.get("/").status_code == 302
    assert _events("card_sign_in") == []
    db.session.expire_all()
    card = db.session.scalar(select(SignInCard).where(SignInCard.user_id == cards.zeb.user_id))
    assert card.last_used_at is None


def test_pressing_the_button_signs_the_pupil_in(app, client, login, cards):
    login(cards.tutor)
    token = _print(client, cards.group)["Maya"]

    device = app.test_client()
    response = device.post(f"/card/{token}", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    home = device.get("/")
    assert home.status_code == 200
    assert "Maya" in home.text

    [event] = _events("card_sign_in")
    assert event.actor_id == cards.maya.user_id
    assert event.pupil_id == cards.maya.id
    assert event.school_id == cards.maya.school_id
    assert event.ip_address == "192.0.2.7"
    db.session.expire_all()
    card = db.session.scalar(select(SignInCard).where(SignInCard.user_id == cards.maya.user_id))
    assert card.last_used_at is not None
    assert cards.maya.user.last_signed_in_at is not None

    # The card keeps working on another device.
    assert app.test_client().post(f"/card/{token}").status_code == 302


def test_card_sign_in_replaces_whoever_was_signed_in(app, client, login, cards):
    login(cards.tutor)
    token = _print(client, cards.group)["Zeb"]
    shared = login(cards.maya.user, on=app.test_client())
    assert shared.post(f"/card/{token}").status_code == 302
    home = shared.get("/")
    assert "Zeb" in home.text
    assert "Maya" not in home.text


def test_card_works_on_a_shared_device_where_someone_must_change_their_password(
    app, client, login, cards
):
    login(cards.tutor)
    token = _print(client, cards.group)["Zeb"]
    cards.maya.user.must_change_password = True
    db.session.commit()
    shared = login(cards.maya.user, on=app.test_client())
    assert shared.get("/").headers["Location"] == "/account/password"
    assert shared.get(f"/card/{token}").status_code == 200
    response = shared.post(f"/card/{token}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    home = shared.get("/")
    assert home.status_code == 200
    assert "Zeb" in home.text


def test_printing_again_revokes_the_old_cards(app, client, login, cards):
    login(cards.tutor)
    old = _print(client, cards.group)
    new = _print(client, cards.group)
    assert old["Zeb"] != new["Zeb"]

    device = app.test_client()
    for token in old.values():
        response = device.get(f"/card/{token}")
        assert response.status_code == 404
        assert "This card does not work" in response.text
        response = device.post(f"/card/{token}")
        assert response.status_code == 404
        assert "This card does not work" in response.text
    assert device.get("/").status_code == 302
    assert device.post(f"/card/{new['Zeb']}").status_code == 302

    db.session.expire_all()
    live = db.session.scalars(select(SignInCard).where(SignInCard.revoked_at.is_(None))).all()
    assert len(live) == 2


def test_revoking_a_card(app, client, login, cards):
    login(cards.tutor)
    token = _print(client, cards.group)["Zeb"]
    response = client.post(f"/pupils/{cards.zeb.id}/card/revoke")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/pupils/{cards.zeb.id}"
    assert "card no longer works" in unescape(client.get(response.headers["Location"]).text)

    device = app.test_client()
    refused = device.get(f"/card/{token}")
    assert refused.status_code == 404
    assert "This card does not work" in refused.text
    assert device.post(f"/card/{token}").status_code == 404
    assert device.get("/").status_code == 302
    # Maya's card is untouched.
    [revoked] = _events("card_revoked")
    assert revoked.pupil_id == cards.zeb.id
    assert revoked.actor_id == cards.tutor.id

    # Revoking again: nothing to revoke, said plainly, no new audit event.
    again = client.post(f"/pupils/{cards.zeb.id}/card/revoke")
    assert again.status_code == 302
    assert "had no card to revoke" in unescape(client.get(again.headers["Location"]).text)
    assert len(_events("card_revoked")) == 1


def test_reissuing_a_card(app, client, login, cards):
    login(cards.tutor)
    old = _print(client, cards.group)
    response = client.post(f"/pupils/{cards.zeb.id}/card")
    assert response.status_code == 200
    assert response.text.count("<svg") == 1
    assert "Quartermaine" not in response.text
    [(name, token)] = _tokens(response.text).items()
    assert name == "Zeb"
    assert token != old["Zeb"]

    device = app.test_client()
    assert device.get(f"/card/{old['Zeb']}").status_code == 404
    assert device.get(f"/card/{token}").status_code == 200
    # The rest of the group keeps their cards.
    assert device.get(f"/card/{old['Maya']}").status_code == 200
    assert device.post(f"/card/{token}").status_code == 302
    assert "Zeb" in device.get("/").text


def test_tutor_cannot_reissue_or_revoke_outside_their_group(client, login, cards):
    login(cards.tutor)
    assert client.post(f"/pupils/{cards.other_pupil.id}/card").status_code == 404
    assert client.post(f"/pupils/{cards.other_pupil.id}/card/revoke").status_code == 404


def test_pupil_without_an_account_gets_no_card(client, login, cards):
    login(cards.tutor)
    assert client.post(f"/pupils/{cards.no_account.id}/card").status_code == 403


def test_disabled_pupil_card_stops_working(app, client, login, cards):
    login(cards.tutor)
    token = _print(client, cards.group)["Zeb"]
    cards.zeb.user.is_enabled = False
    db.session.commit()
    device = app.test_client()
    assert device.get(f"/card/{token}").status_code == 404
    assert device.post(f"/card/{token}").status_code == 404
    assert device.get("/").status_code == 302


def test_unknown_card(client):
    response = client.get("/card/definitely-not-a-card")
    assert response.status_code == 404
    assert "This card does not work" in response.text
    assert "Sign in with a password" in response.text
