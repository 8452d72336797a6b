from __future__ import annotations

from datetime import date

import pytest

from journal.accounts.roles import Role
from journal.extensions import db
from journal.guidance import operations
from journal.guidance.models import PUPIL_AND_FAMILY


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
    return make.pupil(school, group, first="Maya")


@pytest.fixture
def add_note(adviser):
    def _add(pupil, text="Look at college open days.", visibility=PUPIL_AND_FAMILY, kind="advice"):
        note = operations.add_note(pupil, by=adviser, kind=kind, text=text, visibility=visibility)
        db.session.commit()
        return note

    return _add


@pytest.fixture
def add_action(adviser):
    def _add(
        pupil,
        what="Visit the college",
        *,
        owner_kind="pupil",
        owner_user=None,
        owner_name="",
        due_on: date | None = None,
        visibility=PUPIL_AND_FAMILY,
    ):
        new = operations.NewAction(what, owner_kind, owner_user, owner_name, due_on)
        action = operations.add_action(pupil, new, by=adviser, visibility=visibility)
        db.session.commit()
        return action

    return _add
