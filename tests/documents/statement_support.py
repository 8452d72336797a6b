"""Fixtures and helpers shared by the statement, comment and plain-text tests (imported by
each test module, so they do not depend on anyone else's conftest)."""

from __future__ import annotations

import pytest

from journal.accounts.roles import Role
from tests.support import audit_actions as events  # noqa: F401 (imported from here too)
from tests.support import counting_queries  # noqa: F401 (imported from here too)

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
