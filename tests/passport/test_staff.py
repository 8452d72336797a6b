"""Staff read a pupil's saved entries when the pupil is in their scope; each opening is audited."""

from __future__ import annotations

from sqlalchemy import select

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db


def events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_the_pupils_tutor_reads_the_timeline_and_it_is_audited(client, login, pupil, tutor, make):
    entry = make.entry(pupil, organisation="Riverside Hospital")
    login(tutor)
    response = client.get(f"/pupils/{pupil.id}/timeline")
    assert response.status_code == 200
    assert "Riverside Hospital" in response.text
    assert f"/pupils/{pupil.id}/entries/{entry.id}" in response.text
    [event] = events("pupil_timeline_opened")
    assert event.actor_id == tutor.id and event.pupil_id == pupil.id


def test_the_pupils_tutor_reads_an_entry_and_it_is_audited(client, login, pupil, tutor, make):
    entry = make.entry(pupil, what_i_learned="Nurses work *shifts*.")
    login(tutor)
    response = client.get(f"/pupils/{pupil.id}/entries/{entry.id}")
    assert response.status_code == 200
    assert "<em>shifts</em>" in response.text
    assert "Written by the pupil" in response.text
    assert "Change this entry" not in response.text
    [event] = events("pupil_entry_opened")
    assert (event.actor_id, event.pupil_id, event.detail) == (
        tutor.id,
        pupil.id,
        {"entry_id": entry.id},
    )


def test_staff_do_not_see_drafts(client, login, pupil, tutor, make):
    draft = make.entry(pupil, organisation="Unfinished", state="draft")
    login(tutor)
    assert "Unfinished" not in client.get(f"/pupils/{pupil.id}/timeline").text
    assert client.get(f"/pupils/{pupil.id}/entries/{draft.id}").status_code == 404


def test_staff_outside_scope_get_not_found(client, login, pupil, school, make):
    entry = make.entry(pupil)
    other_tutor = make.user(school, Role.TUTOR)
    make.group(school, "11P", tutors=[other_tutor])
    elsewhere = make.user(make.school("Elsewhere"), Role.CAREERS_LEADER)
    for person in (other_tutor, elsewhere):
        login(person)
        assert client.get(f"/pupils/{pupil.id}/timeline").status_code == 404
        assert client.get(f"/pupils/{pupil.id}/entries/{entry.id}").status_code == 404
    assert events("pupil_timeline_opened") == events("pupil_entry_opened") == []


def test_an_entry_must_belong_to_the_pupil_in_the_address(client, login, pupil, school, make):
    other = make.pupil(school, first="Tom")
    theirs = make.entry(other)
    leader = make.user(school, Role.CAREERS_LEADER)
    login(leader)
    assert client.get(f"/pupils/{pupil.id}/entries/{theirs.id}").status_code == 404
    assert client.get(f"/pupils/{other.id}/entries/{theirs.id}").status_code == 200


def test_pupils_and_family_are_refused(client, login, pupil, school, make):
    entry = make.entry(pupil)
    family = make.user(school, Role.FAMILY)
    for person in (pupil.user, family):
        login(person)
        assert client.get(f"/pupils/{pupil.id}/timeline").status_code == 403
        assert client.get(f"/pupils/{pupil.id}/entries/{entry.id}").status_code == 403
