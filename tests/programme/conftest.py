"""A school with a careers leader, a tutor of 10H, Year 10 in two tutor groups, and Year 11."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.calendar import today
from journal.extensions import db

PAST = today() - timedelta(days=2)


@dataclass
class School:
    school: object
    leader: object
    tutor: object
    h: object  # 10H, the tutor's group
    p: object  # 10P
    eleven: object  # 11K
    year10: list
    year11: list


@pytest.fixture
def s(make) -> School:
    school = make.school("Riverside")
    leader = make.user(school, Role.CAREERS_LEADER, name="Dee Okafor")
    tutor = make.user(school, Role.TUTOR, name="Sam Hughes")
    h = make.group(school, "10H", tutors=[tutor])
    p = make.group(school, "10P")
    eleven = make.group(school, "11K", year_group=11)
    names = ["Ava", "Ben", "Cal", "Dan", "Eve", "Fay", "Gus", "Hal"]
    year10 = [
        make.pupil(school, h if i < 5 else p, first=name, last=f"Y{i}")
        for i, name in enumerate(names)
    ]
    year11 = [
        make.pupil(school, eleven, first=n, last="Z", year_group=11, sen_status=sen)
        for n, sen in (("Ida", "E"), ("Jo", "N"))
    ]
    db.session.commit()
    return School(school, leader, tutor, h, p, eleven, year10, year11)


def activity_form(**changes) -> dict:
    """A valid record-an-activity form for all of Year 10 (``changes`` override)."""
    data = {
        "client_id": str(uuid.uuid4()),
        "title": "Year 10 careers fair",
        "kind": "encounter:careers_fair",
        "occurred_on": PAST.isoformat(),
        "starts_at": "10:30",
        "place": "Sports hall",
        "organisations-0-name": "Riverside Hospital",
        "organisations-0-sector": "Health",
        "organisations-0-type": "employer",
        "organisations-1-name": "Riverside College",
        "organisations-1-sector": "Education",
        "organisations-1-type": "fe_college",
        "benchmarks": ["2"],
        "audience_kind": "years",
        "year_groups": ["10"],
    }
    data.update(changes)
    return data


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
