"""The CV editor, the picker and the staff page: rows without JavaScript, versions, the stale
edit check, long pastes refused without losing anything, and markup kept as text."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from journal.audit.models import AuditEvent
from journal.documents.cv_forms import ROW_LIMIT, TOTAL_LIMIT
from journal.documents.models import Document
from journal.extensions import db
from tests.support import counting_queries

from . import test_cv_lines as lines

# The fixtures and makers of test_cv_lines, shared.
school, tutor, group, pupil, other_pupil = (
    lines.school,
    lines.tutor,
    lines.group,
    lines.pupil,
    lines.other_pupil,
)
workplace, achievement = lines.workplace, lines.achievement

LINE = {"entry_id": None, "heading": "Saturday job, Bakery", "when": "2026", "text": "I serve."}


def content(**changes) -> dict:
    base = {
        "profile": "I am kind.",
        "education": [{"what": "GCSE English", "where": "Riverside", "when": "2027", "grade": "6"}],
        "experience": [LINE],
        "skills": [{"skill": "Teamwork", "text": "I help.", "entry_ids": []}],
        "achievements": [],
        "interests": "Dogs.",
        "references": "References available on request",
    }
    return base | changes


def posted(value: dict, based_on: int, **extra) -> dict:
    """The editor's form fields for ``value`` as a browser would send them."""
    data = {
        "based_on": str(based_on),
        "profile": value["profile"],
        "interests": value["interests"],
        "references": value["references"],
    }
    for section in ("education", "experience", "skills", "achievements"):
        for i, row in enumerate(value[section]):
            for key, field in row.items():
                if key == "entry_ids":
                    field = ",".join(str(x) for x in field)
                data[f"{section}-{i}-{key}"] = "" if field is None else str(field)
    return data | extra


@pytest.fixture
def document(make, pupil):
    found = make.document(pupil, title="CV for the bakery", content=content())
    db.session.commit()
    return found


@pytest.fixture
def signed_in(client, login, pupil):
    login(pupil.user)
    return client


def url(document) -> str:
    return f"/documents/{document.id}/cv"


