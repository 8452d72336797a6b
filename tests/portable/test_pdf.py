"""passport.pdf: a readable copy of what passport.json holds, in every export; not signed, so
it never decides an import, but the zip's safety limits still apply to it."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from journal.accounts.roles import Role
from journal.calendar import london_time
from journal.documents import exports
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.signoff.models import SignOff
from journal.portable import formats as f
from journal.portable import pdf
from journal.portable.export import passport_document, passport_zip
from journal.portable.importer import import_passport
from journal.portable.verify import Refused, check
from tests.jobs.support import download_through_job

from .support import STAFF_NOTE, UPN, full_record, members, rezip


def pdf_text(data: bytes) -> str:
    """All the PDF's text, whitespace collapsed (lines wrap wherever the layout puts them)."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pupils_download_holds_a_pdf_of_the_record(app, client, login, make, monkeypatch):
    fetchers = []

    def spy():
        fetchers.append(exports.StaticFetcher(app.static_folder, app.static_url_path))
        return fetchers[-1]

    monkeypatch.setattr(exports, "static_fetcher", spy)
    school = make.school("Riverside Academy", urn="100001")
    pupil, _, _ = full_record(make, school)
    login(pupil.user)
    response = download_through_job(client, "/passport/download")
    assert response.status_code == 200
    files = members(response.data)
    assert {"passport.json", "signature", "passport.pdf"} <= set(files)
    document = json.loads(files["passport.json"])
    [signed] = [e for e in document["entries"] if e["sign_offs"]]
    signed_on = london_time(f.parse_timestamp(signed["sign_offs"][0]["signed_at"]))

    reader = PdfReader(io.BytesIO(files["passport.pdf"]))
    assert reader.metadata["/Title"] == "Maya Patel – Careers passport"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    text = pdf_text(files["passport.pdf"])
    for words in (
        "Maya Patel",
        "Riverside Academy (URN 100001)",
        document["issuer"]["fingerprint"],
        "Vets work long hours.",  # the pupil's own words
        f"Signed by Ms Tutor, tutor, Riverside Academy, {signed_on:%-d %B %Y}.",
        "Me at the vets",  # a photo, listed by its description
        "Draft Bakery",  # the pupil's own copy has their drafts
        "Teamwork: step 5",
        "Be a vet nurse",
        "Try the vet college open day",
        "Visit the college",
    ):
        assert words in text, words
    assert STAFF_NOTE not in text
    # Made by Typst from our own fonts alone, tagged for screen readers with real headings.
    assert fetchers == []  # not WeasyPrint: nothing went through its URL fetcher
    assert_tagged(reader, "/H1", "/H2", "/H3", "/P", "/L")
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert fonts and all("AtkinsonHyperlegible" in name or "DejaVu" in name for name in fonts)


def assert_tagged(reader, *tags):
    """A tagged PDF (MarkInfo, a structure tree) holding each of ``tags``."""
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    found, todo = set(), [root["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if isinstance(node, dict):
            found.add(node.get("/S"))
            kids = node.get("/K")
            todo.extend(kids if isinstance(kids, list) else [kids] if kids is not None else [])
    assert set(tags) <= found, found


@pytest.fixture
def joining(app, make):
    """A staff copy from Riverside, and the pupil joining Hilltop in the same deployment."""
    riverside = make.school("Riverside Academy", urn="100001")
    leaver, _, _ = full_record(make, riverside)
    data = passport_zip(leaver, include_drafts=False)
    hilltop = make.school("Hilltop School", urn="200002")
    joiner = make.pupil(
        hilltop, first="Maya", last="Patel", upn=UPN, date_of_birth=date(2011, 3, 2)
    )
    leader = make.user(hilltop, Role.CAREERS_LEADER)
    db.session.commit()
    return data, hilltop, joiner, leader


def test_a_file_with_its_pdf_imports_and_the_pdf_is_not_signed(joining):
    data, hilltop, joiner, leader = joining
    files = members(data)
    assert files["passport.pdf"].startswith(b"%PDF-")
    assert check(data, receiving=hilltop, pupil=joiner).counts["sign_offs"] == 1

    # Anyone can change the PDF without breaking the signature: it is a copy, never read.
    files["passport.pdf"] = b"%PDF-1.7 this is not what the school wrote"
    changed = rezip(files)
    checked = check(changed, receiving=hilltop, pupil=joiner)
    assert checked.key_check == "deployment"
    _, written = import_passport(joiner, checked, by=leader)
    db.session.commit()
    assert written
    [entry] = db.session.scalars(select(Entry).where(Entry.pupil_id == joiner.id))
    assert entry.current_revision.content["what_i_learned"] == "Vets work long hours."
    assert db.session.scalar(select(SignOff).where(SignOff.entry_id == entry.id)) is not None

    # A file without the PDF is a passport too; a PDF that is a zip bomb is refused.
    del files["passport.pdf"]
    assert check(rezip(files), receiving=hilltop, pupil=joiner).counts["entries"] == 1
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, body)
        archive.writestr("passport.pdf", b"\0" * (3 * 1024 * 1024))
    with pytest.raises(Refused, match="zip bomb"):
        check(out.getvalue(), receiving=hilltop, pupil=joiner)


def test_the_pdf_shows_pupils_text_as_text(app, make):
    """Markdown is rendered through the passport's safe renderer: nothing typed becomes a tag,
    an image or a script link (no render: the HTML is what WeasyPrint would get)."""
    school = make.school("Riverside Academy", urn="100001")
    pupil, _, _ = full_record(make, school)
    document, _ = passport_document(pupil, school, include_drafts=True)
    signed = next(e for e in document["entries"] if e["sign_offs"])
    signed["revisions"][-1]["content"]["what_i_learned"] = (
        "**Dogs** <script>alert(1)</script> ![x](http://evil.example/x.png) "
        "[me](javascript:alert(1))\x07"
    )
    document["pupil"]["preferred_first_name"] = "<b>Maya</b>"
    made = pdf_text(pdf.render_passport_pdf(json.loads(json.dumps(document))))
    assert "<script>alert(1)</script>" in made and "<b>Maya</b>" in made  # as text, in Typst
    assert "#" not in json.dumps(pdf.typst_input(document)["record"]["name"])
    html = pdf.passport_html(json.loads(json.dumps(document)))
    assert "<strong>Dogs</strong>" in html
    assert "&lt;script&gt;" in html and "<script" not in html
    assert "<img" not in html and "evil.example" not in html
    assert "javascript:" not in html and "\x07" not in html
    assert "&lt;b&gt;Maya&lt;/b&gt; Patel" in html and "<b>Maya" not in html


def test_an_export_goes_without_the_pdf_when_it_cannot_be_made(app, make, monkeypatch):
    def broken(data):
        raise RuntimeError("no fonts today")

    monkeypatch.setattr(pdf, "render_passport_pdf", broken)
    school = make.school("Riverside Academy", urn="100001")
    pupil, _, _ = full_record(make, school)
    files = members(passport_zip(pupil, include_drafts=False))
    assert "passport.pdf" not in files
    assert json.loads(files["passport.json"])["pupil"]["upn"] == UPN
