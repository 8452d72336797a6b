"""A demo school: realistic people for trying the app, or many pupils for load testing."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import select
from stdnum.gb import upn as upn_lib

from journal.accounts import operations as accounts
from journal.accounts import passwords
from journal.accounts.models import User, UserRole
from journal.accounts.roles import Role
from journal.calendar import POST_19, school_year_of, today
from journal.extensions import db
from journal.schools.models import Pupil, School, TutorAssignment, TutorGroup
from journal.schools.operations import create_school

DEMO_URN = "100000"
DEMO_PASSWORD = "careers-passport-demo"  # noqa: S105 (printed for the demo)

FIRST_NAMES = [
    "Aisha",
    "Tom",
    "Maya",
    "Callum",
    "Sofia",
    "Ethan",
    "Amelia",
    "Oliver",
    "Zainab",
    "Harry",
    "Isla",
    "Leo",
    "Priya",
    "Jack",
    "Ava",
    "Noah",
    "Fatima",
    "Charlie",
    "Grace",
    "Mohammed",
    "Ruby",
    "Alfie",
    "Chloe",
    "George",
    "Lily",
    "Arthur",
    "Evie",
    "Oscar",
    "Poppy",
    "Freddie",
    "Hana",
    "Kacper",
    "Niamh",
    "Jayden",
    "Ellie",
    "Kai",
    "Zara",
    "Reuben",
    "Ivy",
    "Tyler",
]
LAST_NAMES = [
    "Begum",
    "Walker",
    "Patel",
    "McGregor",
    "Rossi",
    "Lee",
    "Smith",
    "Jones",
    "Khan",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Davies",
    "Evans",
    "Thomas",
    "Roberts",
    "Hussain",
    "Ahmed",
    "Nowak",
    "Kowalski",
    "Okafor",
    "Mensah",
    "Murphy",
    "Kelly",
    "Clarke",
    "Wright",
    "Green",
    "Hall",
    "Wood",
    "Hughes",
    "Edwards",
    "Singh",
    "Ali",
    "Campbell",
    "Shah",
    "Turner",
    "Hill",
    "Moore",
]
GROUP_LETTERS = "HWPMRL"


@dataclass
class DemoSignIn:
    role: str
    username: str
    password: str


@cache
def _demo_hash() -> str:
    """One hash for the shared demo password (argon2 is slow on purpose)."""
    return passwords.hash_password(DEMO_PASSWORD)


def demo_upn(la: int, establishment: int, serial: int) -> str:
    body = f"{la:03d}{establishment:04d}{today().year % 100:02d}{serial % 1000:03d}"
    return upn_lib.calc_check_digit(body) + body


def seed_demo(pupils: int = 60, *, seed: int = 2026) -> tuple[School, list[DemoSignIn]]:
    """Create (or reuse) the demo school with staff, tutor groups and ``pupils`` pupils."""
    rng = random.Random(seed)
    school = db.session.scalar(select(School).where(School.urn == DEMO_URN))
    if school is None:
        school = create_school(
            urn=DEMO_URN, name="Riverside Academy (demo)", school_type="mainstream"
        )
    groups = _tutor_groups(school, pupils)
    sign_ins = _staff(school, groups)
    _pupils(school, groups, pupils, rng)
    sign_ins += _demo_pupil(school)
    db.session.flush()
    return school, sign_ins


def _tutor_groups(school: School, pupils: int) -> dict[int, list[TutorGroup]]:
    per_year = max(1, min(len(GROUP_LETTERS), pupils // (9 * 25) + 1))
    existing = {
        g.name: g
        for g in db.session.scalars(select(TutorGroup).where(TutorGroup.school_id == school.id))
    }
    groups: dict[int, list[TutorGroup]] = {}
    for year in range(7, POST_19 + 1):
        for letter in GROUP_LETTERS[:per_year]:
            name = f"{year if year < POST_19 else 'P19'}{letter}"
            group = existing.get(name) or TutorGroup(
                school_id=school.id, name=name, year_group=year
            )
            db.session.add(group)
            groups.setdefault(year, []).append(group)
    db.session.flush()
    return groups


STAFF = (
    ("tutor", "Mr Sam Hughes (tutor, 10H)", [Role.TUTOR]),
    ("careers", "Ms Dee Okafor (careers leader)", [Role.CAREERS_LEADER]),
    ("adviser", "Jo Clarke (careers adviser)", [Role.CAREERS_ADVISER]),
    ("senco", "Mrs Anna Nowak (SENCO)", [Role.SENCO, Role.TUTOR]),
    ("admin", "Pat Green (school admin)", [Role.SCHOOL_ADMIN]),
)


def _staff(school: School, groups: dict[int, list[TutorGroup]]) -> list[DemoSignIn]:
    sign_ins = []
    for username, name, roles in STAFF:
        user = accounts.find_by_login(username)
        if user is None:
            user = accounts.create_user(
                school=school,
                username=username,
                display_name=name,
                roles=roles,
            )
            user.password_hash = _demo_hash()
            if Role.TUTOR in roles:
                group = groups[10][0] if username == "tutor" else groups[11][0]
                db.session.add(TutorAssignment(tutor_group_id=group.id, user_id=user.id))
        sign_ins.append(DemoSignIn(roles[0].label, username, DEMO_PASSWORD))
    return sign_ins


def _pupils(school: School, groups, count: int, rng: random.Random) -> None:
    have = db.session.scalar(select(db.func.count(Pupil.id)).where(Pupil.school_id == school.id))
    this_year = school_year_of(today())
    for serial in range(have, count):
        year = 7 + serial % 8 if serial % 40 else rng.choice([14, POST_19])
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        age = year - 7 + 11 + (1 if year == POST_19 else 0)
        born = (
            date(this_year - age, rng.randint(9, 12), rng.randint(1, 28))
            if rng.random() < 0.3
            else date(this_year - age + 1, rng.randint(1, 8), rng.randint(1, 28))
        )
        sen = rng.choices("NKE", weights=(80, 13, 7))[0]
        user = User(
            school_id=school.id, username=f"demo.pupil{serial}", display_name=f"{first} {last}"
        )
        user.role_rows = [UserRole(role=Role.PUPIL.value)]
        db.session.add(
            Pupil(
                school_id=school.id,
                user=user,
                upn=demo_upn(886, 4000 + serial // 1000, serial),
                legal_first_name=first,
                legal_last_name=last,
                date_of_birth=born,
                year_group=year,
                tutor_group=rng.choice(groups[year]),
                sen_status=sen,
                career_send_group=(1 if sen == "E" and rng.random() < 0.5 else 2)
                if sen != "N"
                else None,
                fsm=rng.random() < 0.22,
                pupil_premium=rng.random() < 0.25,
                looked_after=rng.random() < 0.02,
                gender=rng.choice(["Female", "Male"]),
                record_began_on=date(this_year - (year - 7), 9, 1),
            )
        )
        if serial % 500 == 499:
            db.session.flush()


def _demo_pupil(school: School) -> list[DemoSignIn]:
    """A named pupil in 10H with a password, so the demo can be tried as a pupil."""
    user = accounts.find_by_login("pupil")
    if user is None:
        user = accounts.create_user(
            school=school,
            username="pupil",
            display_name="Maya Patel",
            roles=[Role.PUPIL],
        )
        user.password_hash = _demo_hash()
        group = db.session.scalar(
            select(TutorGroup).where(TutorGroup.school_id == school.id, TutorGroup.name == "10H")
        )
        this_year = school_year_of(today())
        db.session.add(
            Pupil(
                school_id=school.id,
                user=user,
                upn=demo_upn(886, 3999, 1),
                legal_first_name="Maya",
                legal_last_name="Patel",
                date_of_birth=date(this_year - 15, 3, 14),
                year_group=10,
                tutor_group=group,
                sen_status="K",
                career_send_group=2,
                gender="Female",
                record_began_on=date(this_year - 3, 9, 1),
            )
        )
    return [DemoSignIn("Pupil", "pupil", DEMO_PASSWORD)]
