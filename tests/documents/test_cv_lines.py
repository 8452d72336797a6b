"""CV lines suggested from the passport: the wording comes from what the pupil wrote, and only
the pupil's own saved entries are ever offered or added."""

from __future__ import annotations

import uuid

import pytest

from journal.accounts.roles import Role
from journal.documents import cv
from journal.extensions import db
from journal.passport.entries import operations
from journal.passport.plans import operations as plans_operations


@pytest.fixture
def school(make):
    return make.school("Riverside")


@pytest.fixture
def tutor(make, school):
    return make.user(school, Role.TUTOR)


@pytest.fixture
def group(make, school, tutor):
    return make.group(school, "10H", tutors=[tutor])


@pytest.fixture
def pupil(make, school, group):
    return make.pupil(school, group, first="Maya")


@pytest.fixture
def other_pupil(make, school, group):
    return make.pupil(school, group, first="Tom")


def record(pupil, kind: str, state: str = "submitted", parent=None, **content):
    entry, _ = operations.record_entry(
        pupil,
        kind=kind,
        client_id=str(uuid.uuid4()),
        content=content,
        state=state,
        author=pupil.user,
        parent=parent,
    )
    return entry


def workplace(pupil, state: str = "submitted", **content):
    fields = {
        "placement_kind": "placement",
        "employer": "Riverside Vets",
        "role": "veterinary assistant",
        "occurred_on": "2026-06-08",
        "ends_on": "2026-06-12",
        "what_i_did": "I cleaned the kennels and **fed** the dogs",
        "what_i_learned": "Vets work long days.",
    }
    return record(pupil, "workplace", state, **(fields | content))


def achievement(pupil, state: str = "submitted", **content):
    fields = {
        "achievement_kind": "certificate",
        "title": "First aid certificate",
        "awarded_by": "St John Ambulance",
        "occurred_on": "2026-03-02",
        "what_i_did": "I did a day's course.",
        "what_i_learned": "I stay calm when someone is hurt.",
    }
    return record(pupil, "achievement", state, **(fields | content))


def test_a_workplace_experience_becomes_a_line_in_the_pupils_words(pupil):
    entry = workplace(pupil)
    line = cv.line_for(entry)
    assert line == {
        "entry_id": entry.id,
        "heading": "Veterinary assistant, Riverside Vets",
        "when": "June 2026",
        "text": "I cleaned the kennels and fed the dogs. Vets work long days.",
    }
    assert cv.section_for(entry) == "experience"


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2026-10-05", "", "October 2026"),
        ("2026-10-05", "2026-12-11", "October to December 2026"),
        ("2025-06-02", "2026-03-27", "June 2025 to March 2026"),
        ("", "", ""),
    ],
)
def test_dates_read_as_months(first, last, expected):
    assert cv.when_of({"occurred_on": first, "ends_on": last}) == expected


def test_a_workplace_without_a_role_is_headed_by_the_employer(pupil):
    assert cv.line_for(workplace(pupil, role=""))["heading"] == "Riverside Vets"


def test_an_encounter_and_achievements_go_where_a_cv_puts_them(pupil, make):
    talk = make.entry(pupil, what_i_learned="Nurses work shifts")
    line = cv.line_for(talk)
    assert line["heading"] == "A talk by an employer or employee: Riverside Hospital"
    assert line["text"] == "Listened to a nurse talk about her job. Nurses work shifts."
    assert cv.section_for(talk) == "experience"
    certificate = achievement(pupil)
    assert cv.section_for(certificate) == "achievements"
    assert cv.line_for(certificate)["heading"] == "First aid certificate, St John Ambulance"
    volunteering = achievement(pupil, achievement_kind="volunteering", title="Dog walking")
    assert cv.section_for(volunteering) == "experience"


def test_only_the_pupils_own_saved_entries_can_be_picked(pupil, other_pupil, make):
    saved = workplace(pupil)
    draft = workplace(pupil, state="draft", employer="Draft Farm")
    diary = record(pupil, "diary", parent=saved, occurred_on="2026-06-09", what_i_did="Fed cats")
    theirs = workplace(other_pupil, employer="Tom's Garage")
    talk = make.entry(pupil)
    prize = achievement(pupil)
    db.session.commit()
    available = cv.pickable(pupil)
    assert [e.id for e in available.experience] == [saved.id]
    assert [e.id for e in available.encounters] == [talk.id]
    assert [e.id for e in available.achievements] == [prize.id]
    assert not {draft.id, diary.id, theirs.id} & set(available.entries)

    content, added = cv.add_to_cv(
        {"experience": [], "achievements": [], "skills": []},
        available,
        entry_ids=[theirs.id, draft.id, saved.id, saved.id, 999999],
        skill_codes=["not_a_skill"],
    )
    assert added == 1
    assert [row["entry_id"] for row in content["experience"]] == [saved.id]
    # Added again later: not twice.
    again, added = cv.add_to_cv(content, available, entry_ids=[saved.id], skill_codes=[])
    assert added == 0 and len(again["experience"]) == 1


def test_a_skill_line_is_the_latest_rating_with_its_evidence(pupil):
    placement = workplace(pupil)
    plans_operations.rate_skill(pupil, "teamwork", 2, "", [], pupil.user)
    plans_operations.rate_skill(
        pupil, "teamwork", 6, "We fed forty dogs by lunchtime.", [placement.id], pupil.user
    )
    db.session.commit()
    available = cv.pickable(pupil)
    content, added = cv.add_to_cv({}, available, entry_ids=[], skill_codes=["teamwork"])
    assert added == 1
    (row,) = content["skills"]
    assert row["skill"] == "Teamwork"
    assert row["text"].startswith(
        "I can listen to other people's ideas in my group. We fed forty dogs by lunchtime."
    )
    assert "A work placement: Riverside Vets" in row["text"]
    assert row["entry_ids"] == [placement.id]


def test_the_profile_comes_from_all_about_me_and_what_they_want_to_do(pupil):
    plans_operations.save_profile(
        pupil, {"strengths": "I am kind and patient", "interests": "Dogs. Baking."}, pupil.user
    )
    plans_operations.add_aspiration(
        pupil, "I want to be a vet nurse.", "I love animals.", pupil.user
    )
    db.session.commit()
    available = cv.pickable(pupil)
    assert available.profile == "I am kind and patient. I want to be a vet nurse. I love animals."
    assert available.interests == "Dogs. Baking."
    content, added = cv.add_to_cv(
        {"profile": "Hello.", "interests": ""},
        available,
        entry_ids=[],
        skill_codes=[],
        profile=True,
        interests=True,
    )
    assert added == 2
    assert content["profile"] == f"Hello.\n\n{available.profile}"
    assert content["interests"] == "Dogs. Baking."


def test_markdown_marks_are_taken_off():
    assert cv.plain("- **Fed** the *dogs*\n- cleaned_up") == "Fed the dogs cleaned_up"
