from __future__ import annotations

from datetime import date

import pytest

from journal.accounts.roles import Role
from journal.extensions import db
from tests.support import audit_actions, counting_queries  # noqa: F401 (imported from here too)


@pytest.fixture
def school(make):
    return make.school("Riverside")


@pytest.fixture
def adviser(make, school):
    return make.user(school, Role.CAREERS_ADVISER, name="Ada Adviser")


@pytest.fixture
def tutor(make, school):
    return make.user(school, Role.TUTOR, name="Tim Tutor")


@pytest.fixture
def group(make, school, tutor):
    return make.group(school, "11H", year_group=11, tutors=[tutor])


@pytest.fixture
def pupil(make, school, group):
    return make.pupil(school, group, first="Maya", last="Patel", year_group=11)


@pytest.fixture
def leaver(make, school):
    """A former pupil who left in July 2025: checkpoints due 1 Nov 2026, 2027 and 2028."""
    found = make.pupil(
        school, None, first="Jordan", last="Mensah", year_group=11, left_on=date(2025, 7, 18)
    )
    db.session.commit()
    return found
