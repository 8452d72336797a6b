"""Fixtures and helpers shared by the statement, comment and plain-text tests (imported by
each test module, so they do not depend on anyone else's conftest)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db

LONG = "I have loved animals since I was small. " * 10  # 400 characters


@pytest.fixture
def school(make):
    return make.school("Riverside")


@pytest.fixture
def tutor(make, school):
    return make.user(school, Role.TUTOR, name="Ms Rahman")


@pytest.fixture
def group(make, school, tutor):
    return make.group(school, "10H", tutors=[tutor])


@pytest.fixture
def pupil(make, school, group):
    return make.pupil(school, group, first="Maya", last="Patel")


@pytest.fixture
def ucas(make, pupil):
    return make.document(pupil, kind="ucas", title="UCAS statement")


@pytest.fixture
def free(make, pupil):
    return make.document(pupil, kind="statement", title="College", char_limit=500)


def events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


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
