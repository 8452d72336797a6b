from __future__ import annotations

import pytest

from tests.support import counting_queries  # noqa: F401 (imported from here too)


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
