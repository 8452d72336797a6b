"""Demo destinations: former pupils (one, ``alumnus``, signs in and is asked about their first
checkpoint), their destinations on leaving and at the checkpoints since, a role model, and the
September Guarantee for the current Years 11 and 12. Written in bulk; seeding again adds
nothing when the school already has destination records."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import func, insert, select

from journal.accounts import operations as accounts
from journal.accounts.models import User, UserRole
from journal.accounts.roles import Role
from journal.calendar import destination_checkpoints, today, utcnow
from journal.destinations.models import DestinationRecord, RoleModel
from journal.extensions import db
from journal.schools.models import Pupil, School

from .common import (
    DEMO_ALUMNUS,
    DEMO_PASSWORD,
    DemoSignIn,
    demo_hash,
    demo_upn,
    school_number,
    trust_login,
)

LEAVERS_FROM = 20  # one former pupil for every 20 on roll; none in the smallest demos
FIRST = ("Jordan", "Aisha", "Ben", "Chloe", "Daniel", "Ella", "Femi", "Grace", "Harry", "Iqra")
LAST = ("Mensah", "Khan", "Taylor", "Okafor", "Wright", "Nowak", "Hughes", "Shah", "Clarke")
# (code, provider) on leaving after Year 11, after Year 13, and later
AFTER_11 = (
    ("210", "Riverside Academy Sixth Form"),
    ("230", "Riverside College"),
    ("230", "Riverside College"),
    ("310", "Smith & Sons Electrical"),
    ("280", "Oakfield Specialist College"),
    ("460", "City Hospital supported internship"),
    ("619", ""),
)
LATER = (
    ("240", "University of Leeds"),
    ("310", "Northern Rail"),
    ("330", "Greenway Supermarket"),
    ("320", "Brightcare Homes"),
    ("230", "Riverside College"),
    ("360", "Corner Café"),
    ("619", ""),
    ("810", ""),
)
SOURCES = ("pupil", "local_authority", "staff")
GUARANTEE = (("offer_made", 86), ("no_offer", 4), ("not_appropriate", 3), ("not_recorded", 7))


def seed_destinations(school: School, pupils: int, *, seed: int = 2026) -> list[DemoSignIn]:
    """Seed once per school; returns the sign-ins to print."""
    have = db.session.scalar(
        select(func.count(DestinationRecord.id))
        .join(Pupil, DestinationRecord.pupil_id == Pupil.id)
        .where(Pupil.school_id == school.id)
    )
    number = school_number(school)
    if have or (number == 1 and accounts.find_by_login(DEMO_ALUMNUS) is not None):
        return _sign_in() if number == 1 else []
    rng = random.Random(seed + 10)
    leavers = _leavers(school, pupils // 20, rng, number) if pupils >= LEAVERS_FROM else []
    rows = [row for pupil in leavers for row in _leaver_records(pupil, rng)]
    rows += _guarantees(school, rng)
    if rows:
        db.session.execute(insert(DestinationRecord), rows)
    if leavers:
        db.session.add(
            RoleModel(
                pupil_id=leavers[-1].id,
                now_doing="Apprentice electrician at Smith & Sons Electrical",
                happy_to="Talk to Year 10 and 11 about apprenticeships",
                agreed_at=utcnow(),
            )
        )
    db.session.flush()
    return _sign_in() if number == 1 else []


def _sign_in() -> list[DemoSignIn]:
    if accounts.find_by_login(DEMO_ALUMNUS) is None:
        return []
    return [DemoSignIn("Former pupil", DEMO_ALUMNUS, DEMO_PASSWORD)]


def _first_due_left_on(on: date) -> date:
    """A July leaving date whose first checkpoint is due on ``on`` and not the second."""
    year = on.year - 1 if on >= date(on.year, 11, 1) else on.year - 2
    return date(year, 7, 20)


def _leavers(school: School, count: int, rng: random.Random, number: int = 1) -> list[Pupil]:
    """``count`` former pupils; in the demo school the first is the demo alumnus, with a
    password."""
    on = today()
    first_due = _first_due_left_on(on)
    made = []
    for n in range(count):
        if n == 0 and number == 1:
            user = accounts.create_user(
                school=school,
                username=DEMO_ALUMNUS,
                display_name="Jordan Mensah",
                roles=[Role.PUPIL],
            )
            user.password_hash = demo_hash()
            first, last, left_on, year = "Jordan", "Mensah", first_due, 11
        else:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            left_on = date(first_due.year - rng.randint(-1, 3), 7, rng.randint(15, 22))
            year = rng.choice((11, 11, 13))
            user = User(
                school_id=school.id,
                username=trust_login(f"demo.leaver{n}", number),
                display_name=f"{first} {last}",
            )
            user.role_rows = [UserRole(role=Role.PUPIL.value)]
        age_on_leaving = 16 if year == 11 else 18
        pupil = Pupil(
            school_id=school.id,
            user=user,
            upn=demo_upn(886, 4900 + 100 * (number - 1) + n // 1000, n),
            legal_first_name=first,
            legal_last_name=last,
            date_of_birth=date(
                left_on.year - age_on_leaving, rng.randint(1, 8), rng.randint(1, 28)
            ),
            year_group=year,
            sen_status=rng.choices("NKE", weights=(80, 13, 7))[0],
            fsm=rng.random() < 0.22,
            pupil_premium=rng.random() < 0.25,
            gender=rng.choice(["Female", "Male"]),
            record_began_on=date(left_on.year - (year - 6), 9, 1),
            left_on=left_on,
        )
        db.session.add(pupil)
        made.append(pupil)
    db.session.flush()
    return made


def _record(pupil: Pupil, stage: str, code: str, provider: str, on: date, source: str) -> dict:
    return {
        "pupil_id": pupil.id,
        "stage": stage,
        "activity_code": code,
        "guarantee_status": None,
        "provider": provider,
        "effective_on": on,
        "source": source,
        "note": "",
        "recorded_by_id": None,
        "recorded_at": utcnow(),
    }


def _leaver_records(pupil: Pupil, rng: random.Random) -> list[dict]:
    """On leaving, and each checkpoint already due (except the alumnus's first, left to ask)."""
    code, provider = rng.choice(AFTER_11 if pupil.year_group == 11 else LATER)
    started = date(pupil.left_on.year, 9, rng.randint(1, 10))
    rows = [_record(pupil, "leaving", code, provider, started, "staff")]
    if pupil.user and pupil.user.username == DEMO_ALUMNUS:
        return rows
    for n, due in enumerate(destination_checkpoints(pupil.left_on), start=1):
        if due > today():
            break
        if rng.random() < 0.6:  # mostly still doing the same
            code, provider = rng.choice(LATER)
        on = due - timedelta(days=rng.randint(0, 40))
        rows.append(_record(pupil, f"checkpoint_{n}", code, provider, on, rng.choice(SOURCES)))
    return rows


def _guarantees(school: School, rng: random.Random) -> list[dict]:
    """The September Guarantee for every pupil now in Years 11 and 12 (one query)."""
    rows = []
    for pupil_id, year in db.session.execute(
        select(Pupil.id, Pupil.year_group).where(
            Pupil.school_id == school.id, Pupil.year_group.in_((11, 12)), Pupil.left_on.is_(None)
        )
    ):
        status = rng.choices([s for s, _ in GUARANTEE], weights=[w for _, w in GUARANTEE])[0]
        rows.append(
            {
                "pupil_id": pupil_id,
                "stage": f"guarantee_{year}",
                "activity_code": None,
                "guarantee_status": status,
                "provider": "",
                "effective_on": None,
                "source": "staff",
                "note": "",
                "recorded_by_id": None,
                "recorded_at": utcnow(),
            }
        )
    return rows
