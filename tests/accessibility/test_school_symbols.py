"""A school's own symbols: uploading, replacing and removing them, serving them, and pupils of
that school (only) seeing them in place of OpenMoji's."""

from __future__ import annotations

import io
import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from journal.accessibility.models import OWN, SchoolSymbol, ViewPreferences
from journal.accessibility.symbols import find_matches, lookup, with_school_symbols
from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from journal.media.storage import storage

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>'
OTHER_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="9"/></svg>'
OPENMOJI_WORK = f"/static/vendor/openmoji/{lookup('work')}.svg"


@pytest.fixture
def schools(make):
    """Two schools, each with a pupil who has symbols on; school A has an admin."""
    a, b = make.school("Riverside"), make.school("Hillside")
    pupil_a = make.pupil(a, make.group(a), first="Maya")
    pupil_b = make.pupil(b, make.group(b), first="Rita")
    for pupil in (pupil_a, pupil_b):
        db.session.add(ViewPreferences(user_id=pupil.user_id, set_by=OWN, symbols=True))
    admin = make.user(a, Role.SCHOOL_ADMIN)
    db.session.commit()
    return {"a": a, "b": b, "pupil_a": pupil_a, "pupil_b": pupil_b, "admin": admin}


def upload(client, term: str, data: bytes = SVG, name: str = "symbol.svg"):
    return client.post(
        "/admin/symbols",
        data={"term": term, "picture": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def symbol_named(term: str) -> SchoolSymbol:
    db.session.expire_all()
    return db.session.scalar(select(SchoolSymbol).where(SchoolSymbol.term == term))


def symbol_above(html: str, word: str) -> str | None:
    """The picture address above ``word`` in a page, or None when the word has no symbol."""
    found = re.search(rf'<img src="([^"]+)" alt="" aria-hidden="true"><span>{word}</span>', html)
    return found and found.group(1)


def page_as(app, login, user, path: str) -> str:
    client = login(user, on=app.test_client())
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


# --- Matching ------------------------------------------------------------------------------


def test_a_school_word_wins_over_openmoji_through_its_endings():
    lex = with_school_symbols((("work", 7),))
    assert {m.hexcode for m in find_matches("I work, worked and am working", lex)} == {"school:7"}
    assert lookup("job", lex) == lookup("job")  # other words keep their symbols


def test_a_school_phrase_wins_over_the_default_single_words():
    text = "My dream jobs are here"
    assert [text[m.start : m.end] for m in find_matches(text)][:2] == ["dream", "jobs"]
    lex = with_school_symbols((("dream job", 3),))
    matches = [(text[m.start : m.end], m.hexcode) for m in find_matches(text, lex)]
    assert matches[0] == ("dream jobs", "school:3")


def test_a_school_word_the_default_lexicon_lacks_now_gets_a_symbol():
    assert lookup("zumba") is None
    assert lookup("zumba", with_school_symbols((("zumba", 4),))) == "school:4"


# --- Seeing them ---------------------------------------------------------------------------


def test_pupils_of_the_school_see_its_picture_in_the_interface_and_their_own_writing(
    app, make, login, schools
):
    client = login(schools["admin"])
    assert upload(client, "work").status_code == 302
    symbol = symbol_named("work")
    entry_a = make.entry(schools["pupil_a"], what_i_did="I liked the work.")
    entry_b = make.entry(schools["pupil_b"], what_i_did="I liked the work.")
    db.session.commit()
    ours = f"/symbols/{symbol.id}"

    interface = page_as(app, login, schools["pupil_a"].user, "/passport/skills")
    writing = page_as(app, login, schools["pupil_a"].user, f"/passport/entries/{entry_a.id}")
    assert symbol_above(interface, "work") == ours
    assert symbol_above(writing, "work") == ours

    elsewhere = page_as(app, login, schools["pupil_b"].user, "/passport/skills")
    elsewhere_writing = page_as(
        app, login, schools["pupil_b"].user, f"/passport/entries/{entry_b.id}"
    )
    assert symbol_above(elsewhere, "work") == OPENMOJI_WORK
    assert symbol_above(elsewhere_writing, "work") == OPENMOJI_WORK
    assert "/symbols/" not in elsewhere + elsewhere_writing


def test_removing_a_symbol_brings_the_usual_one_back(app, make, login, schools):
    client = login(schools["admin"])
    upload(client, "work")
    symbol = symbol_named("work")
    key, symbol_id = symbol.key, symbol.id
    assert client.post(f"/admin/symbols/{symbol_id}/remove").status_code == 302

    html = page_as(app, login, schools["pupil_a"].user, "/passport/skills")
    assert symbol_above(html, "work") == OPENMOJI_WORK
    assert symbol_named("work") is None
    assert not storage().exists(key)
    pupil = login(schools["pupil_a"].user, on=app.test_client())
    assert pupil.get(f"/symbols/{symbol_id}").status_code == 404


@contextmanager
def school_symbol_queries():
    """Count the statements that read ``school_symbols`` while the block runs."""
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        if "school_symbols" in statement:
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_the_school_set_is_read_once_a_request_and_not_at_all_with_symbols_off(
    app, make, login, schools
):
    upload(login(schools["admin"]), "work")
    with school_symbol_queries() as seen:
        page_as(app, login, schools["pupil_a"].user, "/passport/skills")
    assert len(seen) == 1

    db.session.execute(
        db.update(ViewPreferences)
        .where(ViewPreferences.user_id == schools["pupil_a"].user_id)
        .values(symbols=False)
    )
    db.session.commit()
    with school_symbol_queries() as seen:
        html = page_as(app, login, schools["pupil_a"].user, "/passport/skills")
    assert seen == [] and 'class="sym"' not in html


# --- Serving them --------------------------------------------------------------------------


def test_an_svg_symbol_is_served_sandboxed_to_its_school_only(app, make, login, schools):
    upload(login(schools["admin"]), "work")
    symbol = symbol_named("work")
    client = login(schools["pupil_a"].user, on=app.test_client())
    response = client.get(f"/symbols/{symbol.id}")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert b"<circle" in response.data
    again = client.get(f"/symbols/{symbol.id}", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304

    stranger = login(schools["pupil_b"].user, on=app.test_client())
    assert stranger.get(f"/symbols/{symbol.id}").status_code == 404


def test_a_png_symbol_is_served_as_png(app, make, login, schools):
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(data, "PNG")
    upload(login(schools["admin"]), "zumba", data.getvalue(), "zumba.png")
    symbol = symbol_named("zumba")
    response = login(schools["pupil_a"].user, on=app.test_client()).get(f"/symbols/{symbol.id}")
    assert response.mimetype == "image/png" and response.data.startswith(b"\x89PNG")


# --- Managing them -------------------------------------------------------------------------


def test_the_page_lists_the_schools_symbols_and_audits_what_changes(app, make, login, schools):
    client = login(schools["admin"])
    response = upload(client, "  Work   experience ")
    assert response.status_code == 302
    symbol = symbol_named("Work experience")
    assert symbol.match_key == "work experience" and symbol.media_type == "image/svg+xml"

    html = client.get("/admin/symbols").get_data(as_text=True)
    assert f'src="/symbols/{symbol.id}"' in html and "Work experience" in html

    client.post(
        f"/admin/symbols/{symbol.id}",
        data={"picture": (io.BytesIO(OTHER_SVG), "new.svg")},
        content_type="multipart/form-data",
    )
    client.post(f"/admin/symbols/{symbol.id}/remove")
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("school_symbol_%"))
    ).all()
    assert actions == ["school_symbol_added", "school_symbol_replaced", "school_symbol_removed"]


def test_replacing_serves_the_new_picture_and_forgets_the_old_file(app, make, login, schools):
    client = login(schools["admin"])
    upload(client, "work")
    symbol = symbol_named("work")
    old_key = symbol.key
    response = client.post(
        f"/admin/symbols/{symbol.id}",
        data={"picture": (io.BytesIO(OTHER_SVG), "new.svg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert b"<rect" in client.get(f"/symbols/{symbol.id}").data
    assert not storage().exists(old_key)


def test_a_careers_leader_can_add_symbols_and_a_tutor_cannot(app, make, login, schools):
    leader = make.user(schools["a"], Role.CAREERS_LEADER)
    tutor = make.user(schools["a"], Role.TUTOR)
    db.session.commit()
    assert upload(login(leader, on=app.test_client()), "work").status_code == 302
    assert upload(login(tutor, on=app.test_client()), "job").status_code == 403


@pytest.mark.parametrize(
    ("term", "data", "field", "message"),
    [
        ("", SVG, "term", "Enter the word or phrase"),
        ("Year 11", SVG, "term", "letters only"),
        ("the", SVG, "term", "small word"),
        ("work", SVG.replace(b"<circle", b"<script>x</script><circle"), "picture", "a script"),
        ("work", b"hello", "picture", "not an SVG or a PNG"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field_and_keeps_the_word(
    app, make, login, schools, term, data, field, message
):
    response = upload(login(schools["admin"]), term, data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', html, re.S)
    assert error and message in error.group(1)
    if term:
        assert f'value="{term}"' in html
    assert db.session.scalar(select(SchoolSymbol.id)) is None


def test_no_file_chosen_and_a_word_already_mapped_are_refused(app, make, login, schools):
    client = login(schools["admin"])
    response = client.post("/admin/symbols", data={"term": "work"})
    assert response.status_code == 422 and "Choose an SVG or PNG file." in response.text
    upload(client, "work")
    again = upload(client, "Work")
    assert again.status_code == 422 and "There is already a symbol for “work”" in again.text


def test_school_settings_link_to_the_symbols(app, make, login, schools):
    html = login(schools["admin"]).get("/admin/school").get_data(as_text=True)
    assert 'href="/admin/symbols"' in html and "Symbols for this school" in html


def test_a_careers_leader_finds_the_symbols_from_their_view_settings(app, make, login, schools):
    leader = make.user(schools["a"], Role.CAREERS_LEADER)
    db.session.commit()
    assert 'href="/admin/symbols"' in page_as(app, login, leader, "/settings/view")
    assert 'href="/admin/symbols"' not in page_as(
        app, login, schools["pupil_a"].user, "/settings/view"
    )
