"""Demo data the cohort dashboard needs and the passports do not give: guidance interviews for
many pupils in Years 10 to 13, so the gap lists are real lists rather than everyone.
Deterministic from the seed; only done once per school. (Leavers and their destinations come
from ``journal_demo.destinations``.)"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, or_, select

from journal import calendar
from journal.accounts.operations import find_by_login
from journal.extensions import db
from journal.guidance.models import GuidanceInterview
from journal.schools.models import Pupil, School

from .common import DEMO_PUPIL, school_number, trust_login

# The share of pupils in each year group who have had a guidance interview by now.
INTERVIEWED = {10: 0.25, 11: 0.7, 12: 0.4, 13: 0.75, 14: 0.5}


def seed_cohort(school: School, *, seed: int = 2026) -> None:
    """Guidance interviews for the demo school (once)."""
    rng = random.Random(f"{seed}:cohort")
    on = calendar.today()
    adviser = find_by_login(trust_login("adviser", school_number(school)))
    interviews = db.session.scalar(
        select(func.count(GuidanceInterview.id))
        .join(Pupil, Pupil.id == GuidanceInterview.pupil_id)
        .where(Pupil.school_id == school.id)
    )
    if (interviews or 0) <= 1:  # Maya's own interview does not count
        _interviews(school, adviser, rng, on)


def _interviews(school: School, adviser, rng: random.Random, on: date) -> None:
    """Not for the demo pupil, Maya, whose own interview ``journal_demo.school`` writes by
    hand."""
    maya = find_by_login(DEMO_PUPIL)
    rows = []
    pupils = db.session.execute(
        select(Pupil.id, Pupil.year_group)
        .where(
            Pupil.school_id == school.id,
            Pupil.left_on.is_(None),
            Pupil.year_group >= 10,
            or_(Pupil.user_id.is_(None), Pupil.user_id != (maya.id if maya else 0)),
        )
        .order_by(Pupil.id)
    )
    for pupil_id, year_group in pupils:
        if rng.random() >= INTERVIEWED.get(year_group, 0):
            continue
        start, _end = calendar.school_year_bounds(calendar.school_year_of(on))
        held = min(on, start + timedelta(days=rng.randint(10, 300)))
        if year_group in (11, 13) and rng.random() < 0.5:  # some were seen the year before
            held = held - timedelta(days=365)
        rows.append(
            {
                "pupil_id": pupil_id,
                "adviser_id": adviser.id if adviser else None,
                "adviser_name": adviser.display_name if adviser else "Careers adviser",
                "held_on": held,
                "place": "Careers office",
                "notes": "Talked about options after this year.",
                "advice": "",
                "visibility": "pupil_family",
                "created_by_id": adviser.id if adviser else None,
                "created_at": datetime.combine(held, time(11), calendar.LONDON),
            }
        )
    if rows:
        db.session.execute(insert(GuidanceInterview), rows)
