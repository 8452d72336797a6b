"""The audit log: written by the actions that matter, read by school admins, one school only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

import pytest
from sqlalchemy import select

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.audit.operations import record
from journal.audit.queries import PAGE_SIZE
from journal.extensions import db


@dataclass
class Log:
    admin: object
    tutor: object
    leader: object
    maya: object
    tom: object
    foreign_admin: object
    rita: object


@pytest.fixture
def log(make) -> Log:
    school = make.school("Riverside")
    admin = make.user(school, Role.SCHOOL_ADMIN, username="aadmin", name="Ada Admin")
    tutor = make.user(school, Role.TUTOR, username="ttutor", name="Tina Tutor")
    leader = make.user(school, Role.CAREERS_LEADER, username="cleader", name="Carl Leader")
    group = make.group(school, "10H", tutors=[tutor])
    maya = make.pupil(school, group, first="Maya", last="Patel")
    tom = make.pupil(school, group, first="Tomasz", last="Nowak")
    elsewhere = make.school("Elsewhere")
    foreign_admin = make.user(elsewhere, Role.SCHOOL_ADMIN, username="radmin", name="Rex Rival")
    rita = make.pupil(elsewhere, first="Rita", last="Ravensworth")

    record("pupil_record_opened", actor=tutor, pupil=maya)
    record("pupil_record_opened", actor=leader, pupil=tom)
    record("card_issued", actor=tutor, pupil=tom)
    record("sign_in", actor=maya.user)
    record("pupil_record_opened", actor=foreign_admin, pupil=rita)
    record("sign_in", actor=foreign_admin)
    record("sign_in_failed", actor=None, identifier="someone-unknown")
    db.session.commit()
    return Log(admin, tutor, leader, maya, tom, foreign_admin, rita)


def _rows(html: str) -> list[tuple[str, str, str]]:
    """(who, what, pupil) for each row of the log table."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [
            unescape(re.sub(r"<[^>]+>", " ", c)).split()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        if len(cells) == 1:  # "No events match."
            continue
        rows.append((" ".join(cells[1]), " ".join(cells[2][:3]), " ".join(cells[3])))
    return rows


def _read(client, **params):
    response = client.get("/admin/audit", query_string=params)
    assert response.status_code == 200
    return _rows(response.text)


def _no_foreign(html_rows) -> None:
    for who, _, pupil in html_rows:
        assert "Rex Rival" not in who
        assert "Rita" not in pupil


def test_admin_reads_the_whole_school_log(client, login, log):
    login(log.admin)
    rows = _read(client)
    assert ("Tina Tutor", "pupil record opened", "Maya Patel") in rows
    assert ("Carl Leader", "pupil record opened", "Tomasz Nowak") in rows
    assert ("Maya Patel", "sign in", "") in rows
    assert [r[1] for r in rows].count("school created urn:") == 1
    assert len(rows) == 5
    _no_foreign(rows)


def test_filter_by_pupil_id(client, login, log):
    login(log.admin)
    rows = _read(client, pupil=log.tom.id)
    assert {r[2] for r in rows} == {"Tomasz Nowak"}
    assert len(rows) == 2


def test_filter_by_pupil_name_and_upn(client, login, log):
    login(log.admin)
    for text in ("tomasz", "NOWAK", "Tomasz Nowak", log.tom.upn, log.tom.upn.lower()):
        rows = _read(client, pupil_q=text)
        assert rows and {r[2] for r in rows} == {"Tomasz Nowak"}, text
    assert _read(client, pupil_q="maya") == [("Tina Tutor", "pupil record opened", "Maya Patel")]
    assert _read(client, pupil_q="nobody-called-this") == []


def test_filter_by_preferred_name(client, login, log):
    log.tom.preferred_first_name = "Tom"
    db.session.commit()
    login(log.admin)
    rows = _read(client, pupil_q="tom nowak")
    assert rows and {r[2] for r in rows} == {"Tom Nowak"}


def test_filter_by_person_id(client, login, log):
    login(log.admin)
    rows = _read(client, person=log.tutor.id)
    assert {r[0] for r in rows} == {"Tina Tutor"}
    assert {r[1] for r in rows} == {"pupil record opened", "card issued"}


def test_filter_by_person_name_and_username(client, login, log):
    login(log.admin)
    for text in ("tina", "TUTOR", "ttutor"):
        rows = _read(client, person_q=text)
        assert rows and {r[0] for r in rows} == {"Tina Tutor"}, text
    assert {r[0] for r in _read(client, person_q="carl")} == {"Carl Leader"}


def test_filters_combine(client, login, log):
    login(log.admin)
    assert _read(client, person=log.tutor.id, pupil=log.tom.id) == [
        ("Tina Tutor", "card issued", "Tomasz Nowak")
    ]
    assert _read(client, person_q="carl", pupil_q="maya") == []


def test_filter_form_keeps_what_was_typed(client, login, log):
    login(log.admin)
    html = client.get("/admin/audit", query_string={"pupil_q": "tom", "person_q": "tina"}).text
    assert 'value="tom"' in html
    assert 'value="tina"' in html
    assert "Clear filters" in html


