"""Benchmark: the careers leader's dashboard and a gap list over the whole scratch school
(``flask --app journal bench cohort``; 2,000 pupils by default).

Before measuring (untimed), every pupil on roll is brought up to ``ENTRIES`` saved entries:
the demo passports give each pupil a few dozen, and the issue asks for 50 each. The extra
entries are encounters with employers and providers and workplace experiences, dated over
the pupil's school years; they are written as entry rows only (no revision content), which
is all the dashboard reads. Then, signed in as the demo careers leader:

- ``cohort-dashboard``: the whole school, over HTTP through gunicorn beside its bare route
  (see ``journal_bench.common``);
- ``cohort-dashboard-y11-ehcp``: filtered to Year 11 pupils with an EHCP;
- ``cohort-gap-list``: this year's employer encounter, the longest list;
- ``cohort-gap-csv``: the same list as a CSV file.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from flask import Flask
from sqlalchemy import func, insert, select

from journal.calendar import school_year_of, today
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.schools.models import Pupil
from journal_demo.planned import client_id

from .common import Bench, Figure, measure_page

ENTRIES = 50
LEADER = "careers"
KINDS = (  # (kind, category, benchmark)
    ("encounter", "employer_talk", 5),
    ("encounter", "careers_fair", 5),
    ("encounter", "fe_college", 7),
    ("encounter", "university", 7),
    ("workplace", "work_visit", 6),
)


def top_up_entries(app: Flask, per_pupil: int = ENTRIES, *, seed: int = 2026) -> int:
    """Give every pupil on roll at least ``per_pupil`` saved entries; returns how many
    were added."""
    rng = random.Random(seed)
    on = today()
    with app.app_context():
        have = dict(
            db.session.execute(
                select(Pupil.id, func.count(Entry.id))
                .outerjoin(Entry, Entry.pupil_id == Pupil.id)
                .where(Pupil.left_on.is_(None))
                .group_by(Pupil.id)
            ).all()
        )
        began = dict(db.session.execute(select(Pupil.id, Pupil.record_began_on)).all())
        rows = []
        for pupil_id, count in have.items():
            start = max(began[pupil_id], date(school_year_of(on) - 6, 9, 1))
            days = max((on - start).days, 1)
            for _ in range(per_pupil - count):
                kind, category, benchmark = rng.choice(KINDS)
                rows.append(
                    {
                        "pupil_id": pupil_id,
                        "kind": kind,
                        "client_id": client_id(rng),
                        "state": "submitted",
                        "source": "pupil",
                        "occurred_on": start + timedelta(days=rng.randrange(days)),
                        "category": category,
                        "benchmark": benchmark,
                    }
                )
        for first in range(0, len(rows), 5000):
            db.session.execute(insert(Entry), rows[first : first + 5000])
        db.session.commit()
        return len(rows)


def _timed_cpu(request, spent: list[float]):
    """``request``, also noting the CPU time of this process it took (the shared bench
    machine's load inflates wall-clock times; on SQLite the database works in-process)."""

    def call():
        start = time.process_time()
        try:
            return request()
        finally:
            spent.append(time.process_time() - start)

    return call


def _cpu_note(spent: list[float]) -> str:
    return f"cpu median {statistics.median(spent) * 1000:.0f} ms" if spent else ""


def cohort_benchmark(bench: Bench) -> list[Figure]:
    """The figures of ``bench cohort``, each with the median CPU time of this process in its
    note."""
    added = bench.isolated(top_up_entries, bench.app)
    client = bench.client(LEADER)
    figures = []
    for name, path, note in (
        ("cohort-dashboard", "/cohort", f"{ENTRIES} entries a pupil, {added:,} added untimed"),
        ("cohort-dashboard-y11-ehcp", "/cohort?year=11&sen=E", "Year 11 with an EHCP"),
        ("cohort-gap-list", "/cohort/gaps/employer", "no employer encounter, whole school"),
        ("cohort-gap-csv", "/cohort/gaps/employer/export.csv", "the same list as CSV"),
    ):
        if name == "cohort-dashboard":  # over HTTP through gunicorn, beside its bare route
            figures += measure_page(bench, name, client, path, note)
            continue
        spent: list[float] = []
        figure = bench.measure(name, _timed_cpu(lambda p=path: client.get(p), spent), note=note)
        figure.note = f"{note}; {_cpu_note(spent[1:])}"  # the warm-up call is not counted
        figures.append(figure)
    return figures
