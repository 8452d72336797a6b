"""The family home and a shared entry: only what the pupil shares with family, the journey,
skills then and now, aspirations then and now, the family's actions (markable as done),
read-only entries, every view audited, and a fixed number of queries."""

from __future__ import annotations

import uuid
from datetime import timedelta

from journal.calendar import today
from journal.extensions import db
from journal.guidance import operations as guidance
from journal.guidance.models import Action
from journal.passport.entries import operations as passport
from journal.passport.plans.operations import add_aspiration, rate_skill
from tests.support import audit_actions, counting_queries

THIS_YEAR = today() - timedelta(days=3)


def entry(make, pupil, organisation, *, shared=True, state="submitted", on=THIS_YEAR):
    made = make.entry(pupil, state=state, occurred_on=on, organisation=organisation)
    made.shared_with_family = shared
    db.session.commit()
    return made


def workplace(pupil, employer, *, on=THIS_YEAR):
    made, _ = passport.record_entry(
        pupil,
        kind="workplace",
        client_id=str(uuid.uuid4()),
        content={
            "placement_kind": "placement",
            "employer": employer,
            "occurred_on": on.isoformat(),
        },
        state="submitted",
        author=pupil.user,
    )
    db.session.commit()
    return made


def action(adviser, pupil, what, owner_kind="family", visibility="pupil_family"):
    made = guidance.add_action(
        pupil,
        guidance.NewAction(what, owner_kind, owner_name="X"),
        by=adviser,
        visibility=visibility,
    )
    db.session.commit()
    return made


def test_home_shows_only_what_the_pupil_shares(client, login, make, adviser, parent, linked, pupil):
    linked(pupil)
    shared = entry(make, pupil, "Riverside Hospital")
    entry(make, pupil, "Secret Clinic", shared=False)
    entry(make, pupil, "Draft Dentist", state="draft")
    entry(make, pupil, "Old Farm", on=THIS_YEAR - timedelta(days=400))
    workplace(pupil, "City Vets")
    action(adviser, pupil, "Talk about travel to college")
    action(adviser, pupil, "Go to the open evening", owner_kind="pupil")
    action(adviser, pupil, "Staff secret action", visibility="staff")
    action(adviser, pupil, "Pupil only action", visibility="pupil")
    login(parent)
    home = client.get("/").text
    assert "Riverside Hospital" in home and "City Vets" in home
    assert f"/family/children/{pupil.id}/entries/{shared.id}" in home
    for hidden in ("Secret Clinic", "Draft Dentist", "Old Farm", "Staff secret", "Pupil only"):
        assert hidden not in home
    assert "Talk about travel to college" in home and "Go to the open evening" in home
    assert "We have done this" in home  # only on the family's own action
    assert home.count("We have done this<") == 1
    assert "Careers journey" in home and "Meet an employer this year" in home
    viewed = audit_actions("family_viewed")
    assert [(e.pupil_id, e.detail["page"]) for e in viewed] == [(pupil.id, "home")]


def test_skills_and_aspirations_then_and_now(client, login, parent, linked, pupil):
    linked(pupil)
    for step in (3, 5, 7):
        rate_skill(pupil, "listening", step, "", [], pupil.user)
    rate_skill(pupil, "teamwork", 9, "", [], pupil.user)
    add_aspiration(pupil, "Be a vet", "I like animals", pupil.user)
    add_aspiration(pupil, "Something in between", "", pupil.user)
    add_aspiration(pupil, "Animal care course at college", "Hands on", pupil.user)
    db.session.commit()
    login(parent)
    home = client.get("/").text
    assert '<svg class="skills-chart"' in home and 'role="img"' in home
    table = home.split('<table class="skills-table">')[1].split("</table>")[0]
    listening = table.split("Listening</th>")[1].split("</tr>")[0]
    assert [c.split("</td>")[0] for c in listening.split("<td>")[1:]] == ["3", "7", "Up 4"]
    assert "Teamwork</th>" in table and "Rated once" in table and "Speaking" not in table
    assert "Be a vet" in home and "Animal care course at college" in home
    assert "Something in between" not in home


