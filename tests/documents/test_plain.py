"""Plain-text export: ready to paste, counted as the editor counts, markup kept as text."""

# ruff: noqa: F811 (fixtures imported from statement_support are parameters here)
from __future__ import annotations

from datetime import UTC, datetime

from journal.documents.counting import UCAS_QUESTIONS, count, normalise, ucas_verdict
from journal.documents.naming import ascii_part, file_name
from journal.documents.plain import plain_text

from .statement_support import events, free, group, pupil, school, tutor, ucas  # noqa: F401

ANSWERS = [
    "Caf\u00e9 visits 🇬🇧 taught me <b>patience</b> & care.\n\nSecond paragraph.",
    "Biology & chemistry: A*.\nI liked dissection 🐸.",
    "Volunteering at the vets <script>alert(1)</script>.",
]


def test_ucas_is_each_question_a_blank_line_and_its_answer(make, pupil):
    document = make.document(pupil, kind="ucas", title="U", content={"answers": ANSWERS})
    text = plain_text(document)
    expected = "\n\n".join(f"{q}\n\n{a}" for q, a in zip(UCAS_QUESTIONS, ANSWERS, strict=True))
    assert text == expected
    assert "\r" not in text


def test_the_answers_in_the_export_count_what_the_editor_shows(make, pupil):
    document = make.document(pupil, kind="ucas", title="U", content={"answers": ANSWERS})
    text = plain_text(document)
    shown = ucas_verdict(ANSWERS)
    # Take each answer back out of the export, between its question and the next.
    found = []
    for n, question in enumerate(UCAS_QUESTIONS):
        start = text.index(question + "\n\n") + len(question) + 2
        end = text.index("\n\n" + UCAS_QUESTIONS[n + 1]) if n < 2 else len(text)
        found.append(text[start:end])
    assert [count(answer) for answer in found] == shown.counts
    assert sum(count(answer) for answer in found) == shown.total
    # Questions and separators are the only extra characters.
    extra = sum(count(q) for q in UCAS_QUESTIONS) + 3 * 2 + 2 * 2
    assert count(text) == shown.total + extra


def test_a_free_form_export_is_exactly_the_text_so_the_counts_agree(make, pupil):
    typed = "Line one\nline two with e\u0301 and 😀 and 🇫🇷\n"
    document = make.document(pupil, kind="statement", title="S", content={"text": typed})
    assert plain_text(document) == normalise(typed)  # the accent joined to its "e"
    assert count(plain_text(document)) == count(typed) == 38


def test_a_cv_has_capital_headings_and_a_line_a_row(make, pupil):
    content = {
        "profile": "I am calm with animals.",
        "education": [{"what": "GCSEs", "where": "Riverside School", "when": "2027", "grade": ""}],
        "experience": [
            {
                "entry_id": None,
                "heading": "Vets <i>placement</i>",
                "when": "Oct 2026",
                "text": "Fed the cats.",
            }
        ],
        "skills": [{"skill": "Teamwork", "text": "Worked on the reception desk.", "entry_ids": []}],
        "achievements": [],
        "interests": "",
        "references": "References available on request",
    }
    document = make.document(pupil, kind="cv", title="CV", content=content)
    assert plain_text(document) == (
        "MAYA PATEL\n\n"
        "PERSONAL PROFILE\nI am calm with animals.\n\n"
        "EDUCATION AND QUALIFICATIONS\nGCSEs, Riverside School, 2027\n\n"
        "EXPERIENCE\nVets <i>placement</i>, Oct 2026\nFed the cats.\n\n"
        "SKILLS\nTeamwork: Worked on the reception desk.\n\n"
        "REFERENCES\nReferences available on request"
    )


def test_the_download_is_plain_text_named_for_the_pupil(client, login, make, pupil):
    document = make.document(pupil, kind="ucas", title="U", content={"answers": ANSWERS})
    document.updated_at = datetime(2026, 11, 20, 10, tzinfo=UTC)
    login(pupil.user)
    response = client.get(f"/documents/{document.id}/export.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="Maya-Patel-Statement-2026-11.txt"'
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" in body  # as typed, never interpreted or escaped
    assert "&lt;" not in body
    assert body == plain_text(document)


def test_staff_download_is_audited_and_another_school_cannot(client, login, make, pupil, tutor):
    document = make.document(pupil, kind="statement", title="S", content={"text": "Hello"})
    login(tutor)
    response = client.get(f"/pupils/{pupil.id}/documents/{document.id}/export.txt")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "Hello"
    assert [e.pupil_id for e in events("pupil_document_exported")] == [pupil.id]
    stranger = make.user(make.school("Elsewhere"))
    login(stranger)
    assert client.get(f"/pupils/{pupil.id}/documents/{document.id}/export.txt").status_code == 404


def test_file_names_are_ascii(make, school, group):
    zoe = make.pupil(school, group, first="Zoë", last="O'Brien-Łukasz")
    document = make.document(zoe, kind="cv", title="CV")
    document.updated_at = datetime(2026, 11, 2, tzinfo=UTC)
    assert file_name(document, "pdf") == "Zoe-OBrien-ukasz-CV-2026-11.pdf"
    assert ascii_part("李 明") == ""
    nobody = make.pupil(school, group, first="李", last="明")
    named = make.document(nobody, kind="statement", title="S")
    named.updated_at = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
    assert file_name(named, "txt") == "Pupil-Statement-2026-01.txt"
