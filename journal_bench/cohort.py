"""Benchmark: the careers leader's dashboard and a gap list over the whole scratch school
(``flask --app journal bench cohort``; 2,000 pupils by default).

Before measuring (untimed), every pupil on roll is brought up to ``ENTRIES`` saved entries:
the demo passports give each pupil a few dozen, and the issue asks for 50 each. The extra
entries are generated like the demo's (``journal_demo.passports.top_up_passports``) and
written, with their revisions, by the passport's bulk writer; a database built with
``seed-demo --entries 50`` has them already. Then, signed in as the demo careers leader:

- ``cohort-dashboard``: the whole school, over HTTP through gunicorn beside its bare route
  (see ``journal_bench.common``);
- ``cohort-dashboard-y11-ehcp``: filtered to Year 11 pupils with an EHCP;
- ``cohort-gap-list``: this year's employer encounter, the longest list;
- ``cohort-gap-csv``: the same list as a CSV file.
"""

from __future__ import annotations

import statistics
import time

from flask import Flask
from sqlalchemy import select

from journal.extensions import db
from journal.schools.models import Pupil
from journal_demo.passports import top_up_passports

from .common import Bench, Figure, measure_page

ENTRIES = 50
LEADER = "careers"


def top_up_entries(app: Flask, per_pupil: int = ENTRIES, *, seed: int = 2026) -> int:
    """Give every pupil on roll at least ``per_pupil`` saved entries (generated like the demo's,
    through the passport's bulk writer); returns how many were added."""
    with app.app_context():
        pupils = db.session.scalars(
            select(Pupil).where(Pupil.left_on.is_(None)).order_by(Pupil.id)
        ).all()
        added = top_up_passports(pupils, per_pupil, seed=seed)
        db.session.commit()
        return added


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
