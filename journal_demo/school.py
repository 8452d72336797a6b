"""A demo school: realistic people and passports for trying the app, or many pupils for load
testing.

``seed_demo`` creates the school, its staff and pupils, then a passport for every pupil that has
none: several dozen entries from Year 7 to now (encounters, workplace experiences with diary
days, achievements), skill ratings that cite them, aspirations, intended destinations and, for
pupils with SEND, an "all about me" profile. The demo pupil, Maya Patel, gets a hand-written
passport (``journal_demo.maya``); everyone else's is planned from word lists by
``plan_passport`` (``journal_demo.passports``), deterministically from the seed and today's
date. Passports are planned in memory and written in bulk by ``write_passports``
(``journal_demo.writing``), which writes exactly the rows ``record_entry`` would. Then each
domain's seeder adds its part (family, destinations, reviews, cohort, documents, programme).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import func, select

from journal.accounts import operations as accounts
from journal.accounts.models import User, UserRole
from journal.accounts.roles import Role
from journal.calendar import POST_19, school_year_of, today
from journal.extensions import db
from journal.guidance import operations as guidance
from journal.guidance.models import GuidanceInterview
from journal.passport.entries.models import Entry
from journal.passport.plans.models import (
    Aspiration,
    IntendedDestination,
    ProfileVersion,
    SkillRating,
)
from journal.passport.signoff.operations import StaleVersion, decide_sign_off
from journal.schools.models import Pupil, School, TutorAssignment, TutorGroup
from journal.schools.operations import create_school

from . import cohort, destinations, documents, family, programme, reviews
from .common import (
    DEMO_PASSWORD,
    DEMO_PUPIL,
    DEMO_URN,
    FIRST_NAMES,
    GROUP_LETTERS,
    LAST_NAMES,
    DemoSignIn,
    data,
    demo_hash,
    demo_upn,
    pupil_by_username,
)
from .maya import maya_passport
from .passports import plan_passport
from .planned import Passport
from .writing import BATCH, write_passports


def seed_demo(
    pupils: int = 60, *, seed: int = 2026, passports: bool = True
) -> tuple[School, list[DemoSignIn]]:
    """Create (or reuse) the demo school with staff, tutor groups and ``pupils`` pupils, and
    (unless ``passports`` is false) a passport for each pupil that has none yet. Seeding
    again adds only what is missing."""
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
    sign_ins += family.seed_family(school)  # Kim Patel, user "family", linked to Maya as "Mum"
    sign_ins += destinations.seed_destinations(school, pupils, seed=seed)  # "alumnus" signs in
    reviews.seed_reviews(school)  # Maya's coming annual review with three voices; an EHCP pupil's
    cohort.seed_cohort(school)  # guidance interviews for some pupils in Years 10-13
    if passports:
        _passports(school, seed=seed)
        _maya_signed_and_advised(school)
        documents.seed_maya_documents()
    programme.seed_programme(school)  # a Year 10 careers fair, a college visit, an assembly to come
    return school, sign_ins


def _maya_signed_and_advised(school: School) -> None:
    """The demo pupil's record from the school's side: her tutor has signed off her older
    entries, and the careers adviser has held a guidance interview with advice, a decision
    and actions (one of them overdue). Only done once."""
    maya = pupil_by_username(DEMO_PUPIL)
    if maya is None or db.session.scalar(
        select(GuidanceInterview.id).where(GuidanceInterview.pupil_id == maya.id)
    ):
        return
    _sign_off_older_entries(maya, accounts.find_by_login("tutor"))
    _guidance_interview(maya, accounts.find_by_login("adviser"))


def _sign_off_older_entries(maya: Pupil, tutor: User) -> None:
    old = select(Entry).where(
        Entry.pupil_id == maya.id,
        Entry.state == "submitted",
        Entry.occurred_on < today() - timedelta(days=60),
    )
    for entry in db.session.scalars(old).all():
        try:
            decide_sign_off(
                entry,
                revision_id=entry.current_revision_id,
                decision="signed",
                signer=tutor,
                signer_role="tutor",
            )
        except StaleVersion:  # pragma: no cover - nothing else is writing during a seed
            continue


def _guidance_interview(maya: Pupil, adviser: User) -> None:
    day = today() - timedelta(days=21)
    guidance.record_interview(
        maya,
        by=adviser,
        adviser=adviser,
        held_on=day,
        place="Careers office",
        notes="Maya is keen on working with animals. Talked about college and apprenticeships.",
        advice="Look at the animal care courses at City College and ask about open evenings.",
        decisions=("Maya will apply for the Level 2 animal care course.",),
        actions=(
            guidance.NewAction(
                "Go to the City College open evening", "pupil", due_on=day + timedelta(days=14)
            ),
            guidance.NewAction(
                "Send Maya the apprenticeship vacancy list",
                "staff",
                owner_user=adviser,
                due_on=today() + timedelta(days=10),
            ),
            guidance.NewAction(
                "Talk with Maya about travel to college", "family", owner_name="Maya's family"
            ),
        ),
    )


def entries_in(school: School) -> int:
    """How many passport entries the school's pupils have (for the seed-demo summary)."""
    query = select(func.count(Entry.id)).join(Pupil, Entry.pupil_id == Pupil.id)
    return db.session.scalar(query.where(Pupil.school_id == school.id)) or 0


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


