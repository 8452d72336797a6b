"""Attendance for a whole year group is one request and a fixed number of SQL statements: the
same for 300 pupils as for 30 (entries, revisions, sign-offs and attendance rows in bulk)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from journal.accounts.roles import Role
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.signoff.models import SignOff
from journal.programme import operations
from journal.programme.models import ProgrammeActivity
from tests.support import counting_queries

from .support import PAST


def _year(make, school, year_group: int, size: int) -> list:
    group = make.group(school, f"{year_group}A", year_group=year_group)
    return [
        make.pupil(school, group, first=f"P{i}", year_group=year_group, with_account=False)
        for i in range(size)
    ]


def _activity(school, leader, pupils) -> ProgrammeActivity:
    activity, _ = operations.create_activity(
        school,
        leader,
        operations.NewActivity(
            client_id=str(uuid.uuid4()),
            title="Careers fair",
            kind_code="encounter:careers_fair",
            occurred_on=PAST,
            starts_at=None,
            place="",
            organisations=[],
            benchmarks=[],
            audience_kind="years",
            audience={"year_groups": [pupils[0].year_group]},
            audience_label="Year",
        ),
        pupils,
    )
    return activity


def _statements(client, activity, pupils) -> int:
    ids = [p.id for p in pupils]
    path = f"/programme/activities/{activity.id}/attendance"
    with counting_queries() as statements:
        response = client.post(path, data={"listed": ids, "present": ids})
    assert response.status_code == 302
    return len(
        [
            s
            for s in statements
            if not s.lstrip().upper().startswith(("BEGIN", "SAVEPOINT", "RELEASE"))
        ]
    )


def test_attendance_for_300_pupils_takes_as_many_statements_as_for_30(client, login, make):
    school = make.school()
    leader = make.user(school, Role.CAREERS_LEADER)
    small = _year(make, school, 9, 30)
    large = _year(make, school, 10, 300)
    first, second = _activity(school, leader, small), _activity(school, leader, large)
    db.session.commit()
    login(leader)

    for_30 = _statements(client, first, small)
    for_300 = _statements(client, second, large)

    assert for_30 == for_300, (for_30, for_300)
    print(f"statements to save the list: {for_300} for 300 pupils, {for_30} for 30")
    assert for_300 <= 20
    assert db.session.scalar(select(func.count()).select_from(Entry)) == 330
    assert db.session.scalar(select(func.count()).select_from(SignOff)) == 330


def test_correcting_attendance_for_many_pupils_is_fixed_too(client, login, make):
    school = make.school()
    leader = make.user(school, Role.CAREERS_LEADER)
    small, large = _year(make, school, 9, 30), _year(make, school, 10, 300)
    first, second = _activity(school, leader, small), _activity(school, leader, large)
    db.session.commit()
    login(leader)
    _statements(client, first, small)
    _statements(client, second, large)

    def untick_half(activity, pupils) -> int:
        ids = [p.id for p in pupils]
        path = f"/programme/activities/{activity.id}/attendance"
        with counting_queries() as statements:
            client.post(path, data={"listed": ids, "present": ids[::2]})
        return len(statements)

    assert untick_half(first, small) == untick_half(second, large)
    assert db.session.scalar(select(func.count()).select_from(Entry)) == 165


def test_the_attendance_page_takes_as_many_statements_for_300_as_for_30(client, login, make):
    school = make.school()
    leader = make.user(school, Role.CAREERS_LEADER)
    small, large = _year(make, school, 9, 30), _year(make, school, 10, 300)
    first, second = _activity(school, leader, small), _activity(school, leader, large)
    db.session.commit()
    login(leader)

    def page(activity) -> int:
        path = f"/programme/activities/{activity.id}/attendance"  # loads it outside the count
        with counting_queries() as statements:
            response = client.get(path)
        assert response.status_code == 200
        return len([s for s in statements if not s.lstrip().upper().startswith("BEGIN")])

    assert page(first) == page(second)
    _statements(client, first, small)
    _statements(client, second, large)
    assert page(first) == page(second)
