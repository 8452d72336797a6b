"""Statements per page do not grow with the school: the pupil's home, timeline and entry and
the staff pupil record send the same number of SQL statements in a school of 3 pupils and
in one of 23 (each pupil with entries of their own). Counts, not seconds."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from journal.accounts.roles import Role
from journal.extensions import db


@pytest.fixture
def counted(app):
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith("BEGIN"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    yield seen
    event.remove(db.engine, "before_cursor_execute", note)


def _statements(client, counted, path: str) -> int:
    client.get(path)  # warm: anything done once per process is not counted
    counted.clear()
    response = client.get(path)
    assert response.status_code == 200, path
    return len(counted)


def test_statements_per_page_do_not_grow_with_the_school(client, login, make, counted):
    school = make.school("Riverside")
    group = make.group(school, "10H")
    pupil = make.pupil(school, group, first="Maya")
    for n in range(3):
        make.entry(pupil, organisation=f"Firm {n}")
    entry = make.entry(pupil, organisation="Big Firm")
    tutor = make.user(school, Role.TUTOR)
    group.tutors.append(tutor)
    db.session.commit()
    pages = {
        "pupil": ["/", "/passport/timeline", f"/passport/entries/{entry.id}"],
        "tutor": [f"/pupils/{pupil.id}"],
    }
    people = {"pupil": pupil.user, "tutor": tutor}

    def measure() -> dict[str, int]:
        found = {}
        for who, paths in pages.items():
            login(people[who])
            for path in paths:
                found[path] = _statements(client, counted, path)
        return found

    small = measure()
    for n in range(20):
        other = make.pupil(school, group, first=f"Pupil{n}")
        make.entry(other, organisation=f"Other firm {n}")
    for n in range(20):
        make.entry(pupil, organisation=f"More {n}")
    db.session.commit()
    assert measure() == small
    assert all(count > 0 for count in small.values())
