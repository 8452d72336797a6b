"""The vocational profile ("all about me"): six optional answers, saved as versions that are
never overwritten, and read by staff (audited)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from journal.passport.plans import operations as plans_operations
from journal.passport.plans import queries as plans_queries
from journal.passport.plans.models import ProfileVersion
from tests.support import counting_queries

EMPTY = {
    "interests": "",
    "strengths": "",
    "what_helps": "",
    "what_is_hard": "",
    "ideal_workplace": "",
    "for_employers": "",
}


def versions_in_db(pupil) -> list[ProfileVersion]:
    db.session.expire_all()
    query = select(ProfileVersion).where(ProfileVersion.pupil_id == pupil.id)
    return list(db.session.scalars(query.order_by(ProfileVersion.id)))


def events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def save(pupil, **answers):
    version = plans_operations.save_profile(pupil, EMPTY | answers, pupil.user)
    db.session.commit()
    return version


def test_an_empty_profile_invites_the_pupil_to_fill_it_in(client, login, pupil):
    login(pupil.user)
    response = client.get("/passport/profile")
    assert response.status_code == 200
    assert "<h1>All about me</h1>" in response.text
    assert "You have not filled this in yet." in response.text
    assert 'href="/passport/profile/edit"' in response.text
    form = client.get("/passport/profile/edit")
    assert form.status_code == 200
    for question in (
        "My interests",
        "What I am good at",
        "What helps me",
        "What I find hard",
        "My ideal workplace",
        "What I want employers to know",
    ):
        assert question in form.text
    assert "Quiet or busy?" in form.text


def test_saving_keeps_every_version_and_skips_an_unchanged_save(client, login, pupil):
    login(pupil.user)
    response = client.post(
        "/passport/profile/edit", data={"interests": "Animals and *drawing*", "strengths": ""}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/passport/profile"
    )
    [first] = versions_in_db(pupil)
    assert first.content == EMPTY | {"interests": "Animals and *drawing*"}
    assert (first.author_id, first.source) == (pupil.user_id, "pupil")

    client.post("/passport/profile/edit", data={"interests": "Animals and *drawing*  "})
    assert "Nothing changed." in client.get("/passport/profile").text
    assert len(versions_in_db(pupil)) == 1

    edit = client.get("/passport/profile/edit").text
    assert "Animals and *drawing*</textarea>" in edit
    client.post(
        "/passport/profile/edit",
        data={"interests": "Animals and *drawing*", "ideal_workplace": "Quiet, outdoors."},
    )
    first_again, second = versions_in_db(pupil)
    assert first_again.content == first.content
    assert second.content["ideal_workplace"] == "Quiet, outdoors."

    page = client.get("/passport/profile").text
    assert "Saved. Your earlier version is kept too." in page
    assert "Last changed" in page
    assert "<em>drawing</em>" in page and "Quiet, outdoors." in page
    assert "Not filled in yet." in page
    assert 'href="/passport/profile/history"' in page
    history = client.get("/passport/profile/history").text
    assert history.count("<section") == 2 and "(now)" in history


def test_a_profile_with_one_version_has_no_earlier_versions_link(client, login, pupil):
    save(pupil, strengths="Kind")
    login(pupil.user)
    assert "/passport/profile/history" not in client.get("/passport/profile").text


def test_a_profile_with_nothing_in_it_is_refused(client, login, pupil):
    login(pupil.user)
    response = client.post("/passport/profile/edit", data={"interests": "  ", "strengths": ""})
    assert response.status_code == 422
    assert "Write something in at least one box before you save." in response.text
    assert 'id="interests-error"' in response.text
    assert versions_in_db(pupil) == []
    with pytest.raises(ValueError):
        plans_operations.save_profile(pupil, EMPTY, pupil.user)


def test_an_over_long_answer_is_refused_and_what_was_typed_kept(client, login, pupil):
    login(pupil.user)
    response = client.post(
        "/passport/profile/edit",
        data={"interests": "Cars", "what_helps": "z" * 2001, "for_employers": "I need time."},
    )
    assert response.status_code == 422
    assert "Please keep this under 2000 characters." in response.text
    assert 'id="what_helps-error"' in response.text
    assert "Cars</textarea>" in response.text and "I need time.</textarea>" in response.text
    assert versions_in_db(pupil) == []


def test_a_script_in_an_answer_is_shown_inert(client, login, pupil):
    save(pupil, interests="<script>alert(1)</script> [x](javascript:alert(2))")
    login(pupil.user)
    text = client.get("/passport/profile").text
    assert "<script>alert" not in text and "javascript:" not in text
    assert "&lt;script&gt;" in text


def test_reads_do_not_grow_with_versions(client, login, pupil, tutor):
    def add(n, start):
        for i in range(start, start + n):
            plans_operations.save_profile(pupil, EMPTY | {"interests": f"v{i}"}, pupil.user)
        db.session.commit()

    def count(url):
        with counting_queries() as statements:
            assert client.get(url).status_code == 200
        return len(statements)

    add(2, 0)
    login(pupil.user)
    with_2 = count("/passport/profile")
    add(18, 2)
    assert count("/passport/profile") == with_2
    db.session.refresh(pupil)
    assert plans_queries.current_profile(pupil).content["interests"] == "v19"
    assert [v.content["interests"] for v in plans_queries.profile_versions(pupil, limit=2)] == [
        "v19",
        "v18",
    ]


# --- staff ------------------------------------------------------------------------------------


def test_staff_read_the_profile_and_it_is_audited(client, login, pupil, tutor):
    save(pupil, what_helps="Written *instructions*.")
    save(pupil, what_helps="Written *instructions* and a quiet room.")
    login(tutor)
    response = client.get(f"/pupils/{pupil.id}/profile")
    assert response.status_code == 200
    assert "All about Maya Smith" in response.text
    assert "What helps them" in response.text and "a quiet room" in response.text
    assert "Change all about me" not in response.text
    assert f'href="/pupils/{pupil.id}/profile/history"' in response.text
    [event] = events("pupil_profile_opened")
    assert (event.actor_id, event.pupil_id) == (tutor.id, pupil.id)
    history = client.get(f"/pupils/{pupil.id}/profile/history")
    assert history.status_code == 200 and history.text.count("<section") == 2
    assert len(events("pupil_profile_history_opened")) == 1


def test_staff_of_another_school_get_not_found(client, login, pupil, make):
    login(make.user(make.school("Elsewhere"), Role.CAREERS_ADVISER))
    assert client.get(f"/pupils/{pupil.id}/profile").status_code == 404
    assert client.get(f"/pupils/{pupil.id}/profile/history").status_code == 404
    assert events("pupil_profile_opened") == events("pupil_profile_history_opened") == []


def test_pupils_and_family_cannot_open_the_staff_pages(client, login, pupil, school, make):
    other = make.pupil(school, first="Tom")
    family = make.user(school, Role.FAMILY)
    for person in (pupil.user, other.user, family):
        login(person)
        assert client.get(f"/pupils/{pupil.id}/profile").status_code == 403
        assert client.get(f"/pupils/{pupil.id}/profile/history").status_code == 403
    unlinked = make.user(school, Role.PUPIL)  # a pupil account with no pupil record
    for person in (family, unlinked):
        login(person)
        assert client.get("/passport/profile").status_code == 403
        assert client.post("/passport/profile/edit", data={"interests": "x"}).status_code == 403
    assert versions_in_db(pupil) == []
