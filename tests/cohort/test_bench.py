"""``flask --app journal bench cohort`` prints the dashboard's and the gap list's figures over a
scratch school whose pupils each have 50 entries (timings are printed, never asserted)."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from journal.extensions import db
from journal.passport.entries.models import Entry
from journal_bench.cli import bench_cmd
from journal_bench.cohort import top_up_entries

FIGURE = re.compile(r"^(?P<name>\S+)\s+median\s+[\d,.]+ ms\s+p95\s+[\d,.]+ ms\s+queries (?P<q>\d+)")


def test_bench_prints_the_cohort_figures(app):
    result = app.test_cli_runner().invoke(bench_cmd, ["cohort", "--pupils", "6", "--rounds", "2"])
    assert result.exit_code == 0, result.output
    printed = {m["name"]: int(m["q"]) for m in map(FIGURE.match, result.output.splitlines()) if m}
    assert set(printed) == {
        "cohort-dashboard",
        "cohort-dashboard-bare",
        "cohort-dashboard-y11-ehcp",
        "cohort-gap-list",
        "cohort-gap-csv",
    }
    assert printed["cohort-dashboard"] == printed["cohort-dashboard-y11-ehcp"] > 0
    assert "cpu median" in result.output


def test_top_up_gives_every_pupil_on_roll_fifty_entries(app, make):
    school = make.school()
    full = make.pupil(school)
    for _ in range(3):
        make.entry(full)
    make.pupil(school)
    db.session.commit()
    assert top_up_entries(app, 10) == 7 + 10
    counts = db.session.execute(select(func.count(Entry.id)).group_by(Entry.pupil_id)).scalars()
    assert sorted(counts) == [10, 10]
