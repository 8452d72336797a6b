"""Pages that list entries send the same number of SQL statements however many there are."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .conftest import counting_queries


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