STAFF = tuple(
    (s["username"], s["name"], [Role(r) for r in s["roles"]]) for s in data("people")["staff"]
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
            user.password_hash = demo_hash()
            if Role.TUTOR in roles:
                group = groups[10][0] if username == "tutor" else groups[11][0]
                db.session.add(TutorAssignment(tutor_group_id=group.id, user_id=user.id))
        sign_ins.append(DemoSignIn(roles[0].label, username, DEMO_PASSWORD))
    return sign_ins


def _pupils(school: School, groups, count: int, rng: random.Random) -> None:
    have = db.session.scalar(
        select(db.func.count(Pupil.id)).where(
            Pupil.school_id == school.id,
            Pupil.left_on.is_(None),  # leavers: journal_demo.destinations
        )
    )
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
    user = accounts.find_by_login(DEMO_PUPIL)
    if user is None:
        user = accounts.create_user(
            school=school,
            username=DEMO_PUPIL,
            display_name="Maya Patel",
            roles=[Role.PUPIL],
        )
        user.password_hash = demo_hash()
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
    return [DemoSignIn("Pupil", DEMO_PUPIL, DEMO_PASSWORD)]


# --- passports: the places and words a demo pupil's entries draw on ----------------------------


def _without_passport(school: School) -> list[Pupil]:
    """The school's pupils with a sign-in and nothing in their passport yet."""
    started = [
        ~select(model.pupil_id).where(model.pupil_id == Pupil.id).exists()
        for model in (Entry, SkillRating, Aspiration, IntendedDestination, ProfileVersion)
    ]
    query = select(Pupil).where(Pupil.school_id == school.id, Pupil.user_id.is_not(None), *started)
    return list(db.session.scalars(query.order_by(Pupil.id)))


def _passports(school: School, *, seed: int) -> int:
    """Passports for the demo school's pupils that have none (so seeding again adds none)."""
    on = today()
    maya = accounts.find_by_login(DEMO_PUPIL)

    def planned(pupil: Pupil) -> Passport:
        if maya is not None and pupil.user_id == maya.id:
            return maya_passport(pupil, seed=seed, on=on)
        return plan_passport(pupil, seed=seed, on=on)

    pupils, written = _without_passport(school), 0
    for start in range(0, len(pupils), BATCH):  # planned a batch at a time, to keep memory low
        written += write_passports([(p, planned(p)) for p in pupils[start : start + BATCH]])
    return written
