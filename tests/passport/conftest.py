from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from journal.extensions import db


@pytest.fixture
def school(make):
    return make.school("Riverside")


@pytest.fixture
def tutor(make, school):
    from journal.accounts.roles import Role

    return make.user(school, Role.TUTOR)


@pytest.fixture
def group(make, school, tutor):
    return make.group(school, "10H", tutors=[tutor])


@pytest.fixture
def pupil(make, school, group):
    return make.pupil(school, group, first="Maya")


@contextmanager
def counting_queries():
    """Collect the SQL statements sent while the block runs."""
    statements: list[str] = []

    def before(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