def test_another_schools_events_never_appear(client, login, log):
    login(log.admin)
    for params in (
        {},
        {"pupil": log.rita.id},
        {"person": log.foreign_admin.id},
        {"pupil_q": "rita"},
        {"pupil_q": log.rita.upn},
        {"person_q": "rex"},
        {"person_q": "radmin"},
    ):
        response = client.get("/admin/audit", query_string=params)
        assert response.status_code == 200
        assert "Rex Rival" not in response.text, params
        assert "Ravensworth" not in response.text, params
        assert "someone-unknown" not in response.text, params
        if params:
            assert _rows(response.text) == [], params


def test_the_other_school_sees_only_its_own(client, login, log):
    login(log.foreign_admin)
    rows = [r for r in _read(client) if r[1] != "school created urn:"]
    assert len(rows) == 2
    assert {r[0] for r in rows} == {"Rex Rival"}
    assert "Tina Tutor" not in client.get("/admin/audit").text
    assert _read(client, pupil=log.maya.id) == []
    assert _read(client, person=log.tutor.id) == []


@pytest.mark.parametrize("who", ["tutor", "leader", "pupil", "careers_adviser", "senco", "family"])
def test_only_school_admins_read_the_log(app, make, login, log, who):
    users = {
        "tutor": log.tutor,
        "leader": log.leader,
        "pupil": log.maya.user,
    }
    user = users.get(who) or make.user(log.admin.school, Role(who))
    db.session.commit()
    client = login(user, on=app.test_client())
    response = client.get("/admin/audit")
    assert response.status_code == 403
    assert "pupil record opened" not in response.text
    assert client.get("/admin/audit", query_string={"pupil": log.maya.id}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, log):
    response = client.get("/admin/audit")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_staff_opening_a_pupil_record_is_audited(client, login, log):
    login(log.tutor)
    before = db.session.scalar(select(db.func.count()).select_from(AuditEvent))
    response = client.get(f"/pupils/{log.maya.id}", environ_base={"REMOTE_ADDR": "192.0.2.44"})
    assert response.status_code == 200
    db.session.expire_all()
    [event] = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1))
    assert db.session.scalar(select(db.func.count()).select_from(AuditEvent)) == before + 1
    assert event.action == "pupil_record_opened"
    assert event.actor_id == log.tutor.id
    assert event.pupil_id == log.maya.id
    assert event.school_id == log.maya.school_id
    assert event.ip_address == "192.0.2.44"
    assert event.at is not None


def test_a_refused_record_opening_is_not_recorded_as_opened(client, login, make, log):
    other_tutor = make.user(log.admin.school, Role.TUTOR)
    db.session.commit()
    login(other_tutor)
    assert client.get(f"/pupils/{log.maya.id}").status_code == 404
    db.session.expire_all()
    assert not db.session.scalars(
        select(AuditEvent).where(AuditEvent.actor_id == other_tutor.id)
    ).all()


def test_record_openings_appear_in_the_log_for_that_pupil(app, client, login, log):
    tutor_client = login(log.tutor, on=app.test_client())
    tutor_client.get(f"/pupils/{log.tom.id}")
    login(log.admin)
    rows = _read(client, pupil=log.tom.id)
    assert rows.count(("Tina Tutor", "pupil record opened", "Tomasz Nowak")) == 1
    # Newest first.
    assert rows[0] == ("Tina Tutor", "pupil record opened", "Tomasz Nowak")


def test_sign_ins_and_failures_reach_the_log(app, client, login, log):
    from tests.factories import PASSWORD

    device = app.test_client()
    device.post("/sign-in", data={"identifier": "ttutor", "password": "wrong one!"})
    device.post("/sign-in", data={"identifier": "ttutor", "password": PASSWORD})
    login(log.admin)
    response = client.get("/admin/audit", query_string={"person": log.tutor.id})
    rows = _rows(response.text)
    assert rows[0][:2] == ("Tina Tutor", "sign in")
    assert rows[1][:2] == ("Tina Tutor", "sign in failed")
    assert "identifier: ttutor" in response.text


def test_the_log_is_paged(client, login, log):
    for _ in range(PAGE_SIZE + 5):
        record("pupil_record_opened", actor=log.leader, pupil=log.maya)
    db.session.commit()
    login(log.admin)
    first = client.get("/admin/audit", query_string={"person": log.leader.id})
    assert len(_rows(first.text)) == PAGE_SIZE
    assert "Older" in first.text
    second = _read(client, person=log.leader.id, page=2)
    assert len(second) == 6  # the five extra and the fixture's one
    assert _read(client, person=log.leader.id, page=99) == []


def test_bad_filter_values_are_ignored_not_errors(client, login, log):
    login(log.admin)
    everything = _read(client)
    assert len(everything) == 5
    for params in ({"pupil": "abc"}, {"person": "1; drop"}, {"page": "x"}, {"page": "-3"}):
        response = client.get("/admin/audit", query_string=params)
        assert response.status_code == 200, params
        assert _rows(response.text) == everything, params  # as if the value were not there
    # A bad value beside a good one: the good filter still applies.
    rows = _read(client, pupil="abc", person=log.tutor.id)
    assert {r[0] for r in rows} == {"Tina Tutor"} and len(rows) == 2
