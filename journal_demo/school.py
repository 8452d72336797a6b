"""A demo school: realistic people and passports for trying the app, or many pupils for load
testing.

``seed_demo`` creates the school, its staff and pupils, then a passport for every pupil that has
none: several dozen entries from Year 7 to now (encounters, workplace experiences with diary
days, achievements), skill ratings that cite them, aspirations, intended destinations and, for
pupils with SEND, an "all about me" profile. The demo pupil, Maya Patel, gets a hand-written
passport (``journal_demo.maya``); everyone else's is planned from word lists by
``plan_passport`` (``journal_demo.passports``), deterministically from the seed and today's
date. Passports are planned in memory and written in bulk by ``write_passports``
(``journal_demo.writing``) through the passport's bulk writer ``record_entries``. With
``schools`` above 1 the pupils are shared with more schools of a demo trust. Then each
domain's seeder adds its part (family, destinations, reviews, cohort, documents, programme).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import func, insert, select

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
    TRUST_SCHOOLS,
    DemoSignIn,
    data,
    demo_hash,
    demo_upn,
    pupil_by_username,
    trust_login,
)
from .maya import maya_passport
from .passports import more_entries, plan_passport, top_up_passports
from .planned import Passport
from .writing import BATCH, write_passports


def seed_demo(
    pupils: int = 60,
    *,
    seed: int = 2026,
    passports: bool = True,
    schools: int = 1,
    entries: int = 0,
) -> tuple[School, list[DemoSignIn]]:
    """Create (or reuse) the demo school with staff, tutor groups and ``pupils`` pupils, and
    (unless ``passports`` is false) a passport for each pupil that has none yet, with at least
    ``entries`` entries if given. Seeding again adds only what is missing.

    With ``schools`` above 1 it is a trust: the ``pupils`` are shared between the demo school
    and ``schools - 1`` more (see :func:`seed_trust_school`). Returns the demo school and the
    sign-ins to print."""
    if not 1 <= schools <= 1 + len(TRUST_SCHOOLS):
        raise ValueError(f"a demo trust has 1 to {1 + len(TRUST_SCHOOLS)} schools")
    share = [pupils // schools + (n < pupils % schools) for n in range(schools)]
    school, sign_ins = _seed_demo_school(share[0], seed, passports, entries)
    for number, count in enumerate(share[1:], start=2):
        sign_ins += seed_trust_school(
            number, count, seed=seed, passports=passports, entries=entries
        )
    return school, sign_ins


def _seed_demo_school(
    pupils: int, seed: int, passports: bool, entries: int
) -> tuple[School, list[DemoSignIn]]:
    """The demo school: its people, Maya and her family, and each domain's demo data."""
    rng = random.Random(seed)
    school = _school(1)
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
        _passports(school, seed=seed, entries=entries)
        _maya_signed_and_advised(school)
        documents.seed_maya_documents()
    programme.seed_programme(school)  # a Year 10 careers fair, a college visit, an assembly to come
    return school, sign_ins


def seed_trust_school(
    number: int, pupils: int, *, seed: int = 2026, passports: bool = True, entries: int = 0
) -> list[DemoSignIn]:
    """The ``number``-th school of the demo trust (2 or more): like the demo school, with its
    own staff (``s2.careers``...), pupils, leavers, interviews, passports and programme, but no
    Maya, family or annual reviews. Returns its sign-ins."""
    rng = random.Random(f"{seed}:school{number}")
    school = _school(number)
    groups = _tutor_groups(school, pupils)
    sign_ins = _staff(school, groups, number=number)
    _pupils(school, groups, pupils, rng, number=number)
    db.session.flush()
    destinations.seed_destinations(school, pupils, seed=seed + number)
    cohort.seed_cohort(school, seed=seed + number)
    if passports:
        _passports(school, seed=seed, entries=entries)
    programme.seed_programme(school)
    return sign_ins


def _school(number: int) -> School:
    urn = str(int(DEMO_URN) + number - 1)
    school = db.session.scalar(select(School).where(School.urn == urn))
    if school is None:
        name = "Riverside Academy (demo)" if number == 1 else TRUST_SCHOOLS[number - 2]
        school = create_school(urn=urn, name=name, school_type="mainstream")
    return school


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


def _staff(
    school: School, groups: dict[int, list[TutorGroup]], *, number: int = 1
) -> list[DemoSignIn]:
    sign_ins = []
    for plain, name, roles in STAFF:
        username = trust_login(plain, number)
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
                group = groups[10][0] if plain == "tutor" else groups[11][0]
                db.session.add(TutorAssignment(tutor_group_id=group.id, user_id=user.id))
        sign_ins.append(DemoSignIn(roles[0].label, username, DEMO_PASSWORD))
    return sign_ins


