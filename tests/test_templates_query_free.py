"""Templates run no queries: the view (or the page composing several domains) loads what a page
shows before it renders. Each role's home page and the staff pupil record are rendered with a
listener on the database that counts only the statements sent while a template renders."""

from __future__ import annotations

import traceback
from contextlib import contextmanager
from datetime import timedelta

import pytest
from flask import before_render_template, template_rendered

from journal.calendar import today
from journal.extensions import db
from journal.guidance import operations as guidance

from .access_support import STAFF, entry_of


@contextmanager
def statements_while_rendering(app):
    """The SQL statements sent while any template renders, each with where it came from."""
    depth = [0]
    found: list[tuple[str, str]] = []

    def started(_app, **_extra):
        depth[0] += 1

    def finished(_app, **_extra):
        depth[0] -= 1

    def before(_conn, _cursor, statement, *_args):
        if depth[0]:
            frames = [
                f"{frame.filename.rsplit('/', 2)[-2]}/{frame.name}:{frame.lineno}"
                for frame in traceback.extract_stack()
                if "/templates/" in frame.filename or "/journal/" in frame.filename
            ]
            found.append((" ".join(statement.split())[:90], " < ".join(reversed(frames))))

    before_render_template.connect(started, app)
    template_rendered.connect(finished, app)
    db.event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield found
    finally:
        db.event.remove(db.engine, "before_cursor_execute", before)
        template_rendered.disconnect(finished, app)
        before_render_template.disconnect(started, app)


@pytest.fixture
def full_world(world, make):
    """The access tests' world with something on every panel of the pages under test."""
    pupil = world.pupil
    entry_of(pupil)
    make.entry(pupil, state="draft")
    adviser = world.users["careers_adviser"]
    new = guidance.NewAction("Visit the college", "pupil", due_on=today() - timedelta(days=2))
    guidance.add_action(pupil, new, by=adviser)
    db.session.commit()
    return world


def _pages(w) -> list[tuple[str, str]]:
    record = f"/pupils/{w.pupil.id}"
    pages = [(role, "/") for role in ("pupil", "family", *STAFF)]
    return pages + [(role, record) for role in STAFF]


def test_home_pages_and_the_pupil_record_render_without_queries(app, client, login, full_world):
    found = []
    for role, url in _pages(full_world):
        login(full_world.users[role])
        with statements_while_rendering(app) as statements:
            response = client.get(url)
        assert response.status_code == 200, (role, url)
        found += [f"{role} {url}: {sql}\n    from {where}" for sql, where in statements]
    assert not found, "statements sent while rendering:\n" + "\n".join(found)


def test_the_listener_sees_a_query_run_from_a_template(app, client, login, full_world):
    """The check above can fail: a template that runs a query is caught."""
    from flask import render_template_string

    from journal.schools.models import Pupil

    with app.test_request_context(), statements_while_rendering(app) as statements:
        render_template_string("{{ count() }}", count=lambda: db.session.query(Pupil).count())
    assert [sql for sql, _ in statements if sql.startswith("SELECT")]
