"""PDF and DOCX exports: the pupil's words in the files, metadata, styles, and safe text."""

from __future__ import annotations

import contextvars
import io
import re
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from journal.documents import exports
from journal.extensions import db
from journal_demo.documents import maya_documents


def pdf_text(data: bytes) -> str:
    """All the PDF's text, whitespace collapsed (lines wrap wherever the layout puts them)."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def docx_paragraphs(data: bytes):
    return WordDocument(io.BytesIO(data)).paragraphs


def docx_text(data: bytes) -> str:
    return " ".join(" ".join(p.text.split()) for p in docx_paragraphs(data))


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def maya(app):
    """The demo pupil with her seeded CV and UCAS statement."""
    from journal_demo.school import seed_demo

    seed_demo(pupils=1)
    db.session.commit()
    return maya_documents()


def chosen_rows(content: dict) -> list[dict]:
    rows = [*content["experience"], *content["achievements"]]
    return [row for row in rows if row["entry_id"] is not None]


def test_the_demo_cv_is_built_from_her_passport_entries(maya):
    from journal.passport.entries.models import Entry

    cv, _ = maya
    rows = chosen_rows(cv.content)
    assert len(rows) >= 6
    for row in rows:
        entry = db.session.get(Entry, row["entry_id"])
        assert entry.pupil_id == cv.pupil_id
    assert all(skill["entry_ids"] for skill in cv.content["skills"])


def test_the_cv_pdf_holds_the_chosen_entries_in_her_words(maya):
    cv, _ = maya
    data = exports.render_pdf(cv, cv.content, style="standard")
    text = pdf_text(data)
    assert "Maya Patel" in text
    for row in chosen_rows(cv.content):
        assert words(row["heading"]) in text
        assert words(row["text"].split("\n")[0]) in text
    for skill in cv.content["skills"]:
        assert words(skill["text"]) in text
    for heading in ("Personal profile", "Education and qualifications", "Experience", "Skills"):
        assert heading in text
    assert len(PdfReader(io.BytesIO(data)).pages) == 2  # the demo CV is a two-page CV


def test_the_cv_docx_has_headings_lists_and_her_words(maya):
    cv, _ = maya
    data = exports.render_docx(cv, cv.content)
    paragraphs = docx_paragraphs(data)
    styles = {p.text: p.style.name for p in paragraphs}
    assert styles["Maya Patel"] == "Title"
    assert styles["CV"] == "Heading 1"
    assert styles["Experience"] == "Heading 2"
    bullets = [words(p.text) for p in paragraphs if p.style.name == "List Bullet"]
    for row in chosen_rows(cv.content):
        assert any(words(row["heading"]) in bullet for bullet in bullets)
    text = docx_text(data)
    for row in chosen_rows(cv.content):
        assert words(row["text"].split("\n")[0]) in text
    properties = WordDocument(io.BytesIO(data)).core_properties
    assert properties.title == "Maya Patel – CV"
    assert properties.language == "en-GB"


def test_the_ucas_statement_in_pdf_and_docx_has_the_questions_and_answers(maya):
    _, statement = maya
    pdf = pdf_text(exports.render_pdf(statement, statement.content, style="standard"))
    docx = docx_text(exports.render_docx(statement, statement.content))
    for question in exports.UCAS_QUESTIONS:
        assert question in pdf
        assert question in docx
    for answer in statement.content["answers"]:
        for paragraph in answer.split("\n"):
            assert words(paragraph) in docx
        assert words(answer.split("\n")[0][:120]) in pdf


def test_the_pdf_has_a_title_and_language(maya):
    cv, _ = maya
    reader = PdfReader(io.BytesIO(exports.render_pdf(cv, cv.content, style="standard")))
    assert reader.metadata.title == "Maya Patel – CV"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_large_text_really_is_larger(app, make):
    pupil = make.pupil(first="Maya", last="Patel")
    content = {"profile": "I am kind and patient. " * 40, "references": "On request"}
    cv = make.document(pupil, content=content)
    standard = exports.render_pdf(cv, cv.content, style="standard")
    large = exports.render_pdf(cv, cv.content, style="large")
    assert len(PdfReader(io.BytesIO(large)).pages) > len(PdfReader(io.BytesIO(standard)).pages)
    assert largest_font_size(large) >= 1.8 * largest_font_size(standard, body_only=True)


def largest_font_size(data: bytes, *, body_only: bool = False) -> float:
    """The size of the profile text (the most common size on page 1)."""
    sizes: dict[float, int] = {}

    def visit(text, _cm, tm, _font, size):
        if text.strip():
            real = round(size * abs(tm[0]), 1)
            sizes[real] = sizes.get(real, 0) + len(text)

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return max(sizes, key=sizes.get)


def test_symbols_style_puts_pictures_above_words_through_the_fetcher(app, make):
    pupil = make.pupil(first="Maya", last="Patel")
    cv = make.document(pupil, content={"interests": "Animals and baking"})
    html = exports.print_html(cv, cv.content, style="symbols")
    assert 'class="sym-pic"' in html
    assert 'class="sym-pic"' not in exports.print_html(cv, cv.content, style="standard")
    fetcher = exports.static_fetcher()
    text = pdf_text(exports.render_pdf(cv, cv.content, style="symbols", fetcher=fetcher))
    assert "Animals" in text  # the words stay
    assert any("/vendor/openmoji/" in url for url in fetcher.fetched)
    assert fetcher.refused == []


def test_an_unknown_style_is_refused(app, make):
    cv = make.document(make.pupil())
    with pytest.raises(ValueError):
        exports.render_pdf(cv, cv.content, style="huge")


# --- text typed by the pupil is text, in every format ---------------------------------------

HOSTILE = '<b>bold</b> & <img src="http://example.com/x.png"> {{ 7*7 }}\x07 bell\x0c'


def test_markup_and_control_characters_stay_text_in_the_pdf(app, make):
    pupil = make.pupil(first="Maya", last="Patel")
    content = {
        "profile": HOSTILE,
        "experience": [{"entry_id": None, "heading": "<i>Vets</i>", "when": "\x00", "text": "ok"}],
        "skills": [{"skill": "</li></ul><h1>X", "text": "\x1b[31mred", "entry_ids": []}],
    }
    cv = make.document(pupil, content=content)
    text = pdf_text(exports.render_pdf(cv, cv.content, style="standard"))
    assert '<b>bold</b> & <img src="http://example.com/x.png"> {{ 7*7 }} bell' in text
    assert "<i>Vets</i>" in text
    assert "</li></ul><h1>X" in text
    fetcher = exports.static_fetcher()
    symbols = pdf_text(exports.render_pdf(cv, cv.content, style="symbols", fetcher=fetcher))
    assert '<b>bold</b>&<imgsrc="http://example.com/x.png">' in symbols.replace(" ", "")
    assert not any("example.com" in url for url in fetcher.refused + fetcher.fetched)
    html = exports.print_html(cv, cv.content, style="standard")
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "\x07" not in html and "\x1b" not in html


def test_markup_and_control_characters_stay_text_in_the_docx(app, make):
    pupil = make.pupil(first="Maya", last="Patel")
    cv = make.document(pupil, content={"profile": HOSTILE, "interests": "a\x00b\ud800c"})
    statement = make.document(pupil, kind="statement", title="S", content={"text": HOSTILE})
    for document in (cv, statement):
        text = docx_text(exports.render_docx(document, document.content))
        assert '<b>bold</b> & <img src="http://example.com/x.png"> {{ 7*7 }} bell' in text
        assert "\x07" not in text
    assert "abc" in docx_text(exports.render_docx(cv, cv.content))


def test_damaged_content_does_not_crash_either_format(app, make):
    pupil = make.pupil()
    content = {
        "profile": 42,
        "education": ["not a row", {"what": None}],
        "experience": [{}],
        "skills": "oops",
        "achievements": None,
    }
    cv = make.document(pupil, content=content)
    ucas = make.document(pupil, kind="ucas", title="U", content={"answers": "nope"})
    for document in (cv, ucas):
        assert exports.render_pdf(document, document.content).startswith(b"%PDF")
        assert docx_text(exports.render_docx(document, document.content))


def test_clean_text_normalises_and_drops_controls():
    assert exports.clean_text("a\r\nb\rc\x07\x7f\x85d\u200b") == "a\nb\ncd\u200b"
    assert exports.clean_text("e\u0301") == "\u00e9"
    assert exports.clean_text(None) == ""
    assert exports.lines_of(" one \n\n two\n") == ["one", "two"]


# --- the fetcher -------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the PDF renderer tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/static/css/app.css",
        "file:///etc/passwd",
        f"{exports.PRINT_ORIGIN}/static/../../../etc/passwd",
        f"{exports.PRINT_ORIGIN}/static/%2e%2e/%2e%2e/journal/config.py",
        f"{exports.PRINT_ORIGIN}/journal/config.py",
        f"{exports.PRINT_ORIGIN}/static/vendor/openmoji/",
        "ftp://example.com/x",
        "//example.com/x.png",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(app, url, no_network):
    fetcher = exports.static_fetcher()
    with pytest.raises(exports.RefusedURL):
        fetcher(url)
    assert fetcher.refused == [url]


def test_the_fetcher_reads_static_files_and_data_urls(app):
    fetcher = exports.static_fetcher()
    svg = fetcher(f"{exports.PRINT_ORIGIN}/static/vendor/openmoji/1F415.svg")
    assert svg.content_type == "image/svg+xml"
    assert svg.read().startswith(b"<svg")
    inside = (Path(app.static_folder) / "css" / "app.css").resolve().as_uri()
    assert fetcher(inside).read()
    assert fetcher("data:text/plain;base64,aGk=").read() == b"hi"


def test_a_foreign_url_in_the_print_html_is_never_fetched(app, no_network):
    html = (
        '<!doctype html><html lang="en-GB"><head><title>T</title>'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        '<style>@import url("https://example.com/a.css");</style></head>'
        '<body><p>Hello</p><img src="http://example.com/x.png" alt="x">'
        '<img src="/static/vendor/openmoji/1F415.svg" alt="dog"></body></html>'
    )
    fetcher = exports.static_fetcher()
    text = pdf_text(exports.html_to_pdf(html, fetcher=fetcher))
    assert "Hello" in text
    assert set(fetcher.refused) == {
        "http://example.com/x.png",
        "file:///etc/passwd",
        "https://example.com/a.css",
    }
    assert fetcher.fetched == [f"{exports.PRINT_ORIGIN}/static/vendor/openmoji/1F415.svg"]


def test_the_print_page_fonts_come_from_static(app, make):
    cv = make.document(make.pupil(), content={"profile": "Hello"})
    fetcher = exports.static_fetcher()
    exports.render_pdf(cv, cv.content, fetcher=fetcher)
    assert any(re.search(r"atkinson-hyperlegible-latin-400", url) for url in fetcher.fetched)
    assert fetcher.refused == []


def test_the_bench_prints_a_median_for_each_format(app, maya, capsys):
    from journal_bench.documents import bench_documents

    db.session.commit()  # the bench renders in contexts of its own, as the server would
    contextvars.Context().run(bench_documents, app, 1, ("pdf", "docx"))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("cv-pdf ") and "2 pages" in lines[0]
    assert lines[1].startswith("cv-docx ") and "median" in lines[1]
