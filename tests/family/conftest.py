from __future__ import annotations

import pytest

from journal.accounts.roles import Role
from journal.extensions import db
from journal.family import operations
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
    return make.pupil(school, group, first="Maya", last="Patel")


@pytest.fixture
def sibling(make, school):
    return make.pupil(
        school, make.group(school, "8W", year_group=8), first="Ravi", last="Patel", year_group=8
    )


@pytest.fixture
def parent(make, school):
    return make.user(school, Role.FAMILY, name="Kim Patel", username="kim")


@pytest.fixture
def linked(parent):
    """Link ``parent`` to a pupil (directly, as the demo does) and commit."""

    def _link(pupil, label="Mum"):
        link = link_family(parent, pupil, label)
        db.session.commit()
        return link

    return _link


@pytest.fixture
def invite(adviser):
    """An invite for a pupil: (invite, code)."""

    def _make(pupil, label=""):
        made = operations.make_invite(pupil, by=adviser, relationship_label=label)
        db.session.commit()
        return made

    return _make
