"""Skills: the eight Skills Builder skills in our own words, rated by the pupil as a history
with evidence, and read by staff (audited)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from journal.passport.plans import operations as plans_operations
from journal.passport.plans import queries as plans_queries
from journal.passport.plans.models import SkillRating
from journal.reference.skills import BANDS, SKILLS, STEPS, band_name, descriptor
from tests.support import counting_queries

NAMES = (
    "Listening",
    "Speaking",
    "Problem Solving",
    "Creativity",
    "Staying Positive",
    "Aiming High",
    "Leadership",
    "Teamwork",
)


def ratings_of(pupil) -> list[SkillRating]:
    db.session.expire_all()
    query = select(SkillRating).where(SkillRating.pupil_id == pupil.id).order_by(SkillRating.id)
    return list(db.session.scalars(query))


def events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def rate(pupil, skill="listening", step=5, **kwargs):
    rating = plans_operations.rate_skill(
        pupil,
        skill,
        step,
        kwargs.get("note", ""),
        kwargs.get("evidence_ids", []),
        pupil.user,
    )
    db.session.commit()
    return rating


# --- the data -------------------------------------------------------------------------------


def test_the_eight_skills_each_have_sixteen_distinct_steps_in_plain_words():
    assert tuple(skill.name for skill in SKILLS.values()) == NAMES
    for skill in SKILLS.values():
        steps = [descriptor(skill.code, n) for n in STEPS]
        assert len(steps) == 16, skill.name
        assert len(set(steps)) == 16, f"{skill.name} repeats a step"
        assert all(s.startswith("I can ") and s.endswith(".") for s in steps), skill.name
        assert all(len(s) <= 100 for s in steps), f"{skill.name}: keep each step short"
        assert skill.meaning


def test_steps_fall_into_three_bands():
    assert [band.steps for band in BANDS] == [range(0, 6), range(6, 11), range(11, 16)]
    assert (band_name(0), band_name(5), band_name(6), band_name(15)) == (
        "Starting out",
        "Starting out",
        "Getting stronger",
        "Going further",
    )
    for bad in (-1, 16):
        with pytest.raises(IndexError):
            descriptor("listening", bad)
        with pytest.raises(IndexError):
            band_name(bad)


# --- the pupil's pages ------------------------------------------------------------------------


def test_the_skills_page_lists_every_skill_not_yet_rated(client, login, pupil):
    login(pupil.user)
    response = client.get("/passport/skills")
    assert response.status_code == 200
    assert "My skills" in response.text
    for name in NAMES:
        assert name in response.text
    assert response.text.count("Not rated yet.") == 8
    assert "/passport/skills/problem_solving/rate" in response.text


def test_the_rate_page_offers_every_step_grouped_and_only_saved_entries(client, login, pupil, make):
    saved = make.entry(pupil, organisation="Riverside Hospital")
    make.entry(pupil, organisation="Half-written draft", state="draft")
    login(pupil.user)
    response = client.get("/passport/skills/teamwork/rate")
    assert response.status_code == 200
    assert response.text.count('type="radio"') == 16
    assert response.text.count('name="step"') == 16
    for n in STEPS:
        assert descriptor("teamwork", n).replace("'", "&#39;") in response.text
    for band in BANDS:
        assert f'aria-labelledby="band-{band.code}"' in response.text
    assert "What shows this?" in response.text
    assert f'value="{saved.id}"' in response.text
    assert "Riverside Hospital" in response.text
    assert "Half-written draft" not in response.text


def test_rating_a_skill_keeps_every_rating_and_shows_growth(client, login, pupil, make):
    entry = make.entry(pupil, organisation="City Farm")
    login(pupil.user)
    response = client.post(
        "/passport/skills/listening/rate",
        data={"step": "3", "note": "I listened to the **farmer**.", "evidence": [str(entry.id)]},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/passport/skills#listening")
    [first] = ratings_of(pupil)
    assert (first.skill, first.step, first.note, first.author_id, first.source) == (
        "listening",
        3,
        "I listened to the **farmer**.",
        pupil.user_id,
        "pupil",
    )
    assert [e.id for e in first.evidence] == [entry.id]

    client.post("/passport/skills/listening/rate", data={"step": "7"})
    first_again, second = ratings_of(pupil)
    assert (first_again.id, first_again.step, first_again.note) == (first.id, 3, first.note)
    assert second.step == 7 and second.evidence == []

    page = client.get("/passport/skills")
    assert "Saved: Listening, step 7." in page.text
    assert "Step 7 of 15" in page.text
    assert descriptor("listening", 7) in page.text
    assert "First rating: step 3" in page.text and "Up 4 steps." in page.text
    assert "Earlier ratings (1)" in page.text
    assert page.text.count("Not rated yet.") == 7


def test_the_rate_page_starts_from_the_last_step(client, login, pupil):
    rate(pupil, "creativity", 9)
    login(pupil.user)
    text = client.get("/passport/skills/creativity/rate").text
    assert "you chose step 9" in text
    assert '<input checked id="step-9"' in text
    assert text.count("checked") == 1


def test_the_history_page_shows_every_rating_with_its_evidence(client, login, pupil, make):
    entry = make.entry(pupil, organisation="City Farm")
    rate(pupil, "speaking", 2, note="Spoke in *assembly*.", evidence_ids=[entry.id])
    rate(pupil, "speaking", 6)
    login(pupil.user)
    response = client.get("/passport/skills/speaking")
    assert response.status_code == 200
    text = response.text
    assert text.index("Step 6 (now)") < text.index("Step 2")
    assert "<em>assembly</em>" in text
    assert f'href="/passport/entries/{entry.id}"' in text
    assert "City Farm" in text
    assert "Written by you" in text


def test_another_pupils_entry_or_a_draft_cannot_be_cited(client, login, pupil, school, make):
    mine = make.entry(pupil)
    my_draft = make.entry(pupil, state="draft")
    theirs = make.entry(make.pupil(school, first="Tom"))
    login(pupil.user)
    response = client.post(
        "/passport/skills/teamwork/rate",
        data={
            "step": "4",
            "evidence": [str(mine.id), str(my_draft.id), str(theirs.id), "999999", "abc"],
        },
    )
    assert response.status_code == 302
    [rating] = ratings_of(pupil)
    assert [e.id for e in rating.evidence] == [mine.id]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose the step that fits you best."),
        ({"step": "16"}, "Choose a step from 0 to 15."),
        ({"step": "-1"}, "Choose a step from 0 to 15."),
        ({"step": "three"}, "Choose a step from 0 to 15."),
    ],
)
def test_a_step_outside_0_to_15_is_refused_and_the_note_kept(client, login, pupil, data, message):
    login(pupil.user)
    typed = "I led the *team* at the fair."
    response = client.post("/passport/skills/leadership/rate", data=data | {"note": typed})
    assert response.status_code == 422
    assert message in response.text
    assert 'class="error"' in response.text
    assert "I led the *team* at the fair." in response.text
    assert ratings_of(pupil) == []


def test_an_over_long_note_is_refused(client, login, pupil):
    login(pupil.user)
    response = client.post(
        "/passport/skills/leadership/rate", data={"step": "4", "note": "x" * 2001}
    )
    assert response.status_code == 422
    assert "Please keep this under 2000 characters." in response.text
    assert ratings_of(pupil) == []


def test_a_note_with_a_script_is_shown_inert(client, login, pupil):
    rate(pupil, "teamwork", 3, note='<script>alert("x")</script> [me](javascript:alert(1))')
    login(pupil.user)
    text = client.get("/passport/skills/teamwork").text
    assert "<script>alert" not in text
    assert "&lt;script&gt;" in text
    assert "javascript:" not in text


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/passport/skills/juggling"),
        ("GET", "/passport/skills/juggling/rate"),
        ("POST", "/passport/skills/juggling/rate"),
    ],
)
def test_an_unknown_skill_is_not_found(client, login, pupil, method, url):
    login(pupil.user)
    assert client.open(url, method=method, data={"step": "3"}).status_code == 404
    assert ratings_of(pupil) == []


def test_the_operation_refuses_unknown_skills_and_steps(pupil):
    for skill, step in (("juggling", 3), ("listening", 16), ("listening", -1)):
        with pytest.raises(ValueError):
            plans_operations.rate_skill(pupil, skill, step, "", [], pupil.user)


def test_latest_ratings_takes_one_query(pupil):
    rate(pupil, "listening", 2)
    rate(pupil, "listening", 5)
    rate(pupil, "teamwork", 8)
    db.session.refresh(pupil)
    with counting_queries() as statements:
        latest = plans_queries.latest_ratings(pupil)
    assert len(statements) == 1
    assert {skill: r.step for skill, r in latest.items()} == {"listening": 5, "teamwork": 8}


# --- query counts -----------------------------------------------------------------------------


def statements_for(client, url: str) -> int:
    with counting_queries() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def add_ratings(pupil, n: int, entry=None) -> None:
    codes = list(SKILLS)
    for i in range(n):
        ids = [entry.id] if entry else []
        plans_operations.rate_skill(pupil, codes[i % len(codes)], i % 16, "", ids, pupil.user)
    db.session.commit()


def test_the_skills_pages_do_not_grow_with_ratings(client, login, pupil, tutor, make):
    entry = make.entry(pupil)
    add_ratings(pupil, 2, entry)
    login(pupil.user)
    pages = ("/passport/skills", "/passport/skills/listening", "/passport/skills/listening/rate")
    with_2 = [statements_for(client, url) for url in pages]
    add_ratings(pupil, 18, entry)
    with_20 = [statements_for(client, url) for url in pages]
    assert with_2 == with_20

    login(tutor)
    staff_2 = statements_for(client, f"/pupils/{pupil.id}/skills")
    add_ratings(pupil, 20)
    assert statements_for(client, f"/pupils/{pupil.id}/skills") == staff_2


# --- staff ------------------------------------------------------------------------------------


def test_the_pupils_tutor_reads_skills_and_it_is_audited(client, login, pupil, tutor, make):
    entry = make.entry(pupil, organisation="City Farm")
    rate(pupil, "aiming_high", 10, note="Set a goal.", evidence_ids=[entry.id])
    login(tutor)
    response = client.get(f"/pupils/{pupil.id}/skills")
    assert response.status_code == 200
    assert "Maya Smith&#39;s skills" in response.text
    assert "Step 10 of 15" in response.text
    assert "Rate my" not in response.text
    [event] = events("pupil_skills_opened")
    assert (event.actor_id, event.pupil_id) == (tutor.id, pupil.id)

    history = client.get(f"/pupils/{pupil.id}/skills/aiming_high")
    assert history.status_code == 200
    assert f'href="/pupils/{pupil.id}/entries/{entry.id}"' in history.text
    assert "Written by the pupil" in history.text
    [event] = events("pupil_skill_history_opened")
    assert event.detail == {"skill": "aiming_high"}
    assert client.get(f"/pupils/{pupil.id}/skills/juggling").status_code == 404


def test_staff_of_another_school_get_not_found(client, login, pupil, make):
    elsewhere = make.user(make.school("Elsewhere"), Role.CAREERS_LEADER)
    login(elsewhere)
    assert client.get(f"/pupils/{pupil.id}/skills").status_code == 404
    assert client.get(f"/pupils/{pupil.id}/skills/listening").status_code == 404
    assert events("pupil_skills_opened") == events("pupil_skill_history_opened") == []


def test_pupils_and_family_cannot_open_the_staff_pages(client, login, pupil, school, make):
    other = make.pupil(school, first="Tom")
    family = make.user(school, Role.FAMILY)
    for person in (pupil.user, other.user, family):
        login(person)
        assert client.get(f"/pupils/{pupil.id}/skills").status_code == 403
        assert client.get(f"/pupils/{pupil.id}/skills/listening").status_code == 403
    for person in (family, make.user(school, Role.TUTOR)):
        login(person)
        assert client.get("/passport/skills").status_code == 403
        assert client.post("/passport/skills/listening/rate", data={"step": "3"}).status_code == 403
    assert ratings_of(pupil) == []
