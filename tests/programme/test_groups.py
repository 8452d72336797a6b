"""Custom groups: by a filter (following the roster) or picked by name with a search; edit,
archive and restore; careers staff manage them, tutors only look."""

from __future__ import annotations

from sqlalchemy import select

from journal.cohort.models import CustomGroup, CustomGroupPupil
from journal.extensions import db

from .support import audit_actions


def _group(name: str) -> CustomGroup:
    db.session.expire_all()
    return db.session.scalar(select(CustomGroup).where(CustomGroup.name == name))


def test_a_filter_group_lists_its_members_and_follows_the_roster(client, login, make, s):
    login(s.leader)
    response = client.post(
        "/programme/groups/new",
        data={"name": "Year 11 with an EHCP", "kind": "filter", "year": "11", "sen": "E"},
    )
    group = _group("Year 11 with an EHCP")
    assert response.status_code == 302 and group.definition == {
        "year_groups": [11],
        "sen_statuses": ["E"],
    }
    page = client.get(f"/programme/groups/{group.id}").text
    assert "1 pupil now" in page and "Ida Z" in page and "Jo Z" not in page
    make.pupil(s.school, s.eleven, first="Kit", year_group=11, sen_status="E")
    db.session.commit()
    assert "2 pupils now" in client.get(f"/programme/groups/{group.id}").text
    assert "2 pupils now" in client.get("/programme/groups").text
    assert "custom_group_saved" in audit_actions()


def test_a_group_name_is_needed_and_unique(client, login, s):
    login(s.leader)
    client.post("/programme/groups/new", data={"name": "Girls", "kind": "filter"})
    response = client.post("/programme/groups/new", data={"name": "Girls", "kind": "filter"})
    assert response.status_code == 422 and "already a group with this name" in response.text
    response = client.post("/programme/groups/new", data={"name": "", "kind": "filter"})
    assert response.status_code == 422 and "Give the group a name." in response.text


def test_a_picked_group_is_made_by_searching_and_ticking(client, login, s):
    login(s.leader)
    client.post("/programme/groups/new", data={"name": "Engineers", "kind": "picked"})
    group = _group("Engineers")
    page = client.get(f"/programme/groups/{group.id}?q=ava").text
    assert 'name="add"' in page and "Ava Y0" in page
    ava, ben = s.year10[0], s.year10[1]
    client.post(f"/programme/groups/{group.id}/pupils", data={"add": [ava.id, ben.id]})
    assert "2 pupils now" in client.get(f"/programme/groups/{group.id}").text
    client.post(f"/programme/groups/{group.id}/pupils", data={"remove": [ben.id]})
    db.session.expire_all()
    assert set(db.session.scalars(select(CustomGroupPupil.pupil_id))) == {ava.id}


def test_a_foreign_pupil_cannot_be_picked(client, login, make, s):
    elsewhere = make.school("Elsewhere")
    stranger = make.pupil(elsewhere, make.group(elsewhere, "10X"), first="Rita")
    db.session.commit()
    login(s.leader)
    client.post("/programme/groups/new", data={"name": "Mixed", "kind": "picked"})
    group = _group("Mixed")
    client.post(f"/programme/groups/{group.id}/pupils", data={"add": [stranger.id]})
    assert db.session.scalar(select(CustomGroupPupil.pupil_id)) is None


def test_archive_and_restore(client, login, s):
    login(s.leader)
    client.post("/programme/groups/new", data={"name": "Old", "kind": "filter", "year": "10"})
    group = _group("Old")
    client.post(f"/programme/groups/{group.id}/archive")
    assert _group("Old").archived_at is not None
    page = client.get("/programme/new").text
    assert ">Old<" not in page  # archived groups are not offered for activities
    client.post(f"/programme/groups/{group.id}/archive")
    assert _group("Old").archived_at is None


def test_tutors_see_groups_but_do_not_manage_them(client, login, s):
    login(s.leader)
    client.post("/programme/groups/new", data={"name": "Y10", "kind": "filter", "year": "10"})
    group = _group("Y10")
    login(s.tutor)
    page = client.get(f"/programme/groups/{group.id}").text
    assert "5 pupils now" in page  # only the tutor's own pupils are listed
    assert "Change the group" not in page
    assert client.get("/programme/groups/new").status_code == 403
    assert client.post(f"/programme/groups/{group.id}", data={"name": "X"}).status_code == 403
    assert client.post(f"/programme/groups/{group.id}/archive").status_code == 403


def test_renaming_a_group_to_a_name_in_use_is_refused(client, login, s):
    login(s.leader)
    client.post("/programme/groups/new", data={"name": "First", "kind": "filter"})
    client.post("/programme/groups/new", data={"name": "Second", "kind": "filter"})
    second = _group("Second")
    response = client.post(f"/programme/groups/{second.id}", data={"name": "First", "year": "10"})
    assert response.status_code == 422 and "already a group with this name" in response.text
    response = client.post(f"/programme/groups/{second.id}", data={"name": "Second", "year": "10"})
    assert response.status_code == 302 and _group("Second").definition == {"year_groups": [10]}