ROSTER_BATCH = 2000  # pupils per round of inserts


def _pupils(school: School, groups, count: int, rng: random.Random, *, number: int = 1) -> None:
    """Pupils (each with a sign-in, no password) up to ``count`` on roll, a few statements per
    ``ROSTER_BATCH``."""
    have = db.session.scalar(
        select(db.func.count(Pupil.id)).where(
            Pupil.school_id == school.id,
            Pupil.left_on.is_(None),  # leavers: journal_demo.destinations
        )
    )
    this_year = school_year_of(today())
    planned = [
        _planned_pupil(school, groups, serial, rng, this_year, number)
        for serial in range(have, count)
    ]
    for start in range(0, len(planned), ROSTER_BATCH):
        _insert_pupils(planned[start : start + ROSTER_BATCH])


def _planned_pupil(school, groups, serial: int, rng, this_year: int, number: int):
    """One made-up pupil: (their user row, their pupil row without its user id)."""
    year = 7 + serial % 8 if serial % 40 else rng.choice([14, POST_19])
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    age = year - 7 + 11 + (1 if year == POST_19 else 0)
    born = (
        date(this_year - age, rng.randint(9, 12), rng.randint(1, 28))
        if rng.random() < 0.3
        else date(this_year - age + 1, rng.randint(1, 8), rng.randint(1, 28))
    )
    sen = rng.choices("NKE", weights=(80, 13, 7))[0]
    user = {
        "school_id": school.id,
        "username": trust_login(f"demo.pupil{serial}", number),
        "display_name": f"{first} {last}",
    }
    pupil = {
        "school_id": school.id,
        "upn": demo_upn(886, 4000 + 100 * (number - 1) + serial // 1000, serial),
        "legal_first_name": first,
        "legal_last_name": last,
        "date_of_birth": born,
        "year_group": year,
        "tutor_group_id": rng.choice(groups[year]).id,
        "sen_status": sen,
        "career_send_group": (1 if sen == "E" and rng.random() < 0.5 else 2)
        if sen != "N"
        else None,
        "fsm": rng.random() < 0.22,
        "pupil_premium": rng.random() < 0.25,
        "looked_after": rng.random() < 0.02,
        "gender": rng.choice(["Female", "Male"]),
        "record_began_on": date(this_year - (year - 7), 9, 1),
    }
    return user, pupil


def _insert_pupils(planned: list[tuple[dict, dict]]) -> None:
    """Users, their pupil role, then the pupils: three statements (as many rows each)."""
    if not planned:
        return
    written = db.session.execute(
        insert(User).returning(User.id, User.username), [user for user, _ in planned]
    )
    user_of = {username: user_id for user_id, username in written}
    ids = [user_of[user["username"]] for user, _ in planned]
    db.session.execute(insert(UserRole), [{"user_id": i, "role": Role.PUPIL.value} for i in ids])
    db.session.execute(
        insert(Pupil),
        [pupil | {"user_id": i} for (_, pupil), i in zip(planned, ids, strict=True)],
        execution_options={"render_nulls": True},  # one batch, with or without a SEND group
    )


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


def _passports(school: School, *, seed: int, entries: int = 0) -> int:
    """Passports for the school's pupils that have none (so seeding again adds none), each with
    at least ``entries`` entries (topped up with more generated ones) if given."""
    on = today()
    maya = accounts.find_by_login(DEMO_PUPIL)

    def planned(pupil: Pupil) -> Passport:
        if maya is not None and pupil.user_id == maya.id:
            passport = maya_passport(pupil, seed=seed, on=on)
        else:
            passport = plan_passport(pupil, seed=seed, on=on)
        wanted = entries - len(passport.entries)
        passport.entries += more_entries(pupil, wanted, seed=seed, on=on)
        return passport

    pupils, written = _without_passport(school), 0
    for start in range(0, len(pupils), BATCH):  # planned a batch at a time, to keep memory low
        batch = pupils[start : start + BATCH]
        written += write_passports([(p, planned(p)) for p in batch])
    if entries:  # pupils whose passports were there already
        written += top_up_passports(_on_roll(school), entries, seed=seed)
    return written


def _on_roll(school: School) -> list[Pupil]:
    query = select(Pupil).where(Pupil.school_id == school.id, Pupil.left_on.is_(None))
    return list(db.session.scalars(query.order_by(Pupil.id)))
