"""The roster import's benchmark: parse, plan and apply a 2,000-row MIS export into a new
school, and commit, as the confirm button does."""

from __future__ import annotations

import random
import time
from datetime import date

import click
from flask import Flask
from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError
from stdnum.gb import upn as upn_lib

from journal.accounts.models import User, UserRole
from journal.audit.models import AuditEvent
from journal.calendar import school_year_of, today
from journal.extensions import db
from journal.schools.models import Pupil, School, TutorGroup
from journal.schools.operations import apply_import, create_school, plan_import
from journal.schools.roster import parse_roster
from journal_demo.common import FIRST_NAMES, GROUP_LETTERS, LAST_NAMES

from .common import Bench, Figure

ROSTER_ROWS = 2000
ROSTER_HEADER = (
    "UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,"
    "DOB,Gender,Year,Reg,SEN Status,FSM Eligible"
)


def roster_csv(rows: int = ROSTER_ROWS, *, seed: int = 7) -> bytes:
    """A valid SIMS-style export of ``rows`` pupils, with correct UPN check letters."""
    rng = random.Random(seed)
    this_year = school_year_of(today())
    lines = [ROSTER_HEADER]
    for serial in range(rows):
        body = f"886{5000 + serial // 1000:04d}{this_year % 100:02d}{serial % 1000:03d}"
        upn = upn_lib.calc_check_digit(body) + body
        year = 7 + serial % 7
        born = date(this_year - (year - 7 + 11), rng.randint(9, 12), rng.randint(1, 28))
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        preferred = first[:3] if rng.random() < 0.05 else ""
        group = f"{year}{rng.choice(GROUP_LETTERS[:4])}"
        sen = rng.choices("NKE", weights=(80, 13, 7))[0]
        fsm = "Y" if rng.random() < 0.22 else "N"
        lines.append(
            f"{upn},{last},{first},,{preferred},{born:%d/%m/%Y},{rng.choice('FM')},"
            f"{year},{group},{sen},{fsm}"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def roster_import(bench: Bench) -> list[Figure]:
    """Parse, plan and apply a 2,000-row file into a new school, and commit: what the
    confirm button does. Each round imports into a fresh school, removed afterwards (untimed);
    one warm-up round is not counted."""
    data = roster_csv()
    name = f"roster-import-{ROSTER_ROWS}"
    seconds: list[float] = []
    statements = 0
    for round_ in range(bench.rounds + 1):
        school_id = bench.isolated(_new_school, bench.app, round_)
        mark = len(bench.statements)
        start = time.perf_counter()
        summary = bench.isolated(_import, bench.app, school_id, data)
        elapsed = time.perf_counter() - start
        if not summary.startswith(f"imported {ROSTER_ROWS}, "):
            raise click.ClickException(f"{name}: {summary}")
        if round_:
            seconds.append(elapsed)
            statements += len(bench.statements) - mark
        bench.isolated(_remove_school, bench.app, school_id)
    figure = Figure(name, seconds, statements / bench.rounds, len(data))
    figure.note = f"{ROSTER_ROWS / (figure.median_ms / 1000):,.0f} rows/s; bytes is the file's"
    bench.results[name] = figure
    return [figure]


def _new_school(app: Flask, round_: int) -> int:
    with app.app_context():
        school = create_school(
            urn=f"{9_000_000 + round_}", name="Bench import", school_type="mainstream"
        )
        db.session.commit()
        return school.id


def _import(app: Flask, school_id: int, data: bytes) -> str:
    with app.app_context():
        school = db.session.get(School, school_id)
        plan = plan_import(school, parse_roster(data))
        apply_import(school, plan, by=None, filename="bench.csv")
        db.session.commit()
        return plan.summary


def _remove_school(app: Flask, school_id: int) -> None:
    """Delete a benchmark school and everything imported into it (not timed)."""
    with app.app_context():
        users = select(User.id).where(User.school_id == school_id)
        try:
            db.session.execute(delete(AuditEvent).where(AuditEvent.school_id == school_id))
            db.session.execute(delete(Pupil).where(Pupil.school_id == school_id))
            db.session.execute(delete(UserRole).where(UserRole.user_id.in_(users)))
            db.session.execute(delete(User).where(User.school_id == school_id))
            db.session.execute(delete(TutorGroup).where(TutorGroup.school_id == school_id))
            db.session.execute(delete(School).where(School.id == school_id))
            db.session.commit()
        except SQLAlchemyError:  # a table added later refers to it: leave it in the scratch db
            db.session.rollback()
