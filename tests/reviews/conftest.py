from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal.accounts.roles import Role
from journal.calendar import today
from journal.extensions import db
from journal.reviews import operations
from journal_demo.family import link_family
from tests.support import audit_actions  # noqa: F401 (imported from here too)


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
    return make.group(school, "10H", tutors=[tutor])


@pytest.fixture
def pupil(make, school, group):
    return make.pupil(school, group, first="Maya", last="Patel", record_began_on=date(2023, 9, 1))


@pytest.fixture
def other(make, school):
    return make.pupil(school, make.group(school, "8W", year_group=8), first="Ravi", year_group=8)


@pytest.fixture
def parent(make, school, pupil):
    user = make.user(school, Role.FAMILY, name="Kim Patel", username="kim")
    link_family(user, pupil, "Mum")
    db.session.commit()
    return user


@pytest.fixture
def review(pupil, adviser):
    made = operations.open_review(pupil, today() + timedelta(days=14), by=adviser)
    db.session.commit()
    return made
