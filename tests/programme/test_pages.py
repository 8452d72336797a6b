"""The programme as a list and a month calendar (filters, attendance counts), provider access,
the demo, and query counts that do not grow with the programme."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from journal.calendar import today
from journal.extensions import db
from journal.programme import queries
from journal.programme.models import ProgrammeActivity
from tests.support import counting_queries

from .support import PAST, activity_form
from .test_activities import _activity


def _record_and_attend(client, s, present, **changes):
    client.post("/programme/new", data=activity_form(**changes))
    activity = _activity()
    ids = [p.id for p in s.year10 + s.year11]
    client.post(
        f"/programme/activities/{activity.id}/attendance",
        data={"listed": ids, "present": [p.id for p in present]},
    )
    return activity


def test_the_list_shows_counts_and_filters_by_year_group_and_benchmark(client, login, s):
    login(s.leader)
    _record_and_attend(client, s, s.year10[:6])
    client.post(
        "/programme/new",
        data=activity_form(
            title="College visit",
            kind="encounter:fe_college",
            year_groups=["11"],
            benchmarks=[],
            occurred_on=(today() + timedelta(days=3)).isoformat(),
        ),
    )
    page = client.get("/programme").text
    assert "6 of 8 attended" in page and "College visit" in page and "coming up" in page
    page = client.get("/programme?year_group=11").text
    assert "College visit" in page and "Year 10 careers fair" not in page
    page = client.get("/programme?benchmark=5").text
    assert "College visit" not in page and "Year 10 careers fair" in page
    activity = _activity()
    assert "6 of 8" not in client.get(f"/programme/activities/{activity.id}").text


def test_the_calendar_shows_a_month_day_by_day(client, login, s):
    login(s.leader)
    _record_and_attend(client, s, s.year10)
    page = client.get(f"/programme/calendar?month={PAST:%Y-%m}").text
    assert f"{PAST:%A %-d %B}" in page and "8 of 8 attended" in page
    empty = client.get("/programme/calendar?month=2001-01").text
    assert "Nothing in the programme this month" in empty
    assert client.get("/programme/calendar?month=nonsense").status_code == 200


def test_list_queries_do_not_grow_with_the_programme(client, login, s):
    login(s.leader)
    _record_and_attend(client, s, s.year10)

    def count() -> int:
        with counting_queries() as statements:
            assert client.get("/programme").status_code == 200
        return len(statements)

    one = count()
    for n in range(3):
        _record_and_attend(client, s, s.year10[:n], title=f"Talk {n}")
    assert count() == one


def test_provider_access_counts_two_encounters_per_band(client, login, s):
    login(s.leader)
    for n in range(2):
        _record_and_attend(client, s, s.year10[:3], title=f"College {n}")  # a college was there
    _record_and_attend(
        client,
        s,
        s.year10,
        title="Employer talk",
        kind="encounter:employer_talk",
        **{"organisations-1-name": ""},
    )
    rows = {r.year_group: r for r in queries.provider_access(s.leader)}
    assert (rows[10].pupils, rows[10].with_two, rows[10].short) == (8, 3, 5)
    assert rows[10].offered == 2
    page = client.get("/programme/provider-access").text
    assert "Provider access" in page and "<td>3</td>" in page


def test_seeding_the_demo_programme_twice_adds_nothing(app):
    from journal_demo.programme import seed_programme
    from journal_demo.school import seed_demo

    school, _ = seed_demo(pupils=30)
    seed_programme(school)
    db.session.commit()
    titles = list(db.session.scalars(select(ProgrammeActivity.title)))
    assert len(titles) == 3 and "Year 10 autumn careers fair" in titles
    assert db.session.scalar(select(func.count()).select_from(ProgrammeActivity)) == 3
