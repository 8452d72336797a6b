"""Pages that list entries send the same number of SQL statements however many there are."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.support import counting_queries


def statements_for(client, url: str) -> int:
    with counting_queries() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def add_entries(make, pupil, n: int, state: str = "submitted") -> None:
    for i in range(n):
        make.entry(pupil, state=state, occurred_on=date(2026, 1, 1) + timedelta(days=i))


@pytest.mark.parametrize(
    ("url", "state"),
    [
        ("/passport/timeline", "submitted"),
        ("/passport/timeline", "draft"),
        ("/", "draft"),
    ],
)
def test_pupil_pages_do_not_grow_with_entries(client, login, make, pupil, url, state):
    login(pupil.user)
    add_entries(make, pupil, 5, state)
    with_5 = statements_for(client, url)
    add_entries(make, pupil, 45, state)
    with_50 = statements_for(client, url)
    assert with_5 == with_50, f"{url}: {with_5} statements with 5 entries, {with_50} with 50"


def test_staff_timeline_does_not_grow_with_entries(client, login, make, pupil, tutor):
    login(tutor)
    add_entries(make, pupil, 5)
    with_5 = statements_for(client, f"/pupils/{pupil.id}/timeline")
    add_entries(make, pupil, 45)
    with_50 = statements_for(client, f"/pupils/{pupil.id}/timeline")
    assert with_5 == with_50


def test_pupil_home_with_a_careers_journey_does_not_grow_with_entries(client, login, make, pupil):
    """Saved entries of every kind the journey counts, over several school years."""
    import uuid

    from journal.extensions import db
    from journal.passport.entries.operations import record_entry
    from journal.passport.plans.models import IntendedDestination

    db.session.add(IntendedDestination(pupil_id=pupil.id, stage="18", category="240"))
    login(pupil.user)

    def add(n: int) -> None:
        for i in range(n):
            day = date(2023, 9, 1) + timedelta(days=i * 20)
            make.entry(pupil, occurred_on=day, category=("careers_fair", "university")[i % 2])
            record_entry(
                pupil,
                kind="workplace",
                client_id=str(uuid.uuid4()),
                content={"placement_kind": "placement", "occurred_on": day.isoformat()},
                state="submitted",
                author=pupil.user,
            )

    add(3)
    with_few = statements_for(client, "/")
    add(30)
    with_many = statements_for(client, "/")
    assert with_few == with_many, f"/: {with_few} statements with 6 entries, {with_many} with 66"