def textarea(html: str, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\r?\n?(.*?)</textarea>', html, re.S)
    assert found, f"no textarea {name}"
    return unescape(found[1])


def value_of(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    assert found, f"no input {name}"
    return unescape(found[1])


def version(document) -> int:
    db.session.expire_all()
    return db.session.get(Document, document.id).version_count


def test_the_editor_shows_every_section_and_row(signed_in, document):
    html = signed_in.get(url(document)).get_data(as_text=True)
    for heading in ("Personal profile", "Education and qualifications", "Experience", "Skills"):
        assert heading in html
    assert textarea(html, "profile") == "I am kind."
    assert value_of(html, "experience-0-heading") == "Saturday job, Bakery"
    assert value_of(html, "education-0-grade") == "6"
    assert value_of(html, "based_on") == "1"
    assert 'name="remove-experience-1"' in html and 'name="add-experience"' in html


def test_saving_makes_a_version_and_saving_the_same_again_does_not(signed_in, document):
    changed = content(profile="I am kind and patient.", achievements=[LINE | {"heading": "Prize"}])
    response = signed_in.post(url(document), data=posted(changed, 1, save="1"))
    assert response.status_code == 302
    assert version(document) == 2
    saved = db.session.get(Document, document.id).content
    assert saved == changed
    response = signed_in.post(url(document), data=posted(changed, 2, save="1"))
    assert response.status_code == 302 and version(document) == 2
    assert "Nothing had changed" in signed_in.get(url(document)).get_data(as_text=True)


def test_adding_a_row_keeps_everything_typed_and_saves_nothing(signed_in, document):
    typed = content(profile="Typed but not saved", experience=[LINE | {"text": "Changed"}])
    response = signed_in.post(url(document), data=posted(typed, 1, **{"add-experience": "1"}))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert textarea(html, "profile") == "Typed but not saved"
    assert textarea(html, "experience-0-text") == "Changed"
    assert value_of(html, "experience-1-heading") == ""
    assert 'id="experience-row-2"' in html
    assert value_of(html, "based_on") == "1"
    assert version(document) == 1


def test_taking_out_a_row_keeps_the_others(signed_in, document):
    rows = [LINE | {"heading": f"Job {n}", "text": f"Text {n}"} for n in (1, 2, 3)]
    response = signed_in.post(
        url(document), data=posted(content(experience=rows), 1, **{"remove-experience-2": "1"})
    )
    html = response.get_data(as_text=True)
    assert value_of(html, "experience-0-heading") == "Job 1"
    assert value_of(html, "experience-1-heading") == "Job 3"
    assert textarea(html, "experience-1-text") == "Text 3"
    assert 'name="experience-2-heading"' not in html
    # Saved afterwards, the CV has the two rows left.
    shown = content(experience=[rows[0], rows[2]])
    assert signed_in.post(url(document), data=posted(shown, 1, save="1")).status_code == 302
    assert [r["heading"] for r in db.session.get(Document, document.id).content["experience"]] == [
        "Job 1",
        "Job 3",
    ]


def test_a_section_has_at_most_so_many_rows(signed_in, document):
    rows = [LINE | {"heading": f"Job {n}"} for n in range(ROW_LIMIT)]
    response = signed_in.post(
        url(document), data=posted(content(experience=rows), 1, **{"add-experience": "1"})
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f"already {ROW_LIMIT} rows" in html
    assert f'name="experience-{ROW_LIMIT - 1}-heading"' in html
    assert f'name="experience-{ROW_LIMIT}-heading"' not in html


def test_empty_rows_are_left_out_and_a_row_needs_a_heading(signed_in, document):
    empty = {"entry_id": None, "heading": "", "when": "", "text": ""}
    response = signed_in.post(
        url(document), data=posted(content(experience=[LINE, empty]), 1, save="1")
    )
    assert response.status_code == 302
    assert db.session.get(Document, document.id).content["experience"] == [LINE]
    assert version(document) == 1  # without the empty row, nothing had changed
    headless = {"entry_id": None, "heading": "", "when": "May", "text": "I walked dogs."}
    response = signed_in.post(url(document), data=posted(content(experience=[headless]), 1))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="experience-0-heading-error"' in html
    assert "Write a heading, or take this row out." in html
    assert textarea(html, "experience-0-text") == "I walked dogs."
    assert version(document) == 1


def test_saving_over_a_newer_version_is_a_conflict_that_keeps_what_was_typed(
    signed_in, document, pupil
):
    from journal.documents.operations import save_version

    save_version(document, content(profile="Saved on the other computer."), by=pupil.user)
    db.session.commit()
    mine = content(profile="What I typed here.")
    response = signed_in.post(url(document), data=posted(mine, 1, save="1"))
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "This CV changed while you were working on it" in html
    assert textarea(html, "profile") == "What I typed here."
    assert "Saved on the other computer." in html  # what it says now
    assert value_of(html, "based_on") == "2"
    assert version(document) == 2
    # Saving again from this page keeps their version.
    assert signed_in.post(url(document), data=posted(mine, 2, save="1")).status_code == 302
    assert db.session.get(Document, document.id).content["profile"] == "What I typed here."


@pytest.mark.parametrize(
    "field", ["profile", "experience-0-text", "experience-0-heading", "education-0-what"]
)
def test_a_100000_character_paste_is_refused_and_kept(signed_in, document, field):
    paste = "Ünïcödé paste " * 7143  # 100,002 characters
    data = posted(content(), 1, save="1") | {field: paste}
    response = signed_in.post(url(document), data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "This is too long: please keep it under" in html
    assert f'id="{field}-error"' in html
    kept = textarea(html, field) if field.endswith(("profile", "text")) else value_of(html, field)
    assert kept == paste.strip()
    assert textarea(html, "interests") == "Dogs."
    assert version(document) == 1


def test_a_whole_cv_too_long_to_save_is_refused_and_kept(signed_in, document):
    rows = [LINE | {"heading": f"Job {n}", "text": "x" * 1400} for n in range(ROW_LIMIT // 2)]
    response = signed_in.post(url(document), data=posted(content(experience=rows), 1, save="1"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f"can have up to {TOTAL_LIMIT:,}" in html
    assert textarea(html, f"experience-{len(rows) - 1}-text") == "x" * 1400
    assert version(document) == 1


def test_markup_typed_comes_out_as_text(signed_in, client, login, document, tutor, pupil):
    evil = '<script>alert("x")</script><b>bold</b>'
    value = content(profile=evil, experience=[LINE | {"heading": evil, "text": evil}])
    assert signed_in.post(url(document), data=posted(value, 1, save="1")).status_code == 302
    html = signed_in.get(url(document)).get_data(as_text=True)
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;" in html
    assert textarea(html, "profile") == evil
    login(tutor)
    staff = client.get(f"/pupils/{pupil.id}/documents/{document.id}/cv").get_data(as_text=True)
    assert "<script>alert" not in staff and "<b>bold</b>" not in staff
    assert "&lt;b&gt;bold&lt;/b&gt;" in staff


def test_an_entry_id_that_is_not_the_pupils_own_is_not_kept(
    signed_in, document, pupil, other_pupil
):
    theirs = workplace(other_pupil)
    draft = workplace(pupil, state="draft")
    mine = workplace(pupil)
    db.session.commit()
    rows = [LINE | {"entry_id": i} for i in (theirs.id, draft.id, mine.id)]
    skills = [{"skill": "Teamwork", "text": "I help.", "entry_ids": [theirs.id, mine.id]}]
    value = content(experience=rows, skills=skills)
    assert signed_in.post(url(document), data=posted(value, 1, save="1")).status_code == 302
    saved = db.session.get(Document, document.id).content
    assert [r["entry_id"] for r in saved["experience"]] == [None, None, mine.id]
    assert saved["skills"][0]["entry_ids"] == [mine.id]
    html = signed_in.get(url(document)).get_data(as_text=True)
    assert f'href="/passport/entries/{mine.id}"' in html
    assert f'href="/passport/entries/{theirs.id}"' not in html


def test_picking_entries_adds_lines_to_edit(signed_in, document, pupil, other_pupil, make):
    placement = workplace(pupil)
    prize = achievement(pupil, title="Baking <prize>")
    draft = workplace(pupil, state="draft", employer="Draft Farm")
    theirs = workplace(other_pupil, employer="Tom's Garage")
    db.session.commit()
    page = signed_in.get(f"{url(document)}/pick").get_data(as_text=True)
    assert "Veterinary assistant" not in page  # titles, not suggestions, are listed
    assert "A work placement: Riverside Vets" in page
    assert "Baking &lt;prize&gt;" in page
    assert "Draft Farm" not in page and "Tom&#39;s Garage" not in page
    response = signed_in.post(
        f"{url(document)}/pick",
        data={"entry": [str(placement.id), str(prize.id), str(draft.id), str(theirs.id)]},
    )
    assert response.status_code == 302 and response.location.endswith(url(document))
    saved = db.session.get(Document, document.id).content
    assert saved["experience"][-1]["heading"] == "Veterinary assistant, Riverside Vets"
    assert saved["achievements"][-1]["entry_id"] == prize.id
    assert len(saved["experience"]) == 2 and len(saved["achievements"]) == 1
    assert version(document) == 2
    html = signed_in.get(url(document)).get_data(as_text=True)
    assert "Added 2 lines from your passport" in html
    assert textarea(html, "experience-1-text").startswith("I cleaned the kennels")
    again = signed_in.get(f"{url(document)}/pick").get_data(as_text=True)
    assert "already on this CV" in again


def test_picking_nothing_says_so(signed_in, document, pupil):
    workplace(pupil)
    db.session.commit()
    response = signed_in.post(f"{url(document)}/pick", data={})
    assert response.status_code == 422
    assert "Tick at least one thing" in response.get_data(as_text=True)
    assert version(document) == 1


def test_save_then_pick_saves_first(signed_in, document):
    changed = content(profile="Saved before picking.")
    response = signed_in.post(url(document), data=posted(changed, 1, pick="1"))
    assert response.status_code == 302 and response.location.endswith(f"{url(document)}/pick")
    assert db.session.get(Document, document.id).content["profile"] == "Saved before picking."


def test_staff_reading_a_cv_is_audited(client, login, tutor, pupil, document):
    login(tutor)
    response = client.get(f"/pupils/{pupil.id}/documents/{document.id}/cv")
    assert response.status_code == 200
    assert "Saturday job, Bakery" in response.get_data(as_text=True)
    event_ = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "pupil_document_opened")
    )
    assert event_.pupil_id == pupil.id and event_.actor_id == tutor.id
    assert event_.detail["document_id"] == document.id


def test_a_statement_is_not_opened_as_a_cv(signed_in, make, pupil):
    statement = make.document(pupil, kind="statement", title="College")
    db.session.commit()
    assert signed_in.get(f"/documents/{statement.id}/cv").status_code == 404


def test_the_editor_sends_the_same_number_of_queries_however_many_rows(signed_in, make, pupil):
    def statements_for(rows: int) -> int:
        placements = [workplace(pupil, employer=f"Firm {n}") for n in range(rows)]
        value = content(
            education=[{"what": "GCSE", "where": "", "when": "", "grade": ""}] * rows,
            experience=[LINE | {"entry_id": p.id} for p in placements],
            achievements=[LINE] * rows,
            skills=[
                {"skill": "Teamwork", "text": "I help.", "entry_ids": [p.id]} for p in placements
            ],
        )
        document = make.document(pupil, title=f"CV {rows}", content=value)
        db.session.commit()
        with counting_queries() as statements:
            assert signed_in.get(url(document)).status_code == 200
        return len(statements)

    assert statements_for(2) == statements_for(20)


def test_the_picker_sends_the_same_number_of_queries_however_many_entries(
    signed_in, document, pupil, make
):
    from journal.passport.plans import operations as plans_operations

    def statements_for(n: int) -> int:
        placements = [workplace(pupil, employer=f"Firm {i}") for i in range(n)]
        for i in range(n):
            make.entry(pupil)
            achievement(pupil, title=f"Prize {i}")
        for skill in ("teamwork", "listening"):
            plans_operations.rate_skill(pupil, skill, 3, "", [p.id for p in placements], pupil.user)
        db.session.commit()
        with counting_queries() as statements:
            assert signed_in.get(f"{url(document)}/pick").status_code == 200
        return len(statements)

    assert statements_for(2) == statements_for(18)


def test_a_100000_emoji_paste_is_refused_and_kept(signed_in, document):
    """Four bytes a character, twelve once form-encoded: still a message, not an error page."""
    paste = "🐶 dog " * 16_667
    response = signed_in.post(
        url(document), data=posted(content(), 1, save="1") | {"profile": paste}
    )
    assert response.status_code == 422
    assert textarea(response.get_data(as_text=True), "profile") == paste.strip()
    assert version(document) == 1


def test_the_pupils_pages_carry_symbols_when_they_are_on(signed_in, document, pupil):
    from journal.accessibility.models import OWN, ViewPreferences

    workplace(pupil)
    db.session.add(ViewPreferences(user_id=pupil.user_id, set_by=OWN, symbols=True))
    db.session.commit()
    for page in (url(document), f"{url(document)}/pick"):
        html = signed_in.get(page).get_data(as_text=True)
        assert "vendor/openmoji/" in html, page
