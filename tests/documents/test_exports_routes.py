"""Downloading a CV or statement: file names, headers, audit, and the downloads panel."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from sqlalchemy import select

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db


def setup_pupil(make, **extra):
    school = make.school()
    group = make.group(school, "10H")
    pupil = make.pupil(school, group, first="Zoë", last="O'Brien")
    cv = make.document(pupil, content={"profile": "I like animals.", **extra})
    return school, group, pupil, cv


def test_the_pupil_downloads_her_cv_as_pdf_in_each_style(client, make, login):
    _, _, pupil, cv = setup_pupil(make)
    login(pupil.user)
    pages = {}
    for style in ("standard", "large", "symbols"):
        response = client.get(f"/documents/{cv.id}/export.pdf?style={style}")
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment")
        assert re.search(r'filename="?Zoe-OBrien-CV-\d{4}-\d{2}\.pdf', disposition)
        assert response.headers["Cache-Control"] == "private, no-store"
        reader = PdfReader(io.BytesIO(response.data))
        assert "I like animals." in " ".join(reader.pages[0].extract_text().split())
        pages[style] = reader
    assert pages["large"].metadata.title == "Zoë O'Brien – CV"


def test_the_pupil_downloads_a_word_file(client, make, login):
    _, _, pupil, cv = setup_pupil(make)
    login(pupil.user)
    response = client.get(f"/documents/{cv.id}/export.docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "Zoe-OBrien-CV-" in response.headers["Content-Disposition"]
    assert re.search(r'\.docx"?$', response.headers["Content-Disposition"])
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.data[:2] == b"PK"


def test_an_unknown_style_is_not_found(client, make, login):
    _, _, pupil, cv = setup_pupil(make)
    login(pupil.user)
    assert client.get(f"/documents/{cv.id}/export.pdf?style=tiny").status_code == 404


def test_staff_downloads_are_audited(client, make, login):
    school, _, pupil, cv = setup_pupil(make)
    careers = make.user(school, Role.CAREERS_LEADER)
    login(careers)
    base = f"/pupils/{pupil.id}/documents/{cv.id}"
    assert client.get(f"{base}/export.pdf?style=large").status_code == 200
    assert client.get(f"{base}/export.docx").status_code == 200
    db.session.expire_all()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "pupil_document_exported")
    ).all()
    assert [(e.actor_id, e.pupil_id, e.detail["format"]) for e in events] == [
        (careers.id, pupil.id, "pdf-large"),
        (careers.id, pupil.id, "docx"),
    ]


def test_a_document_of_another_pupil_is_not_found_from_either_route(client, make, login):
    school, group, _, cv = setup_pupil(make)
    other = make.pupil(school, group, first="Tom")
    login(other.user)
    assert client.get(f"/documents/{cv.id}/export.pdf").status_code == 404
    assert client.get(f"/documents/{cv.id}/export.docx").status_code == 404
    careers = make.user(school, Role.CAREERS_LEADER)
    login(careers)
    wrong = f"/pupils/{other.id}/documents/{cv.id}"
    assert client.get(f"{wrong}/export.pdf").status_code == 404
    assert client.get(f"{wrong}/export.docx").status_code == 404


def test_the_downloads_panel_links_every_format(app, make):
    from flask import render_template
    from flask_login import login_user

    _, _, pupil, cv = setup_pupil(make)
    with app.test_request_context():
        login_user(pupil.user)
        html = render_template("documents/_downloads.html", document=cv, for_pupil=True)
        staff = render_template("documents/_downloads.html", document=cv, for_pupil=False)
    for style in ("standard", "large", "symbols"):
        assert f"/documents/{cv.id}/export.pdf?style={style}" in html
        assert f"/pupils/{pupil.id}/documents/{cv.id}/export.pdf?style={style}" in staff
    assert f"/documents/{cv.id}/export.docx" in html
    assert f"/pupils/{pupil.id}/documents/{cv.id}/export.docx" in staff
    if "documents.export_text" in app.view_functions:
        assert f"/documents/{cv.id}/export.txt" in html


def test_the_body_partials_render_on_a_page_as_escaped_semantic_html(app, make):
    from flask import render_template
    from flask_login import login_user

    _, _, pupil, cv = setup_pupil(
        make,
        experience=[{"entry_id": None, "heading": "<b>Vets</b>", "when": "July", "text": "a\nb"}],
    )
    ucas = make.document(pupil, kind="ucas", title="U", content={"answers": ["One", "", "<i>"]})
    with app.test_request_context():
        login_user(pupil.user)
        body = render_template("documents/_cv_body.html", document=cv, content=cv.content)
        statement = render_template(
            "documents/_statement_body.html", document=ucas, content=ucas.content
        )
    assert "<h2>Personal profile</h2>" in body
    assert "<h2>Experience</h2>" in body
    assert '<ul class="doc-rows">' in body
    assert "&lt;b&gt;Vets&lt;/b&gt;" in body and "<b>Vets" not in body
    assert "<p>a</p><p>b</p>" in body
    assert statement.count("<h2>") == 3
    assert "<p>One</p>" in statement and "&lt;i&gt;" in statement
    assert "Not answered yet." in statement