def test_a_shared_entry_opens_read_only(client, login, make, parent, linked, pupil):
    linked(pupil)
    shared = entry(make, pupil, "Riverside Hospital")
    login(parent)
    page = client.get(f"/family/children/{pupil.id}/entries/{shared.id}")
    assert page.status_code == 200
    assert "Riverside Hospital" in page.text and "Listened to a nurse" in page.text
    assert "/edit" not in page.text
    assert audit_actions("family_viewed")[-1].detail == {"page": "entry", "entry_id": shared.id}
    edit = client.post(f"/passport/entries/{shared.id}/edit", data={"what_i_did": "Changed"})
    assert edit.status_code in (403, 404)
    db.session.expire_all()
    assert shared.content["what_i_did"] == "Listened to a nurse talk about her job."


def test_private_draft_and_other_childrens_entries_are_not_found(
    client, login, make, parent, linked, pupil, sibling
):
    linked(pupil)
    private = entry(make, pupil, "Secret Clinic", shared=False)
    draft = entry(make, pupil, "Draft Dentist", state="draft")
    unlinked = entry(make, sibling, "Ravi's visit")
    login(parent)
    for url in (
        f"/family/children/{pupil.id}/entries/{private.id}",
        f"/family/children/{pupil.id}/entries/{draft.id}",
        f"/family/children/{pupil.id}/entries/{unlinked.id}",
        f"/family/children/{sibling.id}/entries/{unlinked.id}",
    ):
        assert client.get(url).status_code == 404, url


def test_the_family_marks_their_action_done(client, login, adviser, parent, linked, pupil):
    linked(pupil)
    ours = action(adviser, pupil, "Talk about travel")
    theirs = action(adviser, pupil, "Go to the open evening", owner_kind="pupil")
    login(parent)
    done = client.post(f"/family/children/{pupil.id}/actions/{ours.id}/done")
    assert done.status_code == 302
    refused = client.post(f"/family/children/{pupil.id}/actions/{theirs.id}/done")
    assert refused.status_code == 403
    db.session.expire_all()
    assert db.session.get(Action, ours.id).status == "done"
    assert db.session.get(Action, ours.id).status_changed_by_id == parent.id
    assert db.session.get(Action, theirs.id).status == "open"
    changed = audit_actions("guidance_action_status_changed")
    assert [(e.actor_id, e.detail["after"]) for e in changed] == [(parent.id, "done")]
    assert "We have done this" not in client.get("/").text


def test_home_queries_do_not_grow_with_the_records(
    client, login, make, adviser, parent, linked, pupil, sibling
):
    linked(pupil)
    linked(sibling, "Dad")

    def add(n: int) -> None:
        for child in (pupil, sibling):
            for i in range(n):
                entry(make, child, f"Place {i}")
                action(adviser, child, f"Thing {i}")
                rate_skill(child, "listening", i % 16, "", [], child.user)
                add_aspiration(child, f"Idea {i}", "", child.user)
            workplace(child, f"Employer {n}")
        db.session.commit()

    add(1)
    login(parent)
    with counting_queries() as few:
        assert client.get("/").status_code == 200
    add(15)
    with counting_queries() as many:
        page = client.get("/")
    assert page.status_code == 200 and "Ravi" in page.text and "Place 14" in page.text
    assert len(many) == len(few)
    assert len(few) <= 25, few


def test_pupils_see_who_is_linked(client, login, parent, linked, pupil, sibling):
    linked(pupil)
    login(pupil.user)
    page = client.get("/account/family")
    assert page.status_code == 200 and "Kim Patel" in page.text and "(Mum)" in page.text
    assert "/account/family" in client.get("/account").text
    login(sibling.user)
    assert "Kim Patel" not in client.get("/account/family").text


def test_an_unlinked_family_member_sees_how_to_link(client, login, parent):
    login(parent)
    home = client.get("/").text
    assert "not linked" in home and "/family/join" in home
    assert client.get("/family/join").status_code == 200


def test_views_are_audited_per_child(client, login, parent, linked, pupil, sibling):
    linked(pupil)
    linked(sibling)
    login(parent)
    client.get("/")
    viewed = audit_actions("family_viewed")
    assert sorted(e.pupil_id for e in viewed) == sorted([pupil.id, sibling.id])
    assert all(e.actor_id == parent.id for e in viewed)
