"""A demo school: realistic people and passports for trying the app, or many pupils for load
testing.

``seed_demo`` creates the school, its staff and pupils, then a passport for every pupil that has
none: several dozen entries from Year 7 to now (encounters, workplace experiences with diary
days, achievements), skill ratings that cite them, aspirations, intended destinations and, for
pupils with SEND, an "all about me" profile. The demo pupil, Maya Patel, gets a hand-written
passport; everyone else's is planned from word lists by ``plan_passport``, deterministically from
the seed and today's date. Passports are planned in memory and written in bulk by
``write_passports``, which writes exactly the rows ``record_entry`` would.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from sqlalchemy import func, insert, select, update
from stdnum.gb import upn as upn_lib

from journal import destinations
from journal.accounts import operations as accounts
from journal.accounts import passwords
from journal.accounts.models import User, UserRole
from journal.accounts.roles import Role
from journal.calendar import LONDON, POST_19, school_year_of, today, utcnow
from journal.extensions import db
from journal.passport import kinds
from journal.passport.models import (
    Aspiration,
    Entry,
    EntryRevision,
    IntendedDestination,
    ProfileVersion,
    SkillRating,
    entry_parents,
    skill_rating_evidence,
)
from journal.schools.models import Pupil, School, TutorAssignment, TutorGroup
from journal.schools.operations import create_school

DEMO_URN = "100000"
DEMO_PASSWORD = "careers-passport-demo"  # noqa: S105 (printed for the demo)
DEMO_PUPIL = "pupil"  # Maya Patel's username

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
    from journal.family.demo import seed_family

    sign_ins += seed_family(school)  # Kim Patel, user "family", linked to Maya as "Mum"
    from journal.outcomes.demo import seed_destinations

    sign_ins += seed_destinations(school, pupils, seed=seed)  # leavers; "alumnus" signs in
    from journal.reviews.demo import seed_reviews

    seed_reviews(school)  # Maya's coming annual review with three voices; an EHCP pupil's
    from journal.cohort.demo import seed_cohort

    seed_cohort(school)  # guidance interviews for some pupils in Years 10-13
    if passports:
        _passports(school, seed=seed)
        _maya_signed_and_advised(school)
        from journal.documents.demo import seed_maya_documents

        seed_maya_documents()
    from journal.programme.demo import seed_programme

    seed_programme(school)  # a Year 10 careers fair, a college visit, an assembly to come
    return school, sign_ins


def _maya_signed_and_advised(school: School) -> None:
    """The demo pupil's record from the school's side: her tutor has signed off her older
    entries, and the careers adviser has held a guidance interview with advice, a decision
    and actions (one of them overdue). Only done once."""
    from datetime import timedelta

    from journal.guidance import operations as guidance
    from journal.guidance.models import GuidanceInterview
    from journal.passport.operations import StaleVersion, decide_sign_off

    maya = db.session.scalar(
        select(Pupil).join(User, Pupil.user_id == User.id).where(User.username == DEMO_PUPIL)
    )
    if maya is None or db.session.scalar(
        select(GuidanceInterview.id).where(GuidanceInterview.pupil_id == maya.id)
    ):
        return
    tutor = accounts.find_by_login("tutor")
    adviser = accounts.find_by_login("adviser")
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


# Names only: the app says each person's role beside their name where it matters (a sign-off
# reads "Mr Sam Hughes (tutor)"), so a role in the name is said twice.
STAFF = (
    ("tutor", "Mr Sam Hughes", [Role.TUTOR]),
    ("careers", "Ms Dee Okafor", [Role.CAREERS_LEADER]),
    ("adviser", "Jo Clarke", [Role.CAREERS_ADVISER]),
    ("senco", "Mrs Anna Nowak", [Role.SENCO, Role.TUTOR]),
    ("admin", "Pat Green", [Role.SCHOOL_ADMIN]),
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
    have = db.session.scalar(
        select(db.func.count(Pupil.id)).where(
            Pupil.school_id == school.id,
            Pupil.left_on.is_(None),  # leavers: outcomes.demo
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
    return [DemoSignIn("Pupil", DEMO_PUPIL, DEMO_PASSWORD)]


# --- passports: the places and words a demo pupil's entries draw on ----------------------------


@dataclass(frozen=True)
class Sector:
    """A kind of work as a pupil would name it, with what they might see and learn there."""

    name: str
    jobs: tuple[str, ...]
    tasks: tuple[str, ...]  # what I did, after "I"
    facts: tuple[str, ...]  # what I learned, after "I learned that"
    roles: tuple[str, ...]  # a placement role
    course: str  # at college
    a_levels: str
    degree: str
    apprenticeship: str
    hopes: tuple[tuple[str, str], ...]  # aspirations as they firm up: (what, why)


SECTORS = {
    "health": Sector(
        "Health and care",
        ("nurse", "paramedic", "healthcare assistant", "physiotherapist", "pharmacist"),
        (
            "helped the healthcare assistants make the beds",
            "took drinks round to the patients",
            "restocked the supply cupboards",
            "followed a nurse on the ward round",
            "helped count the stock in the pharmacy",
        ),
        (
            "there are lots of jobs in a hospital, not only doctors and nurses",
            "nurses work shifts, and some shifts are at night",
            "you have to wash your hands properly all the time",
            "being kind to patients matters as much as knowing things",
            "you can train to be a nurse through an apprenticeship",
        ),
        ("ward helper", "pharmacy helper", "reception helper"),
        "Health and Social Care",
        "Biology, Chemistry and Psychology",
        "Nursing",
        "healthcare support worker apprenticeship",
        (
            (
                "I want to help people, maybe in a hospital.",
                "My mum is a carer and I see how she helps.",
            ),
            ("I want to be a nurse.", "Nurses help people every day. I liked the hospital talk."),
            (
                "A children's nurse, through a degree or an apprenticeship.",
                "My placement showed me I cope well on busy days.",
            ),
        ),
    ),
    "building": Sector(
        "Construction",
        ("bricklayer", "electrician", "site manager", "plumber", "joiner", "quantity surveyor"),
        (
            "wore a hard hat and boots all day",
            "helped the joiner measure and cut wood",
            "carried materials and kept the site tidy",
            "watched the bricklayers build a wall",
            "learned how to read a simple plan",
        ),
        (
            "safety comes first on a building site",
            "there are office jobs in building too, like planning and surveying",
            "measurements have to be exact",
            "you can earn while you learn on a building apprenticeship",
            "building sites start very early in the morning",
        ),
        ("site helper", "joinery helper"),
        "Construction",
        "Maths, Physics and Geography",
        "Civil Engineering",
        "electrical apprenticeship",
        (
            ("I want to build things.", "I like making things with my hands."),
            ("I want to be an electrician.", "It is a skilled job and you can work for yourself."),
            (
                "An electrical apprenticeship at 16.",
                "I want to earn while I learn. I liked being on site.",
            ),
        ),
    ),
    "animals": Sector(
        "Animal care",
        ("vet", "veterinary nurse", "dog groomer", "kennel assistant", "animal care worker"),
        (
            "cleaned out the kennels",
            "fed the cats and wrote it on the chart",
            "walked the dogs",
            "held a rabbit while the vet checked it",
            "helped on reception and answered the door",
        ),
        (
            "working with animals means a lot of cleaning",
            "veterinary nurses do more than I thought, like helping in operations",
            "you need to stay calm so the animals stay calm",
            "there are college courses in animal management",
        ),
        ("kennel helper", "veterinary helper"),
        "Animal Management",
        "Biology, Chemistry and Geography",
        "Veterinary Nursing",
        "veterinary nursing apprenticeship",
        (
            ("I want to work with animals.", "I love animals. We have two dogs."),
            (
                "I want to be a veterinary nurse.",
                "You help animals get better, and you don't need to be a vet.",
            ),
            (
                "Animal Management at college, then work at a vets.",
                "I loved my placement, even the cleaning.",
            ),
        ),
    ),
    "digital": Sector(
        "Computing and digital",
        ("software developer", "games tester", "web designer", "IT technician", "data analyst"),
        (
            "tested a game and wrote down the bugs I found",
            "helped set up new laptops",
            "made a simple web page",
            "sat in on the team's morning meeting",
            "wrote some code with a developer",
        ),
        (
            "coding is a lot of problem solving and checking",
            "teams meet every morning to say what they are working on",
            "you don't need to be a genius at maths to work in computing",
            "there are digital apprenticeships",
        ),
        ("junior tester", "IT helper"),
        "IT and Computing",
        "Computer Science, Maths and Physics",
        "Computer Science",
        "software developer apprenticeship",
        (
            (
                "I want to make computer games.",
                "I play games and I want to know how they are made.",
            ),
            ("I want to be a software developer.", "I like solving problems with code."),
            (
                "A digital apprenticeship, or Computer Science at university.",
                "I want a job where I build things people use.",
            ),
        ),
    ),
    "hospitality": Sector(
        "Hospitality and catering",
        ("chef", "waiter", "hotel receptionist", "events manager", "baker"),
        (
            "made sandwiches for the lunch rush",
            "washed up and kept the kitchen clean",
            "laid the tables in the restaurant",
            "helped on the hotel reception desk",
            "weighed out the ingredients for the bread",
        ),
        (
            "kitchens are hot, busy and loud",
            "food hygiene rules are very strict",
            "you have to be polite to customers even when you are busy",
            "you can work your way up from kitchen porter to chef",
        ),
        ("kitchen helper", "front of house helper"),
        "Professional Cookery",
        "Business, Food Science and English",
        "Hospitality Management",
        "commis chef apprenticeship",
        (
            ("I want to be a chef.", "I love cooking at home with my grandad."),
            ("I want to be a chef in a hotel kitchen.", "I like the buzz when it is busy."),
            ("Professional Cookery at City College.", "My placement in a kitchen went well."),
        ),
    ),
    "engineering": Sector(
        "Engineering and manufacturing",
        ("engineer", "machinist", "welder", "maintenance technician", "quality inspector"),
        (
            "watched a machine cut metal parts",
            "checked parts with a measuring tool",
            "wore safety glasses and ear defenders",
            "helped a technician fix a machine",
            "drew a part on the computer",
        ),
        (
            "engineers solve problems, they don't only fix things",
            "everything is checked for quality",
            "maths and design are used every day",
            "there are engineering apprenticeships at 16 and at 18",
        ),
        ("workshop helper", "engineering helper"),
        "Engineering",
        "Maths, Physics and Design Technology",
        "Mechanical Engineering",
        "engineering apprenticeship",
        (
            ("I want to fix cars or machines.", "I like taking things apart to see how they work."),
            ("I want to be an engineer.", "I like maths when it is used for real things."),
            (
                "An engineering apprenticeship at Calder Engineering.",
                "I want to learn on the job and get paid.",
            ),
        ),
    ),
    "education": Sector(
        "Education and childcare",
        ("teacher", "teaching assistant", "nursery practitioner", "SEN support worker"),
        (
            "read stories with the Year 1 children",
            "helped set up the classroom",
            "played games with the children outside",
            "helped a child with their reading",
            "put up a display",
        ),
        (
            "working with children is tiring but fun",
            "teaching assistants help children who find things hard",
            "you need a DBS check to work with children",
            "every day with children is different",
        ),
        ("classroom helper", "nursery helper"),
        "Childcare",
        "English, Psychology and Sociology",
        "Primary Education",
        "early years educator apprenticeship",
        (
            ("I want to work with children.", "I help look after my little cousins."),
            (
                "I want to be a teaching assistant or work in a nursery.",
                "I am patient and I like helping.",
            ),
            (
                "Childcare at college, then a job in a nursery.",
                "My placement at the nursery was the best week.",
            ),
        ),
    ),
    "retail": Sector(
        "Retail",
        ("shop assistant", "store manager", "visual merchandiser", "stock controller"),
        (
            "filled the shelves and checked the dates",
            "helped customers find things",
            "worked on the till with a supervisor",
            "tidied the displays",
            "counted stock in the storeroom",
        ),
        (
            "shops are busiest at weekends and in December",
            "being friendly makes customers come back",
            "there is a lot of work you can't see from the shop floor",
        ),
        ("shop floor helper", "stock helper"),
        "Retail and Business",
        "Business, Maths and Art",
        "Business Management",
        "retail team leader apprenticeship",
        (
            ("I want to work in a shop.", "I like helping people find things."),
            ("I want to manage a shop one day.", "I like being in charge and being organised."),
            ("A retail apprenticeship.", "I want to work and learn, and move up."),
        ),
    ),
    "public": Sector(
        "Public services",
        ("firefighter", "police officer", "council officer", "librarian", "call handler"),
        (
            "helped sort the returned books in the library",
            "watched the fire crew check the engine",
            "helped with the filing in the council office",
            "joined a community safety talk",
        ),
        (
            "public services help everyone in the community",
            "firefighters do a lot of fire safety work, not only fires",
            "you need to be fit for some public service jobs",
            "there are lots of office jobs in the council",
        ),
        ("office helper", "library helper"),
        "Public Services",
        "Law, Psychology and PE",
        "Criminology",
        "police constable degree apprenticeship",
        (
            ("I want to be a firefighter.", "I want to help people and be brave."),
            (
                "I want to be a police officer or a firefighter.",
                "I want a job that helps my community.",
            ),
            ("Public Services at college.", "It will get me fit and ready to apply."),
        ),
    ),
    "creative": Sector(
        "Creative and media",
        ("graphic designer", "radio presenter", "photographer", "video editor"),
        (
            "helped record a radio advert",
            "edited a short video",
            "designed a poster on the computer",
            "watched a live radio show from the studio",
        ),
        (
            "creative jobs have deadlines too",
            "a lot of people in media work freelance",
            "you need a portfolio to show your work",
            "being on time really matters in live radio",
        ),
        ("studio helper", "design helper"),
        "Art and Design",
        "Art, Media Studies and English",
        "Graphic Design",
        "junior content producer apprenticeship",
        (
            ("I want to be an artist.", "Drawing is what I am best at."),
            ("I want to be a graphic designer.", "You get paid to be creative."),
            ("Art and Design at college, then university.", "I want to build a portfolio."),
        ),
    ),
    "sport": Sector(
        "Sport and leisure",
        ("fitness instructor", "lifeguard", "sports coach", "leisure centre manager"),
        (
            "helped run a football session for younger children",
            "cleaned the gym equipment",
            "helped on the leisure centre reception",
            "watched a lifeguard training session",
        ),
        (
            "you need a lifeguard qualification to work by the pool",
            "coaches plan every session",
            "leisure centres open early and close late",
        ),
        ("leisure helper", "coaching helper"),
        "Sport",
        "PE, Biology and Psychology",
        "Sport and Exercise Science",
        "community sports coach apprenticeship",
        (
            ("I want to be a footballer.", "I play for a team every Saturday."),
            (
                "I want to be a sports coach or a PE teacher.",
                "I like helping younger players get better.",
            ),
            (
                "Sport at college, then coaching badges.",
                "I want to work in sport even if I don't play for a team.",
            ),
        ),
    ),
    "business": Sector(
        "Business, law and finance",
        ("accountant", "solicitor", "office manager", "receptionist", "HR officer"),
        (
            "answered the phone and took messages",
            "scanned and filed papers",
            "sat in on a team meeting",
            "put numbers into a spreadsheet",
            "helped post the letters",
        ),
        (
            "offices use spreadsheets for almost everything",
            "you must keep people's information private",
            "you can start in law or accounts with an apprenticeship",
        ),
        ("office helper", "admin helper"),
        "Business",
        "Business, Maths and Economics",
        "Accounting and Finance",
        "solicitor apprenticeship",
        (
            ("I want to have my own business.", "My aunt has a shop and she is her own boss."),
            ("I want to be an accountant or a lawyer.", "I am good with numbers and details."),
            (
                "Business at sixth form, then a degree apprenticeship.",
                "I want a degree without the debt.",
            ),
        ),
    ),
    "outdoors": Sector(
        "Farming and outdoors",
        ("farmer", "gardener", "tree surgeon", "park ranger"),
        (
            "helped pot up plants in the greenhouse",
            "fed the animals on the farm",
            "watered the plants",
            "cleared weeds from the paths",
        ),
        (
            "outdoor work happens in all weather",
            "farms have lots of machines and rules to keep you safe",
            "plants need looking after every day",
        ),
        ("garden centre helper", "farm helper"),
        "Horticulture",
        "Biology, Geography and Chemistry",
        "Agriculture",
        "horticulture apprenticeship",
        (
            ("I want to work outside.", "I don't like being stuck indoors."),
            ("I want to be a gardener or a park ranger.", "I like plants and being outdoors."),
            ("Horticulture at college.", "I liked my placement at the garden centre."),
        ),
    ),
    "transport": Sector(
        "Transport and logistics",
        ("mechanic", "delivery driver", "warehouse worker", "train driver"),
        (
            "scanned parcels",
            "helped a mechanic change a tyre",
            "watched how orders are picked in the warehouse",
            "cleaned the tools in the workshop",
        ),
        (
            "everything is tracked with scanners",
            "you need a licence to drive a forklift truck",
            "mechanics use computers to find faults",
        ),
        ("workshop helper", "warehouse helper"),
        "Motor Vehicle",
        "Maths, Physics and Business",
        "Logistics",
        "motor vehicle technician apprenticeship",
        (
            ("I want to be a mechanic.", "I help my uncle fix his car."),
            ("I want to be a motor vehicle technician.", "Cars are getting more high-tech."),
            ("Motor Vehicle at college, then an apprenticeship.", "I want to work in a garage."),
        ),
    ),
    "hair": Sector(
        "Hair and beauty",
        ("hairdresser", "barber", "beauty therapist"),
        (
            "swept up and washed the towels",
            "washed a customer's hair",
            "made drinks for the customers",
            "watched a colour being done",
        ),
        (
            "you are on your feet all day",
            "talking to customers is a big part of the job",
            "you can train at college or as an apprentice",
        ),
        ("salon junior",),
        "Hairdressing",
        "Art, Business and Chemistry",
        "Cosmetic Science",
        "hairdressing apprenticeship",
        (
            ("I want to do hair and make-up.", "I do my friends' hair and they like it."),
            ("I want to be a hairdresser.", "It is creative and you meet new people."),
            ("Hairdressing Level 2 at City College.", "I want to have my own salon one day."),
        ),
    ),
}

EMPLOYER = "employer"
TERM_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str  # EMPLOYER, or the encounter category of a provider
    sector: str  # a key of SECTORS ("" for a provider of education)


ORGANISATIONS = tuple(
    Organisation(*row)
    for row in (
        ("Riverside Hospital", EMPLOYER, "health"),
        ("Hollins Park Care Home", EMPLOYER, "health"),
        ("Moorside Medical Centre", EMPLOYER, "health"),
        ("Riverside Pharmacy", EMPLOYER, "health"),
        ("Northgate Builders", EMPLOYER, "building"),
        ("Citywide Electrical", EMPLOYER, "building"),
        ("Aire Valley Vets", EMPLOYER, "animals"),
        ("Kirkstall Animal Rescue", EMPLOYER, "animals"),
        ("Paws and Claws Grooming", EMPLOYER, "animals"),
        ("Pixel Forge Games", EMPLOYER, "digital"),
        ("CodeNorth Software", EMPLOYER, "digital"),
        ("The Harewood Hotel", EMPLOYER, "hospitality"),
        ("Brightside Bakery", EMPLOYER, "hospitality"),
        ("The Corn Exchange Café", EMPLOYER, "hospitality"),
        ("Calder Engineering", EMPLOYER, "engineering"),
        ("Yorkshire Water", EMPLOYER, "engineering"),
        ("Moorside Primary School", EMPLOYER, "education"),
        ("Sunbeam Day Nursery", EMPLOYER, "education"),
        ("Eastgate Shopping Centre", EMPLOYER, "retail"),
        ("Second Chance Furniture Project", EMPLOYER, "retail"),
        ("West Yorkshire Fire and Rescue Service", EMPLOYER, "public"),
        ("Leeds City Council", EMPLOYER, "public"),
        ("Central Library", EMPLOYER, "public"),
        ("Wharfe Valley Radio", EMPLOYER, "creative"),
        ("Studio Nine Design", EMPLOYER, "creative"),
        ("Northgate Leisure Centre", EMPLOYER, "sport"),
        ("Oakwood Solicitors", EMPLOYER, "business"),
        ("Kirkgate Accountants", EMPLOYER, "business"),
        ("Greenway Garden Centre", EMPLOYER, "outdoors"),
        ("Fieldhouse Farm", EMPLOYER, "outdoors"),
        ("Swift Parcels", EMPLOYER, "transport"),
        ("Bramley Motors", EMPLOYER, "transport"),
        ("Chapel Street Hair", EMPLOYER, "hair"),
        ("Eastfield Sixth Form", "sixth_form", ""),
        ("Riverside Academy Sixth Form", "sixth_form", ""),
        ("City College", "fe_college", ""),
        ("Northgate College", "fe_college", ""),
        ("Aireview Specialist College", "fe_college", ""),
        ("Yorkshire Training Partnership", "apprenticeship_provider", ""),
        ("BuildRight Training", "apprenticeship_provider", ""),
        ("University of Leeds", "university", ""),
        ("Leeds Beckett University", "university", ""),
        ("University of Huddersfield", "university", ""),
        ("Project SEARCH at Riverside Hospital", "supported_internship", ""),
        ("Pathways Supported Internships", "supported_internship", ""),
    )
)
EMPLOYERS = tuple(o for o in ORGANISATIONS if o.kind == EMPLOYER)
PROVIDER_SECTORS = {
    "sixth_form": "Education",
    "fe_college": "Education",
    "university": "Education",
    "apprenticeship_provider": "Training",
    "supported_internship": "Supported employment",
}
CAREERS_FAIRS = (
    "Riverside Academy Careers Fair",
    "Leeds Apprenticeship Fair",
    "City College Skills Show",
    "Northgate Jobs and Careers Fair",
)
# Work experience in school: where, the kind of work, the role.
IN_SCHOOL = (
    ("the school office", "business", "office helper"),
    ("the school café", "hospitality", "café helper"),
)
ONLINE_SECTORS = ("health", "digital", "business", "engineering", "creative")
PEOPLE = ("Sam", "Priya", "Dave", "Aisha", "Tom", "Claire", "Mo", "Jen", "Raj", "Hannah", "Kofi")
FAMILY = ("mum", "dad", "nan", "grandad", "aunt", "carer", "big sister")
SUBJECTS = ("science", "maths", "English", "art", "PE", "history", "computing", "music")
PRODUCTS = ("cupcakes", "keyrings", "bookmarks", "dog treats", "badges", "plant pots")
CAN = (
    "talk to adults I don't know",
    "follow instructions carefully",
    "manage a full working day",
    "ask for help when I need it",
    "work as part of a team",
)


@dataclass(frozen=True)
class Words:
    """Sentences a pupil might write for each prompt; {placeholders} are filled per entry."""

    did: tuple[str, ...]
    met: tuple[str, ...]
    learned: tuple[str, ...]
    next: tuple[str, ...]


ENCOUNTER_WORDS = {
    "employer_talk": Words(
        (
            "{A_job} from {org} came to talk to our year group.",
            "We had an assembly about working at {org}.",
            "Someone from {org} came to our careers lesson and told us about their job.",
            "{A_job} from {org} talked to our class. We asked questions at the end.",
        ),
        (
            "{A_job} called {name}.",
            "{A_job} and {a_job2}.",
            "{name}, who has worked at {org} for ten years.",
        ),
        (
            "I learned that {fact}.",
            "I didn't know that {fact}.",
            "The best part was finding out that {fact}.",
        ),
        (
            "Find out what you need to become {a_job}.",
            "Look at the jobs on the {org} website.",
            "Ask my careers adviser about jobs in {sector}.",
            "Try to get work experience in {sector}.",
        ),
    ),
    "careers_fair": Words(
        (
            "I went round the stands at the {org}.",
            "Our tutor group went to the {org}. I talked to {n} stands.",
            "I went to the {org} with my {family}.",
        ),
        ("People from {others}.", "An apprentice from {other}, and staff from {org2}."),
        (
            "I found out about jobs I had never heard of, like {job}.",
            "I learned that {fact}.",
            "Lots of employers want people who can work in a team.",
        ),
        (
            "Ask {other} about work experience.",
            "Look up what {a_job} does.",
            "Go to the next fair and ask more questions.",
        ),
    ),
    "enterprise": Words(
        (
            "We worked in teams to invent a product and pitched it to judges from {org}.",
            "We had £10 to start a small business. We made {product} and sold them at break.",
            "Our team planned a new café and presented it to people from {org}.",
        ),
        ("Volunteers from {org} who helped and judged us.", "{A_job} from {org} gave us tips."),
        (
            "Working in a team is hard when everyone has different ideas.",
            "You have to think about what customers want, not just what you like.",
            "I learned how to work out a profit.",
            "I am good at coming up with ideas.",
        ),
        ("Join the enterprise club.", "Sell my {product} at the school fair."),
    ),
    "mentoring": Words(
        (
            "I had a mentoring session with {name} from {org}.",
            "My mentor from {org} and I talked about what I am good at and my goals.",
            "Mentoring with {name}. We practised for interviews.",
        ),
        ("My mentor, {name}, who is {a_job} at {org}.",),
        (
            "It helps to write my goals down.",
            "{name} told me that {fact}.",
            "I am better at talking to new people than I thought.",
            "Interviews are less scary if you practise.",
        ),
        (
            "Write a list of things I am good at before next time.",
            "Look at apprenticeships in {sector}.",
            "Practise interview questions with my {family}.",
        ),
    ),
    "workplace_visit": Words(
        (
            "Our class visited {org} and had a tour.",
            "We went on a trip to {org} and saw people at work.",
            "We visited {org} and saw what happens behind the scenes.",
        ),
        ("{A_job}, who showed us round.", "Lots of staff. {A_job} answered our questions."),
        ("I learned that {fact}.", "It was bigger than I expected.", "I didn't know that {fact}."),
        ("Ask if I can do work experience there.", "Find out more about being {a_job}."),
    ),
    "sixth_form": Words(
        (
            "I went to the open evening at {org} with my {family}.",
            "People from {org} talked to us about A levels and T levels.",
            "I went to a taster day at {org} and tried a {subject} lesson.",
        ),
        ("Teachers and students from {org}.", "A student who told us what a normal day is like."),
        (
            "Most people take three A levels.",
            "You need good GCSEs in the subjects you want to take.",
            "Sixth form feels more grown up: no uniform, and free periods.",
            "There are T levels as well as A levels.",
        ),
        (
            "Look at the course list on their website.",
            "Talk to my {family} about staying on at sixth form.",
            "Think about taking {a_levels}.",
        ),
    ),
    "fe_college": Words(
        (
            "I went to a taster day at {org} and tried {course}.",
            "I went to the {org} open evening with my {family}.",
            "{org} came into school and told us about their courses.",
        ),
        ("A tutor who teaches {course}, and some students.", "Staff from {org}."),
        (
            "College is different from school: you choose what you study.",
            "There are courses at different levels, so you can start at the right one.",
            "You can study {course} at {org}.",
            "The college has real workshops and kitchens.",
        ),
        ("Apply for {course} at {org}.", "Go to the open evening.", "Ask what grades I need."),
    ),
    "apprenticeship_provider": Words(
        (
            "Someone from {org} talked to us about apprenticeships.",
            "I went to an apprenticeships workshop run by {org}.",
            "I met {org} at school and asked about apprenticeships in {sector}.",
        ),
        ("A trainer from {org}, and an apprentice only two years older than me.",),
        (
            "With an apprenticeship you get paid while you learn.",
            "You can start an apprenticeship at 16 or 18, and there are degree apprenticeships.",
            "You apply for an apprenticeship like you apply for a job.",
            "There is such a thing as a {apprenticeship}.",
        ),
        (
            "Look on the government's apprenticeship website.",
            "Write a CV.",
            "Find out about a {apprenticeship}.",
        ),
    ),
    "university": Words(
        (
            "We visited {org} and had a campus tour.",
            "I went to a taster day at {org} and sat in a lecture.",
            "A student ambassador from {org} talked to us in school.",
            "I went to an open day at {org} with my {family}.",
        ),
        ("Students who showed us round.", "A lecturer who teaches {degree}."),
        (
            "You can get a loan for the fees, and you only pay it back when you earn enough.",
            "There are thousands of courses, not just the subjects we do at school.",
            "Most students live in halls in their first year.",
            "Some courses include a year working in industry.",
            "You can study {degree} at {org}.",
        ),
        ("Look at {degree} courses.", "Go to another open day.", "Find out what grades I need."),
    ),
    "supported_internship": Words(
        (
            "We met the team from {org}, who run supported internships.",
            "I visited {org} to see what the interns do.",
            "{org} came to my review and told us about supported internships.",
        ),
        ("A job coach and two interns.", "The manager of the internships."),
        (
            "A supported internship lasts about a year, mostly at a real workplace.",
            "You have a job coach who helps you learn the job.",
            "Lots of interns get a paid job at the end.",
        ),
        (
            "Talk about a supported internship at my EHCP review.",
            "Ask my SENCO if it is right for me.",
            "Visit again with my {family}.",
        ),
    ),
}

WORKPLACE_WORDS = Words(
    (
        "I spent {duration} at {org} as {a_role}. Most of the time I {task}.",
        "I did work experience at {org}. I {task}, and I {task2}.",
        "{duration_cap} at {org}. I {task}.",
    ),
    (
        "{A_job}, who was my supervisor.",
        "The whole team. They were friendly and showed me what to do.",
        "{name}, {a_job}, who looked after me.",
    ),
    ("I learned that {fact}.", "I learned that I can {can}.", "I found out that {fact}."),
    (
        "Ask {org} for a reference.",
        "Find out about {course} at college.",
        "Look for a Saturday job in {sector}.",
        "Try more work experience in {sector}.",
    ),
)
DIARY_WORDS = Words(
    ("{Day_n}. I {task}.", "Today I {task}. Then I {task2}.", "I {task} and I {task2}."),
    (),
    ("I learned that {fact}.", "I learned that I can {can}.", "Asking questions is fine."),
    (
        "Ask {name} more about being {a_job}.",
        "Be on time again tomorrow.",
        "Ask if I can try something new.",
        "Remember my packed lunch!",
    ),
)
ONLINE_WORDS = Words(
    (
        "Virtual work experience with {org}: three online sessions in a week. We met staff on "
        "video calls and worked on a project.",
        "I did online work experience with {org}. Each time, someone told us about their job, "
        "then we did a task.",
    ),
    ("{A_job} and {a_job2}, on video calls.", "People from different teams at {org}."),
    WORKPLACE_WORDS.learned,
    ("Apply for work experience in person at {org}.", "Find out more about being {a_job}."),
)
ONLINE_DIARY_WORDS = Words(
    (
        "Session {n}. We met {a_job} on a video call and asked questions.",
        "Today we worked on our group project about {sector}.",
        "We presented our project to the team from {org}.",
    ),
    (),
    DIARY_WORDS.learned,
    ("Finish my part of the project.", "Think of a question to ask next time."),
)
FIRST_DAY = "First day. I was nervous, but everyone was kind. I {task}."
LAST_DAY = "Last day. I {task}. They said I had worked really hard."
EXTRAS = (
    "It was better than I expected.",
    "The time went really fast.",
    "I was a bit nervous at first.",
    "My friend came too, which helped.",
    "I asked a question, which I don't usually do.",
    "Some of it was boring, but most of it was good.",
)


@dataclass(frozen=True)
class Award:
    kind: str  # a key of kinds.ACHIEVEMENT_KINDS
    title: str
    awarded_by: str
    did: str
    learned: str
    years: tuple[int, int]  # the year groups it fits, first and last
    who: str = "all"  # "all", "send" (SEN support or an EHCP) or "no_ehcp"
    months: tuple[int, ...] = TERM_MONTHS


AWARDS = (
    Award(
        "certificate",
        "Star of the Week",
        "Riverside Academy",
        "My teacher picked me for working hard in {subject}.",
        "I can keep going when work is hard.",
        (7, 9),
    ),
    Award(
        "certificate",
        "Summer Reading Challenge",
        "Central Library",
        "I read six books over the summer holidays.",
        "I can set a goal and finish it.",
        (7, 8),
        months=(9, 10),
    ),
    Award(
        "certificate",
        "Bikeability Level 2",
        "Leeds City Council",
        "I learned to ride safely on the road.",
        "I can stay calm and follow rules.",
        (7, 8),
    ),
    Award(
        "certificate",
        "Food Hygiene Level 1",
        "City College",
        "I did an online course and a short test.",
        "I know how to keep food safe.",
        (9, 15),
    ),
    Award(
        "certificate",
        "First Aid for Young People",
        "St John Ambulance",
        "We practised the recovery position and CPR.",
        "I could help in an emergency.",
        (8, 13),
    ),
    Award(
        "award",
        "Headteacher's Award for Kindness",
        "Riverside Academy",
        "I helped a new pupil find their way round school.",
        "I notice when people need help.",
        (7, 11),
    ),
    Award(
        "award",
        "Sports Day: second in the 800 metres",
        "Riverside Academy",
        "I trained at lunchtimes for three weeks.",
        "Practice pays off.",
        (7, 10),
    ),
    Award(
        "award",
        "Full attendance this term",
        "Riverside Academy",
        "I came to school every day this term.",
        "I am reliable.",
        (7, 13),
    ),
    Award(
        "award",
        "Young Leader Award",
        "Riverside Academy",
        "I ran a lunchtime club for Year 7.",
        "I can lead a group.",
        (10, 13),
    ),
    Award(
        "award",
        "Duke of Edinburgh's Bronze Award",
        "The Duke of Edinburgh's Award",
        "I did volunteering, a skill and a physical activity, and a two-day expedition.",
        "I don't give up, even when my feet hurt.",
        (9, 11),
    ),
    Award(
        "qualification",
        "Entry Level Certificate in Maths",
        "Riverside Academy",
        "I worked through the tasks with my teaching assistant.",
        "I can use money and time in real life.",
        (9, 12),
        "send",
    ),
    Award(
        "qualification",
        "Functional Skills English Level 1",
        "City College",
        "I did a reading test and a writing test.",
        "I can write a clear email.",
        (11, 15),
    ),
    Award(
        "qualification",
        "Level 1 Award in Employability Skills",
        "Riverside Academy",
        "I made a CV and practised an interview.",
        "I am ready for a workplace.",
        (10, 15),
        "send",
    ),
    Award(
        "volunteering",
        "Volunteering at Eastfield Food Bank",
        "Eastfield Food Bank",
        "I helped sort food donations on Saturday mornings.",
        "I like helping people. I can work in a team.",
        (8, 15),
    ),
    Award(
        "volunteering",
        "Junior parkrun marshal",
        "Roundhay junior parkrun",
        "I cheered the runners and showed them the way.",
        "I can be responsible for something.",
        (7, 11),
    ),
    Award(
        "volunteering",
        "Helping at the school open evening",
        "Riverside Academy",
        "I showed families round the science labs.",
        "I can talk to adults I don't know.",
        (8, 13),
    ),
    Award(
        "volunteering",
        "Litter pick with the eco club",
        "Riverside Academy",
        "We cleaned up the park next to school.",
        "Small jobs make a big difference.",
        (7, 10),
    ),
    Award(
        "volunteering",
        "Reading buddy for Year 7",
        "Riverside Academy",
        "I read with a Year 7 pupil every Tuesday.",
        "I am patient.",
        (10, 13),
    ),
)
RESULTS = {
    11: Award(
        "qualification",
        "My GCSE results",
        "Riverside Academy",
        "I got my GCSE results. I passed English and maths.",
        "Hard work pays off.",
        (11, 11),
        "no_ehcp",
    ),
    13: Award(
        "qualification",
        "My A level and BTEC results",
        "Riverside Academy Sixth Form",
        "Results day. I got the grades I needed for my next step.",
        "I can plan my work and stick to it.",
        (13, 13),
        "no_ehcp",
    ),
}

# What a pupil might write when rating each of the eight Skills Builder skills (the codes of
# journal.passport.skills.SKILLS).
SKILL_NOTES = {
    "listening": "I listened carefully at {place} and got the job right first time.",
    "speaking": "I spoke to people I didn't know at {place}.",
    "problem_solving": "Something went wrong at {place} and I worked out what to do.",
    "creativity": "I came up with an idea for my team at {place}.",
    "staying_positive": "I was nervous at {place}, but I kept going.",
    "aiming_high": "After {place} I set myself a goal, and I am working on it.",
    "leadership": "I helped organise the others at {place}.",
    "teamwork": "I worked well with my team at {place}.",
}

# "All about me", the vocational profile of a pupil with SEND: what they might write in each
# section (the names of journal.passport.plans_forms.PROFILE_SECTIONS).
PROFILE = {
    "interests": (
        "Animals, especially dogs.",
        "Drawing.",
        "Football.",
        "Computer games.",
        "Cooking.",
        "Music.",
        "Being outside.",
        "Lego and building things.",
    ),
    "strengths": (
        "I am kind and patient.",
        "I work hard when I know what to do.",
        "I remember how to do things once I have been shown.",
        "I am honest and on time.",
        "I am good with my hands.",
        "I notice small details.",
    ),
    "what_helps": (
        "Instructions written down or shown, not only said.",
        "A quiet place to take a break.",
        "Knowing what will happen before the day starts.",
        "Extra time to read and write.",
        "A named person I can ask for help.",
        "Ear defenders when it is noisy.",
    ),
    "what_is_hard": (
        "Busy, noisy places.",
        "Reading long texts quickly.",
        "Talking to people I don't know.",
        "Changes to plans at short notice.",
        "Remembering lots of instructions at once.",
        "Using the phone.",
    ),
    "ideal_workplace": (
        "A small team where people are friendly.",
        "Somewhere I can be on my feet.",
        "A quiet workplace with a clear routine.",
        "Working outside.",
    ),
    "for_employers": (
        "I might need you to show me something more than once.",
        "If I go quiet, I might need a short break.",
        "Please tell me about changes as early as you can.",
        "I work best when I know exactly what is expected.",
    ),
}

# --- passports: planned in memory, then written in bulk ---------------------------------------


@dataclass(eq=False)
class PlannedEntry:
    """An entry to write: its kind, its first revision's content, and how it was left."""

    kind: str
    content: dict
    state: str = "submitted"
    shared: bool = True  # with family, if the school shares by default
    parent: PlannedEntry | None = None  # a diary day's workplace experience
    client_id: str = ""
    written_at: datetime | None = None
    id: int | None = None  # once written

    @property
    def day(self) -> date:
        return date.fromisoformat(self.content["occurred_on"])

    @property
    def place(self) -> str:
        """Where it happened, in a few words (for a skill rating's note)."""
        content = self.parent.content if self.parent else self.content
        return content.get("organisation") or content.get("employer") or content.get("title")


@dataclass
class PlannedRating:
    skill: str
    step: int
    note: str
    at: datetime
    evidence: list[PlannedEntry]


@dataclass
class Passport:
    """One pupil's passport, planned without the database; ``write_passports`` stores it."""

    entries: list[PlannedEntry] = field(default_factory=list)
    ratings: list[PlannedRating] = field(default_factory=list)
    aspirations: list[tuple[datetime, str, str]] = field(default_factory=list)  # what, why
    # stage, intention code (journal.destinations.INTENTIONS), detail
    destinations: list[tuple[datetime, str, str, str]] = field(default_factory=list)
    profiles: list[tuple[datetime, dict]] = field(default_factory=list)


def content_of(kind: str, day: date, **values) -> dict:
    """A first revision's content as the entry form saves it: every field of the kind
    (text "" when left empty, no feeling or hours as None), dates as ISO strings."""
    content = {}
    for name in kinds.FIELDS[kind]:
        value = values.get(name)
        if name in ("feeling", "hours", "ends_on"):
            content[name] = value.isoformat() if isinstance(value, date) else value
        else:
            content[name] = value or ""
    content["occurred_on"] = day.isoformat()
    content["attachments"] = []
    return content


def _a(word: str) -> str:
    return f"{'an' if word[0].lower() in 'aeiou' else 'a'} {word}"


def _school_day(day: date) -> date:
    """The nearest weekday: a Saturday moves back to Friday, a Sunday on to Monday."""
    return day + timedelta(days={5: -1, 6: 1}.get(day.weekday(), 0))


CATEGORY_MONTHS = {  # when in the school year each kind of encounter tends to happen
    "careers_fair": (10, 11, 3),
    "sixth_form": (11, 1),
    "fe_college": (11, 1, 2, 3),
    "university": (2, 3, 6, 7),
    "supported_internship": (11, 2, 3),
}

# Encounters in each year group: (category, fewest, most).
ENCOUNTERS_BY_YEAR = {
    7: (("employer_talk", 1, 2), ("enterprise", 0, 1), ("careers_fair", 0, 1)),
    8: (
        ("employer_talk", 1, 2),
        ("careers_fair", 1, 1),
        ("workplace_visit", 0, 1),
        ("fe_college", 0, 1),
        ("sixth_form", 0, 1),
        ("enterprise", 0, 1),
    ),
    9: (
        ("employer_talk", 1, 2),
        ("careers_fair", 1, 1),
        ("mentoring", 0, 2),
        ("apprenticeship_provider", 1, 1),
        ("fe_college", 0, 1),
        ("university", 0, 1),
    ),
    10: (
        ("employer_talk", 1, 2),
        ("careers_fair", 1, 1),
        ("mentoring", 0, 1),
        ("university", 0, 1),
        ("apprenticeship_provider", 0, 1),
        ("enterprise", 0, 1),
    ),
    11: (
        ("sixth_form", 1, 1),
        ("fe_college", 1, 2),
        ("apprenticeship_provider", 1, 1),
        ("employer_talk", 1, 1),
        ("mentoring", 0, 1),
        ("careers_fair", 0, 1),
    ),
    12: (
        ("university", 1, 2),
        ("employer_talk", 1, 2),
        ("apprenticeship_provider", 0, 1),
        ("careers_fair", 0, 1),
        ("mentoring", 0, 1),
    ),
    13: (
        ("university", 1, 2),
        ("employer_talk", 1, 1),
        ("apprenticeship_provider", 1, 1),
        ("mentoring", 0, 1),
    ),
    14: (("employer_talk", 1, 2), ("fe_college", 0, 1), ("workplace_visit", 1, 1)),
    POST_19: (("employer_talk", 1, 1), ("workplace_visit", 1, 2)),
}


class _Story:
    """One pupil's passport written as they might have written it, year by year."""

    def __init__(self, pupil: Pupil, rng: random.Random, on: date) -> None:
        self.rng, self.on = rng, on
        self.year_group, self.send = pupil.year_group, pupil.sen_status
        self.began = pupil.record_began_on
        self.theme = rng.choice(list(SECTORS))
        weights = (5, 4, 1) if self.send == "E" else (2, 5, 3)
        self.style = rng.choices((0, 1, 2), weights=weights)[0]  # terse, usual, wordy
        mentor = self.employer()
        self.mentor = mentor, rng.choice(PEOPLE), rng.choice(SECTORS[mentor.sector].jobs)
        self.awarded: set[str] = set()  # titles already given, so none comes twice
        self.entries: list[PlannedEntry] = []

    # --- when

    def start_of(self, year_group: int) -> int:
        """The school year (by its starting calendar year) the pupil was in ``year_group``."""
        return school_year_of(self.on) - (self.year_group - year_group)

    def day_in(self, year_group: int, months: tuple[int, ...] = TERM_MONTHS) -> date:
        month = self.rng.choice(months)
        start = self.start_of(year_group)
        return _school_day(date(start + (month < 9), month, self.rng.randint(2, 27)))

    def monday_in(self, year_group: int, month: int) -> date:
        """A Monday in the second week of ``month`` (or so) of that year."""
        start = self.start_of(year_group)
        day = date(start + (month < 9), month, self.rng.randint(8, 14))
        return day - timedelta(days=day.weekday())

    # --- words

    def words(self, sector_key: str, org: str, **extra) -> dict:
        """What fills the {placeholders} of one entry's sentences."""
        rng, sector = self.rng, SECTORS[sector_key]
        job, job2 = rng.sample(sector.jobs, 2)
        task, task2 = rng.sample(sector.tasks, 2)
        others = rng.sample(EMPLOYERS, 3)
        return {
            "sector_key": sector_key,
            "org": f"the {org}" if org.startswith("University of") else org,
            "org2": others[2].name,
            "job": job,
            "a_job": _a(job),
            "A_job": _a(job).capitalize(),
            "a_job2": _a(job2),
            "task": task,
            "task2": task2,
            "fact": rng.choice(sector.facts),
            "facts": sector.facts,
            "sector": sector.name.lower(),
            "course": sector.course,
            "degree": sector.degree,
            "a_levels": sector.a_levels,
            "apprenticeship": sector.apprenticeship,
            "role": rng.choice(sector.roles),
            "name": rng.choice(PEOPLE),
            "family": rng.choice(FAMILY),
            "subject": rng.choice(SUBJECTS),
            "product": rng.choice(PRODUCTS),
            "can": rng.choice(CAN),
            "n": rng.randint(3, 7),
            "other": others[0].name,
            "others": f"{others[0].name}, {others[1].name} and {others[2].name}",
        } | extra

    def say(self, options: tuple[str, ...], words: dict, chance: float = 1.0) -> str:
        """One of ``options`` filled in, or "" (left empty) ``1 - chance`` of the time."""
        if not options or self.rng.random() > chance:
            return ""
        return self.rng.choice(options).format_map(words)

    def reflections(self, said: Words, words: dict, did: str | None = None) -> dict:
        """What I did, who I met, what I learned and what next, as long as this pupil writes."""
        rng, style = self.rng, self.style
        did = did or self.say(said.did, words)
        if rng.random() < (0.05, 0.2, 0.4)[style]:
            did += " " + rng.choice(EXTRAS)
        return {
            "what_i_did": did,
            "who_i_met": self.say(said.met, words, (0.4, 0.8, 1.0)[style]),
            "what_i_learned": self.learned(said, words, (0.5, 0.9, 1.0)[style]),
            "what_next": self.say(said.next, words, (0.3, 0.6, 0.9)[style]),
            "feeling": self.feeling(),
        }

    def learned(self, said: Words, words: dict, chance: float) -> str:
        """One thing learned, or (for a pupil who writes a lot) two different things."""
        rng = self.rng
        if rng.random() > chance:
            return ""
        first, second = rng.sample(said.learned, 2)
        fact, other_fact = rng.sample(words["facts"], 2)
        text = first.format_map(words | {"fact": fact})
        if self.style == 2 and rng.random() < 0.5:
            text += " " + second.format_map(words | {"fact": other_fact})
        return text

    def feeling(self, lift: int = 0) -> int | None:
        if self.style == 0 and self.rng.random() < 0.2:
            return None
        return min(5, self.rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 5, 8, 5))[0] + lift)

    # --- what

    def add(self, kind: str, day: date, parent: PlannedEntry | None = None, **values):
        entry = PlannedEntry(kind, content_of(kind, day, **values), parent=parent)
        self.entries.append(entry)
        return entry

    def employer(self, near_theme: float = 0.5) -> Organisation:
        if self.rng.random() < near_theme:
            return self.rng.choice([o for o in EMPLOYERS if o.sector == self.theme])
        return self.rng.choice(EMPLOYERS)

    def provider(self, category: str) -> Organisation:
        choices = [o for o in ORGANISATIONS if o.kind == category]
        if category == "fe_college" and self.send != "E":
            choices = [o for o in choices if "Specialist" not in o.name]
        return self.rng.choice(choices)

    def encounter(self, category: str, year_group: int) -> None:
        day = self.day_in(year_group, CATEGORY_MONTHS.get(category, TERM_MONTHS))
        extra = {}
        if category == "careers_fair":
            org, sector_key, sector = self.rng.choice(CAREERS_FAIRS), self.theme, ""
        elif category in PROVIDER_SECTORS:
            org, sector_key = self.provider(category).name, self.theme
            sector = PROVIDER_SECTORS[category]
        else:
            found = self.employer()
            if category == "mentoring":  # the same mentor each time
                found, name, job = self.mentor
                extra = {"name": name, "a_job": _a(job), "A_job": _a(job).capitalize()}
            org, sector_key, sector = found.name, found.sector, SECTORS[found.sector].name
        words = self.words(sector_key, org, **extra)
        reflections = self.reflections(ENCOUNTER_WORDS[category], words)
        if self.style == 0 and self.rng.random() < 0.5:
            sector = ""
        self.add(
            kinds.ENCOUNTER,
            day,
            category=category,
            organisation=org,
            sector=sector,
            **reflections,
        )

    def achievement(self, award: Award, day: date) -> None:
        self.awarded.add(award.title)
        words = self.words(self.theme, award.awarded_by)
        self.add(
            kinds.ACHIEVEMENT,
            day,
            achievement_kind=award.kind,
            title=award.title,
            awarded_by=award.awarded_by,
            what_i_did=award.did.format_map(words),
            what_i_learned=award.learned if self.style else "",
            feeling=self.feeling(lift=1),
        )

    def experience(
        self,
        placement_kind: str,
        days: list[date],
        *,
        diary: int,
        hours: float,
        org: Organisation | None = None,
        role: str | None = None,  # None: one the sector offers; "": left empty
        employer: str = "",
    ) -> None:
        """A workplace experience over ``days``, ``diary`` of them written up as diary days."""
        org = org or self.employer(0.6)
        sector, online = SECTORS[org.sector], placement_kind == "virtual"
        role = self.rng.choice(sector.roles) if role is None else role
        length = len(days)
        weekly = length > 1 and days[1] - days[0] == timedelta(weeks=1)
        duration = (
            f"a day a week for {length} weeks"
            if weekly
            else {1: "a day", 5: "a week"}.get(length, f"{length} days")
        )
        words = self.words(
            org.sector,
            employer or org.name,
            role=role,
            a_role=_a(role) if role else "",
            weekly=weekly,
            duration=duration,
        )
        words["duration_cap"] = duration.capitalize()
        placement = self.add(
            kinds.WORKPLACE,
            days[0],
            placement_kind=placement_kind,
            employer=employer or org.name,
            role=role,
            sector=sector.name,
            ends_on=days[-1] if length > 1 else None,
            hours=hours,
            **self.reflections(ONLINE_WORDS if online else WORKPLACE_WORDS, words),
        )
        chosen = sorted(self.rng.sample(range(length), min(diary, length)))
        for number, index in enumerate(chosen):
            self.diary_day(placement, days[index], index, length, words, later=number > 0)

    def diary_day(
        self, placement: PlannedEntry, day: date, index: int, length: int, words: dict, later: bool
    ) -> None:
        """Day ``index`` of ``length``: the first and last days say so; feelings rise a little
        after the first entry."""
        online = placement.content["placement_kind"] == "virtual"
        sector = SECTORS[words["sector_key"]]
        task, task2 = self.rng.sample(sector.tasks, 2)
        label = f"{'Week' if words['weekly'] else 'Day'} {index + 1}"
        words = words | {"n": index + 1, "Day_n": label, "task": task, "task2": task2}
        opening = FIRST_DAY if index == 0 else LAST_DAY if index == length - 1 else None
        did = opening.format_map(words) if opening and not online else None
        notes = self.reflections(ONLINE_DIARY_WORDS if online else DIARY_WORDS, words, did)
        if notes["feeling"]:
            notes["feeling"] = min(5, notes["feeling"] + later)
        self.add(kinds.DIARY, day, parent=placement, **notes)

    def week(self, year_group: int, month: int, placement_kind: str, diary: int, **kw) -> None:
        monday = self.monday_in(year_group, month)
        days = [monday + timedelta(days=n) for n in range(5)]
        self.experience(placement_kind, days, diary=diary, **kw)

    def weekly(self, year_group: int, month: int, weeks: int, placement_kind: str, **kw) -> None:
        """A day a week for ``weeks`` weeks (an extended placement, a supported internship)."""
        first = self.monday_in(year_group, month) + timedelta(days=2)
        days = [first + timedelta(weeks=n) for n in range(weeks)]
        self.experience(placement_kind, days, hours=6.0 * weeks, **kw)

    def in_school(self, year_group: int) -> None:
        """Work experience in school: an afternoon a week for half a term."""
        where, sector, role = self.rng.choice(IN_SCHOOL)
        self.weekly(
            year_group,
            self.rng.choice((1, 4)),
            6,
            "internal",
            diary=self.rng.randint(1, 2),
            org=Organisation("Riverside Academy", EMPLOYER, sector),
            employer=f"Riverside Academy ({where})",
            role=role,
        )

    def virtual(self, year_group: int, diary: int) -> None:
        """Three online sessions in a week."""
        org = self.rng.choice([o for o in EMPLOYERS if o.sector in ONLINE_SECTORS])
        first = self.monday_in(year_group, self.rng.choice((2, 4, 5)))
        days = [first + timedelta(days=n) for n in range(0, 5, 2)]
        hours = float(self.rng.choice((6, 8, 10)))
        self.experience("virtual", days, diary=diary, hours=hours, org=org, role="")

    def visit(self, year_group: int, placement_kind: str = "work_visit") -> None:
        """A work visit (a day) or work shadowing (a day or two)."""
        length = 1 if placement_kind == "work_visit" else self.rng.randint(1, 2)
        first = self.monday_in(year_group, self.rng.choice(TERM_MONTHS))
        first += timedelta(days=self.rng.randint(0, 3))
        days = [first + timedelta(days=n) for n in range(length)]
        self.experience(placement_kind, days, diary=length - 1, hours=6.0 * length)

    # --- a year

    def year(self, year_group: int) -> None:
        rng = self.rng
        for category, fewest, most in ENCOUNTERS_BY_YEAR[year_group]:
            for _ in range(rng.randint(fewest, most)):
                self.encounter(category, year_group)
        if self.send == "E" and year_group >= 11 and rng.random() < 0.8:
            self.encounter("supported_internship", year_group)
        self.workplace(year_group)
        self.achievements(year_group)

    def workplace(self, year_group: int) -> None:
        """Experiences of workplaces: most pupils have a week's placement in Year 10, and an
        extended one in Year 12; pupils with an EHCP try supported internships."""
        rng, send = self.rng, self.send
        if year_group == 9:
            if rng.random() < 0.3:
                self.virtual(9, diary=1)
            if send != "N" and rng.random() < 0.4:
                self.in_school(9)
        elif year_group == 10:
            if rng.random() < 0.85:
                self.week(10, rng.choice((6, 7)), "placement", rng.randint(3, 5), hours=32.5)
            elif send != "N":
                self.in_school(10)
            else:
                self.virtual(10, diary=2)
            if rng.random() < 0.25:
                self.visit(10)
        elif year_group in (11, 13):
            if send == "E" and rng.random() < 0.6:
                self.week(year_group, 3, "supported_internship", 2, hours=15.0, role="intern")
            elif rng.random() < 0.3:
                self.visit(year_group, "shadowing")
        elif year_group == 12:
            if rng.random() < 0.7:
                self.weekly(12, 1, 10, "extended_placement", diary=rng.randint(2, 4))
            else:
                self.virtual(12, diary=1)
        elif year_group >= 14:
            if send == "E" and rng.random() < 0.7:
                self.weekly(year_group, 10, 30, "supported_internship", diary=rng.randint(3, 4))
            else:
                self.week(year_group, rng.choice((3, 5)), "placement", 3, hours=30.0)

    def achievements(self, year_group: int) -> None:
        """One or two achievements a year that fit the pupil's age and needs (none twice), and
        results in the August after Years 11 and 13."""
        rng = self.rng
        fits = [
            award
            for award in AWARDS
            if award.years[0] <= year_group <= award.years[1]
            and self.fits(award)
            and award.title not in self.awarded
        ]
        for award in rng.sample(fits, min(len(fits), rng.randint(1, 2))):
            self.achievement(award, self.day_in(year_group, award.months))
        results = RESULTS.get(year_group)
        if results and self.fits(results):
            self.achievement(results, date(self.start_of(year_group) + 1, 8, rng.randint(20, 25)))

    def fits(self, award: Award) -> bool:
        return (
            award.who == "all"
            or (award.who == "send" and self.send != "N")
            or (award.who == "no_ehcp" and self.send != "E")
        )


def plan_passport(pupil: Pupil, *, seed: int = 2026, on: date | None = None) -> Passport:
    """A realistic passport for ``pupil`` from Year 7 (or when their record began) to ``on``
    (today): entries of every kind that fits each year, a few left as drafts, skill ratings
    that grow and cite entries, aspirations, intended destinations and, with SEND, a
    vocational profile. The same seed, pupil and day always give the same passport."""
    on = on or today()
    story = _Story(pupil, random.Random(f"{seed}:{pupil.upn}"), on)
    for year_group in range(7, min(pupil.year_group, POST_19) + 1):
        story.year(year_group)
    passport = Passport(entries=_kept(story.entries, pupil.record_began_on, on))
    _finish(passport, story)
    return passport


def _kept(entries: list[PlannedEntry], began: date, on: date) -> list[PlannedEntry]:
    """Entries dated within the record, in date order; a diary day goes with its placement."""
    kept = {
        id(e)
        for e in entries
        if began <= e.day <= on and (e.parent is None or began <= e.parent.day)
    }
    return sorted((e for e in entries if id(e) in kept), key=lambda e: e.day)


def _finish(passport: Passport, story: _Story) -> None:
    """Ids and times for each entry, drafts, then the histories that refer to entries."""
    rng = story.rng
    for entry in passport.entries:
        entry.client_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        entry.written_at = _moment(entry.day, rng)
        entry.shared = rng.random() > 0.1
    _drafts(passport, rng)
    passport.ratings = _ratings(passport, story)
    passport.aspirations = _aspirations(story)
    passport.destinations = _destinations(story)
    passport.profiles = _profiles(story)


def _moment(day: date, rng: random.Random) -> datetime:
    """An afternoon or evening on ``day``, in UTC (never later than now)."""
    local = datetime.combine(day, time(rng.randint(15, 20), rng.randint(0, 59)), LONDON)
    return min(local.astimezone(UTC), utcnow())


def _drafts(passport: Passport, rng: random.Random) -> None:
    """One to three of the pupil's latest entries left unfinished, as drafts."""
    parents = {id(e.parent) for e in passport.entries if e.parent}
    recent = [e for e in passport.entries[-10:] if id(e) not in parents]
    if len(passport.entries) < 4 or not recent:
        return
    for entry in rng.sample(recent, min(len(recent), rng.randint(1, 3))):
        entry.state = "draft"
        entry.content |= {k: "" for k in ("what_i_learned", "what_next") if k in entry.content}


def _ratings(passport: Passport, story: _Story) -> list[PlannedRating]:
    """Two to four ratings over time for some skills, rising, each citing one or two entries."""
    rng = story.rng
    saved = [e for e in passport.entries if e.state == "submitted"]
    if len(saved) < 4:
        return []
    ratings = []
    for skill in rng.sample(list(SKILL_NOTES), rng.randint(2, 5)):
        anchors = sorted(rng.sample(range(len(saved)), min(len(saved) // 2, rng.randint(2, 4))))
        step, at = rng.randint(1, 5), None
        for index in anchors:
            cited = saved[index]
            evidence = [cited]
            if index and rng.random() < 0.4:
                evidence.insert(0, saved[rng.randrange(index)])
            day = min(story.on, cited.day + timedelta(days=rng.randint(0, 14)))
            at = max(_moment(day, rng), at) if at else _moment(day, rng)  # never before the last
            note = SKILL_NOTES[skill].format(place=cited.place) if story.style else ""
            ratings.append(PlannedRating(skill, step, note, at, evidence))
            step = min(15, step + rng.randint(1, 3))
    return sorted(ratings, key=lambda r: r.at)


def _dated(story: _Story, year_group: int, month: int) -> date | None:
    """A day in ``month`` of the year the pupil was in ``year_group``, if already past."""
    if year_group > story.year_group:
        return None
    day = story.day_in(year_group, (month,))
    return day if story.began <= day <= story.on else None


def _aspirations(story: _Story) -> list[tuple[datetime, str, str]]:
    """One to three, firming up over the years; some pupils start somewhere else."""
    rng = story.rng
    hopes = list(SECTORS[story.theme].hopes)
    if rng.random() < 0.3:
        hopes[0] = rng.choice(list(SECTORS.values())).hopes[0]
    planned = []
    for (what, why), year_group, month in zip(hopes, (7, 9, 11), (11, 2, 10), strict=True):
        day = _dated(story, year_group, month)
        if day is not None:
            planned.append((_moment(day, rng), what, why if story.style else ""))
    return planned


UNIVERSITIES = (
    "the University of Leeds",
    "Leeds Beckett University",
    "the University of Huddersfield",
)
# When a pupil states an intended destination: (year group, month), first and later.
DESTINATION_TIMES = {"16": ((9, 3), (11, 11)), "18": ((11, 1), (12, 11)), "25": ((10, 3), (13, 3))}


def _intentions(sector: Sector, ehcp: bool, university: str) -> dict[str, list[tuple[str, str]]]:
    """What a pupil drawn to ``sector`` might plan at each stage: (intention code, detail)."""
    if ehcp:
        return {
            "16": [("280", "Aireview Specialist College"), ("230", f"Foundation {sector.course}")],
            "18": [("460", "Project SEARCH at Riverside Hospital"), ("230", sector.course)],
            "25": [("330", f"A paid job in {sector.name.lower()}"), ("360", "Part-time work")],
        }
    return {
        "16": [
            ("210", f"A levels in {sector.a_levels} at Eastfield Sixth Form"),
            ("230", f"{sector.course} at City College"),
            ("310", sector.apprenticeship.capitalize()),
        ],
        "18": [
            ("240", f"{sector.degree} at {university}"),
            ("310", sector.apprenticeship.capitalize()),
            ("320", f"A job with training in {sector.name.lower()}"),
        ],
    }


def _destinations(story: _Story) -> list[tuple[datetime, str, str, str]]:
    """At 16 from Year 9, at 18 from Year 11 and, with an EHCP, up to 25 from Year 10; the
    first is sometimes "I don't know yet"."""
    rng = story.rng
    plans = _intentions(SECTORS[story.theme], story.send == "E", rng.choice(UNIVERSITIES))
    planned = []
    for stage, choices in plans.items():
        for number, (year_group, month) in enumerate(DESTINATION_TIMES[stage]):
            day = _dated(story, year_group, month)
            if day is None:
                continue
            code, detail = (
                (destinations.UNDECIDED, "")
                if number == 0 and rng.random() < 0.3
                else rng.choice(choices)
            )
            if not planned or planned[-1][1:] != (stage, code, detail):  # a change, or nothing
                planned.append((_moment(day, rng), stage, code, detail))
    return planned


def _profiles(story: _Story) -> list[tuple[datetime, dict]]:
    """ "All about me" for a pupil with SEND: written in Year 8 (or their first year), and
    sometimes added to in Year 11."""
    if story.send == "N":
        return []
    rng = story.rng
    planned: list[tuple[datetime, dict]] = []
    for year_group, month in ((min(story.year_group, 8), 10), (11, 5)):
        day = _dated(story, year_group, month)
        if day is None or (planned and rng.random() < 0.5):
            continue
        content = dict(planned[-1][1]) if planned else dict.fromkeys(PROFILE, "")
        for name in rng.sample(list(PROFILE), 3 if planned else len(PROFILE)):
            more = [c for c in PROFILE[name] if c not in content[name]]
            content[name] = f"{content[name]} {rng.choice(more)}".strip()
        planned.append((_moment(day, rng), content))
    return planned


# --- Maya Patel's passport, written by hand for the demo ---------------------------------------

# (year group, month, day, kind, content), in the order she wrote them. A diary day belongs to
# the workplace experience before it; a date that falls at a weekend moves to the nearest weekday.
MAYA_ENTRIES = (
    (
        7,
        10,
        12,
        kinds.ENCOUNTER,
        {
            "category": "employer_talk",
            "organisation": "Riverside Hospital",
            "sector": "Health and care",
            "what_i_did": "A nurse and a paramedic from Riverside Hospital came to our Year 7 "
            "assembly. They showed us the kit they carry in the ambulance.",
            "who_i_met": "Kerry, a nurse, and Dan, a paramedic.",
            "what_i_learned": "Paramedics have to make decisions really fast. Nurses work in lots "
            "of places, not just hospitals.",
            "feeling": 4,
            "what_next": "Ask my nan what it was like being a nurse.",
        },
    ),
    (
        7,
        1,
        24,
        kinds.ENCOUNTER,
        {
            "category": "employer_talk",
            "organisation": "West Yorkshire Fire and Rescue Service",
            "sector": "Public services",
            "what_i_did": "Two firefighters came to our PSHE lesson. They told us how to stay safe "
            "at home and what their job is like.",
            "who_i_met": "Two firefighters from the station near school.",
            "what_i_learned": "Firefighters spend a lot of time teaching people about fire safety, "
            "not just putting out fires.",
            "feeling": 3,
        },
    ),
    (
        7,
        3,
        14,
        kinds.ENCOUNTER,
        {
            "category": "enterprise",
            "organisation": "Brightside Bakery",
            "sector": "Hospitality and catering",
            "what_i_did": "Enterprise Day. Our team had to plan a stall for the summer fair. We "
            "chose **dog biscuits** shaped like bones. I made the poster.",
            "who_i_met": "Jess, who owns Brightside Bakery. She judged our plans.",
            "what_i_learned": "You have to work out what things cost *before* you set a price. "
            "We nearly made a loss!",
            "feeling": 5,
            "what_next": "Sell the biscuits at the summer fair.",
        },
    ),
    (
        7,
        4,
        27,
        kinds.ACHIEVEMENT,
        {
            "achievement_kind": "volunteering",
            "title": "Litter pick with the eco club",
            "awarded_by": "Riverside Academy",
            "what_i_did": "We cleaned up the park next to school after lessons.",
            "what_i_learned": "I care about where animals live.",
            "feeling": 4,
        },
    ),
    (
        7,
        6,
        20,
        kinds.ACHIEVEMENT,
        {
            "achievement_kind": "certificate",
            "title": "Star of the Week for science",
            "awarded_by": "Riverside Academy",
            "what_i_did": "My science teacher picked me because I asked lots of good questions "
            "about the heart.",
            "what_i_learned": "I am curious. I like finding out how bodies work.",
            "feeling": 5,
        },
    ),
    (
        8,
        9,
        18,
        kinds.ACHIEVEMENT,
        {
            "achievement_kind": "certificate",
            "title": "Summer Reading Challenge",
            "awarded_by": "Central Library",
            "what_i_did": "I read six books over the summer. Reading is hard for me because of my "
            "dyslexia, so I listened to two as audiobooks and read along.",
            "what_i_learned": "I can finish something hard if I find a way that works for me.",
            "feeling": 4,
        },
    ),
    (
        8,
        10,
        16,
        kinds.ENCOUNTER,
        {
            "category": "careers_fair",
            "organisation": "Riverside Academy Careers Fair",
            "what_i_did": "I went round the stands with Aisha. I spent ages at the Aire Valley "
            "Vets stand. They had a model of a dog's skeleton.",
            "who_i_met": "Sophie, a veterinary nurse, and people from Northgate Builders and "
            "City College.",
            "what_i_learned": "You don't have to be a vet to work at a vets. Veterinary nurses do "
            "a lot of the care.",
            "feeling": 5,
            "what_next": "Find out what a veterinary nurse needs to study.",
        },
    ),
    (
        8,
        2,
        5,
        kinds.ENCOUNTER,
        {
            "category": "fe_college",
            "organisation": "City College",
            "sector": "Education",
            "what_i_did": "A taster afternoon at City College. We had a session in the animal "
            "unit and I held a bearded dragon.",
            "who_i_met": "Mr Hussain, a tutor, and students on the Level 3 course.",
            "what_i_learned": "The college has its own animal unit with over 200 animals. "
            "Students look after them every day, even in the holidays.",
            "feeling": 5,
            "what_next": "Go to the open evening in Year 10.",
        },
    ),
    (
        8,
        3,
        20,
        kinds.ENCOUNTER,
        {
            "category": "workplace_visit",
            "organisation": "Fieldhouse Farm",
            "sector": "Farming and outdoors",
            "what_i_did": "Our class went to Fieldhouse Farm in lambing season. We saw a lamb "
            "being born!",
            "who_i_met": "The farmer, Mrs Hall, and her apprentice.",
            "what_i_learned": "Farmers work very long days at lambing time. The apprentice was "
            "only 17.",
            "feeling": 4,
        },
    ),
    (
        8,
        5,
        10,
        kinds.ACHIEVEMENT,
        {
            "achievement_kind": "volunteering",
            "title": "Volunteering at Kirkstall Animal Rescue",
            "awarded_by": "Kirkstall Animal Rescue",
            "what_i_did": "I help on Saturday mornings with my mum. I walk the dogs and clean "
            "the bowls.",
            "what_i_learned": "I am reliable. I haven't missed a Saturday since March.",
            "feeling": 5,
        },
    ),
    (
        8,
        6,
        24,
        kinds.ENCOUNTER,
        {
            "category": "employer_talk",
            "organisation": "CodeNorth Software",
            "sector": "Computing and digital",
            "what_i_did": "A developer from CodeNorth Software showed us how apps are made. We "
            "made a simple game in the lesson.",
            "who_i_met": "Raj, a software developer.",
            "what_i_learned": "I thought coding was not for me, but making the game was fun. It "
            "is a lot of problem solving.",
            "feeling": 3,
        },
    ),
    (
        9,
        9,
        24,
        kinds.ENCOUNTER,
        {
            "category": "mentoring",
            "organisation": "Calder Engineering",
            "sector": "Engineering and manufacturing",
            "what_i_did": "My first session with my mentor, Sam. We talked about what I am good "
            "at and what I find hard.",
            "who_i_met": "Sam, a maintenance engineer at Calder Engineering.",
            "what_i_learned": "Sam has dyslexia too. She says lots of engineers do. She uses "
            "coloured screens and voice notes.",
            "feeling": 4,
            "what_next": "Write down three things I am good at.",
        },
    ),
    (
        9,
        11,
        20,
        kinds.ENCOUNTER,
        {
            "category": "sixth_form",
            "organisation": "Eastfield Sixth Form",
            "sector": "Education",
            "what_i_did": "I went to the Eastfield Sixth Form open evening with my dad. We looked "
            "at Biology and Chemistry.",
            "who_i_met": "The head of science and two Year 12 students.",
            "what_i_learned": "A levels are mostly exams at the end. You need a 6 in a subject to "
            "take it there.",
            "feeling": 3,
            "what_next": "Find out about other ways to become a veterinary nurse.",
        },
    ),
    (
        9,
        1,
        22,
        kinds.ENCOUNTER,
        {
            "category": "apprenticeship_provider",
            "organisation": "Yorkshire Training Partnership",
            "sector": "Training",
            "what_i_did": "Michelle from Yorkshire Training Partnership did an assembly about "
            "apprenticeships. I stayed after to ask about working with animals.",
            "who_i_met": "Michelle, an apprenticeship adviser.",
            "what_i_learned": "You can become a **veterinary nurse through an apprenticeship**. "
            "You work in a vets and go to college one day a week.",
            "feeling": 5,
            "what_next": "Look up the veterinary nursing apprenticeship.",
        },
    ),
    (
        9,
        2,
        26,
        kinds.ENCOUNTER,
        {
            "category": "university",
            "organisation": "University of Leeds",
            "sector": "Education",
            "what_i_did": "Our science group spent a day at the University of Leeds. We did an "
            "experiment in a real lab and had a tour.",
            "who_i_met": "Student ambassadors. One of them studies Zoology.",
            "what_i_learned": "You can study animals in lots of ways at university: zoology, "
            "animal behaviour, veterinary science.",
            "feeling": 4,
            "what_next": "Maybe go to an open day in Year 12.",
        },
    ),
    (
        9,
        3,
        12,
        kinds.ENCOUNTER,
        {
            "category": "employer_talk",
            "organisation": "Aire Valley Vets",
            "sector": "Animal care",
            "what_i_did": "In National Careers Week, Sophie from Aire Valley Vets came to talk to "
            "us. She showed us photos from an operation.",
            "who_i_met": "Sophie, a registered veterinary nurse.",
            "what_i_learned": "Veterinary nurses give injections, look after animals after "
            "operations and talk to owners. It took Sophie three years to qualify.",
            "feeling": 5,
            "what_next": "Ask Sophie if I can do my work experience there.",
        },
    ),
    (
        9,
        4,
        21,
        kinds.WORKPLACE,
        {
            "placement_kind": "virtual",
            "employer": "Riverside Hospital",
            "role": "online work experience",
            "sector": "Health and care",
            "ends_on": (9, 4, 25),
            "hours": 8.0,
            "what_i_did": "Virtual work experience with Riverside Hospital. Every afternoon we "
            "had a video call with a different team: pharmacy, physio, the labs and a ward.",
            "who_i_met": "People from five hospital teams.",
            "what_i_learned": "There are over 350 different jobs in the NHS.",
            "feeling": 3,
        },
    ),
    (
        9,
        5,
        16,
        kinds.ACHIEVEMENT,
        {
            "achievement_kind": "certificate",
            "title": "First Aid for Young People",
            "awarded_by": "St John Ambulance",
            "what_i_did": "We practised CPR on dummies and learned the recovery position.",
            "what_i_learned": "I stayed calm when we did the pretend emergency.",
            "feeling": 4,
        },
    ),
    (
        9,
        7,
        6,
        kinds.WORKPLACE,
        {
            "placement_kind": "placement",
            "employer": "Aire Valley Vets",
            "role": "veterinary helper",
            "sector": "Animal care",
            "ends_on": (9, 7, 10),
            "hours": 32.5,
            "what_i_did": "Our school does work experience week at the end of Year 9. I spent "
            "mine at Aire Valley Vets, helping the nurses in the kennels, on reception and in "
            "the prep room.",
            "who_i_met": "Sophie (my supervisor), two vets, three nurses, and Pat and Gemma on "
            "reception.",
            "what_i_learned": "I can manage a full day on my feet. Veterinary nursing is hard "
            "work, and it is what I want to do.",
            "feeling": 5,
            "what_next": "Ask Sophie for a reference. Look up the City College open evening.",
        },
    ),
    (
        9,
        7,
        6,
        kinds.DIARY,
        {
            "what_i_did": "First day. I was so nervous I couldn't eat breakfast. Sophie showed me "
            "round, then I cleaned out the kennels and fed the cats.",
            "what_i_learned": "Everything is written on a chart, so everyone knows what each "
            "animal has had.",
            "feeling": 3,
            "what_next": "Bring a bigger lunch!",
        },
    ),
    (
        9,
        7,
        7,
        kinds.DIARY,
        {
            "what_i_did": "I watched a cat being spayed through the window of the theatre. "
            "Sophie explained every step.",
            "what_i_learned": "The nurses watch the animal's breathing the whole time during an "
            "operation.",
            "feeling": 5,
            "what_next": "Ask if I can help in the prep room.",
        },
    ),
    (
        9,
        7,
        9,
        kinds.DIARY,
        {
            "what_i_did": "I was on reception in the morning. I had to answer the phone, which I "
            "hate, but Gemma wrote me a script and it was OK.",
            "what_i_learned": "A script helps me. I can do phone calls if I know what to say.",
            "feeling": 4,
            "what_next": "Use a script for phone calls at home too.",
        },
    ),
    (
        9,
        7,
        10,
        kinds.DIARY,
        {
            "what_i_did": "Last day. I helped give a dog called Biscuit his medicine, then I "
            "walked him. The team gave me a card.",
            "what_i_learned": "I am good at keeping animals calm.",
            "feeling": 5,
            "what_next": "Keep volunteering at the rescue on Saturdays.",
        },
    ),
    (
        9,
        7,
        17,
        kinds.ACHIEVEMENT,
        {
            "achievement_kind": "certificate",
            "title": "Work experience certificate",
            "awarded_by": "Aire Valley Vets",
            "what_i_did": "Aire Valley Vets gave me a certificate for my week. Sophie wrote that I "
            'was "calm, kind and always willing".',
            "what_i_learned": "Other people can see that I am good with animals.",
            "feeling": 5,
        },
    ),
    (
        10,
        9,
        25,
        kinds.ENCOUNTER,
        {
            "category": "enterprise",
            "organisation": "Paws and Claws Grooming",
            "sector": "Animal care",
            "what_i_did": "Enterprise challenge: our team had £10 to start a business. We made "
            "dog treats and sold them to parents at the open evening. We made £46!",
            "who_i_met": "Lou, who runs Paws and Claws Grooming. She helped us with our prices.",
            "what_i_learned": "I am good at the practical side, like baking and packing. I let "
            "Tom do the talking. Next time I want to try.",
            "feeling": 5,
            "what_next": "Tell our tutor group how we did it.",
        },
    ),
    (
        10,
        10,
        9,
        kinds.ENCOUNTER,
        {
            "category": "careers_fair",
            "organisation": "Leeds Apprenticeship Fair",
            "what_i_did": "I went to the Leeds Apprenticeship Fair with my mum. It was busy and "
            "loud, so we went early.",
            "who_i_met": "People from Yorkshire Training Partnership, Riverside Hospital and the "
            "council, and an apprentice veterinary nurse.",
            "what_i_learned": "The apprentice said you usually need GCSE English, maths and "
            "science at grade 4. She started at 18, after college.",
            "feeling": 3,
            "what_next": "Get a 4 in English. Ask about help with reading in my exams.",
        },
    ),
    (
        10,
        11,
        13,
        kinds.ENCOUNTER,
        {
            "category": "fe_college",
            "organisation": "City College",
            "sector": "Education",
            "what_i_did": "City College open evening with Mum and Dad. We looked at Level 2 and "
            "Level 3 Animal Management and asked about support for dyslexia.",
            "who_i_met": "Mr Hussain again, and the learning support team.",
            "what_i_learned": "College can give me a laptop with reading software, and extra "
            "time in exams. Level 3 can lead to a veterinary nursing apprenticeship.",
            "feeling": 5,
            "what_next": "Apply in January. Talk to Jo, my careers adviser.",
        },
    ),
    (
        10,
        11,
        18,
        kinds.ENCOUNTER,
        {
            "category": "employer_talk",
            "organisation": "Northgate Builders",
            "sector": "Construction",
            "what_i_did": "A site manager from Northgate Builders talked to our class about "
            "building jobs.",
            "who_i_met": "Carl, a site manager, and Amy, an apprentice quantity surveyor.",
            "what_i_learned": "Amy uses maths all day. She said building isn't only for boys.",
            "feeling": 3,
        },
    ),
)
# Still being written a few days ago: (days before today, kind, content).
MAYA_DRAFTS = (
    (
        3,
        kinds.ACHIEVEMENT,
        {
            "achievement_kind": "award",
            "title": "Bronze Duke of Edinburgh's Award (so far)",
            "awarded_by": "The Duke of Edinburgh's Award",
            "what_i_did": "I have done my volunteering (at the rescue) and my skill (baking). "
            "Still to do: the expedition.",
        },
    ),
    (
        1,
        kinds.ENCOUNTER,
        {
            "category": "mentoring",
            "organisation": "Calder Engineering",
            "sector": "Engineering and manufacturing",
            "what_i_did": "Mentoring with Sam. We talked about my college application.",
        },
    ),
)
MAYA_PRIVATE = (11,)  # kept from her family: she talks about her dyslexia there
# (skill, step, note, the entries cited, by their place in MAYA_ENTRIES)
MAYA_RATINGS = (
    ("teamwork", 4, "Our enterprise team worked well once we split up the jobs.", (2,)),
    ("speaking", 3, "I made the poster but let the others present it.", (2,)),
    ("listening", 5, "I listened to the safety talk at the college and remembered it all.", (7,)),
    ("aiming_high", 4, "I found out there is an apprenticeship for what I want to do.", (13,)),
    ("staying_positive", 5, "I was really nervous on my first day, but I went back.", (19,)),
    ("listening", 8, "I followed the nurses' instructions exactly, first time.", (18, 20)),
    ("speaking", 6, "I answered the phone at the vets, with a script.", (21,)),
    ("teamwork", 7, "I fitted into the team at the vets.", (18, 22)),
    ("speaking", 7, "I sold our dog treats to parents I didn't know.", (24,)),
    ("teamwork", 9, "I did the baking and packing while Tom did the selling.", (24,)),
    ("staying_positive", 7, "The fair was loud, but I stayed and asked my questions.", (25,)),
    ("aiming_high", 6, "I have a plan: Level 3 at City College, then an apprenticeship.", (26,)),
)
MAYA_ASPIRATIONS = (
    ((7, 10, 20), "I want to be a vet.", "I love animals, especially dogs."),
    (
        (9, 3, 14),
        "I want to be a veterinary nurse.",
        "Sophie's talk showed me the nurses do the caring, and you don't have to go to university.",
    ),
    (
        (10, 11, 14),
        "Veterinary nurse: Animal Management at City College, then an apprenticeship.",
        "My week at Aire Valley Vets was the best week ever. I know I can do it.",
    ),
)
MAYA_DESTINATIONS = (
    ((9, 11, 21), "16", "210", "A levels in Biology and Chemistry at Eastfield Sixth Form"),
    ((10, 11, 14), "16", "230", "Level 3 Animal Management at City College"),
    ((10, 11, 14), "18", "310", "Veterinary nursing apprenticeship"),
)
MAYA_PROFILE = {
    "interests": "Animals, especially dogs. Baking. Drawing animals.",
    "strengths": "I am kind and patient. Animals stay calm with me. I work hard when I care "
    "about something.",
    "what_helps": "Instructions written down as well as said. A bit more time to read. A "
    "script for phone calls.",
    "what_is_hard": "Reading long texts quickly (I have dyslexia). Busy, noisy rooms. "
    "Phoning people I don't know.",
    "ideal_workplace": "Somewhere with animals and a small team, where I am on my feet, not "
    "at a desk all day.",
    "for_employers": "I might ask you to write things down. That is so I get them right, not "
    "because I wasn't listening.",
}


def maya_passport(pupil: Pupil, *, seed: int = 2026, on: date | None = None) -> Passport:
    """The demo pupil's hand-written passport: about 30 entries from Year 7 to now (two of them
    drafts from the last few days), skills, aspirations, intended destinations and her
    "all about me". Anything dated after ``on`` (today) is left out."""
    on = on or today()
    rng = random.Random(f"{seed}:maya")

    def when(year_group: int, month: int, day: int) -> date:
        start = school_year_of(on) - (pupil.year_group - year_group)
        return _school_day(date(start + (month < 9), month, day))

    planned = _maya_entries(when, on)
    passport = Passport(entries=_kept(planned, pupil.record_began_on, on))
    for entry in passport.entries:
        entry.client_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        entry.written_at = _moment(entry.day, rng)
    for skill, step, note, cited in MAYA_RATINGS:
        evidence = [planned[n] for n in cited]
        if all(e in passport.entries for e in evidence):
            day = min(on, max(e.day for e in evidence) + timedelta(days=1))
            passport.ratings.append(PlannedRating(skill, step, note, _moment(day, rng), evidence))
    histories = (
        (passport.aspirations, MAYA_ASPIRATIONS),
        (passport.destinations, MAYA_DESTINATIONS),
        (passport.profiles, (((9, 10, 6), MAYA_PROFILE),)),
    )
    for history, rows in histories:
        for moment, *row in rows:
            if pupil.record_began_on <= (day := when(*moment)) <= on:
                history.append((_moment(day, rng), *row))
    return passport


def _maya_entries(when: Callable[[int, int, int], date], on: date) -> list[PlannedEntry]:
    """Maya's entries in the order written; a diary day belongs to the placement before it."""
    planned: list[PlannedEntry] = []
    placement = None
    for number, (year_group, month, day, kind, values) in enumerate(MAYA_ENTRIES):
        values = dict(values)
        if "ends_on" in values:
            values["ends_on"] = when(*values["ends_on"])
        entry = PlannedEntry(kind, content_of(kind, when(year_group, month, day), **values))
        entry.parent = placement if kind == kinds.DIARY else None
        entry.shared = number not in MAYA_PRIVATE
        placement = entry if kind == kinds.WORKPLACE else placement
        planned.append(entry)
    for days_ago, kind, values in MAYA_DRAFTS:
        day = on - timedelta(days=days_ago)
        day -= timedelta(days=max(0, day.weekday() - 4))  # a weekend day: the Friday before
        planned.append(PlannedEntry(kind, content_of(kind, day, **values), state="draft"))
    return planned


# --- writing ---------------------------------------------------------------------------------

BATCH = 100  # pupils per round of inserts


def write_passports(passports: Sequence[tuple[Pupil, Passport]]) -> int:
    """Store planned passports; return how many entries were written.

    Each entry gets exactly the rows ``journal.passport.operations.record_entry`` writes (the
    entry, its first revision as the current one, the category and benchmark derived from the
    content, a diary day's link to its placement), but a batch of pupils takes a handful of
    statements rather than several per entry, so a school of 300 seeds in seconds.
    """
    written = 0
    for start in range(0, len(passports), BATCH):
        batch = passports[start : start + BATCH]
        written += _write_entries(batch)
        _write_ratings(batch)
        _write_histories(batch)
    return written


def _insert(model, rows: list[dict]) -> list[int]:
    """Insert ``rows`` and return their new ids, in order."""
    if not rows:
        return []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))


def _write_entries(batch: Sequence[tuple[Pupil, Passport]]) -> int:
    planned = [(pupil, entry) for pupil, passport in batch for entry in passport.entries]
    ids = _insert(Entry, [_entry_row(pupil, entry) for pupil, entry in planned])
    revisions = _insert(
        EntryRevision,
        [
            {
                "entry_id": entry_id,
                "number": 1,
                "content": entry.content,
                "author_id": pupil.user_id,
                "created_at": entry.written_at,
            }
            for (pupil, entry), entry_id in zip(planned, ids, strict=True)
        ],
    )
    if ids:
        db.session.execute(
            update(Entry),
            [
                {"id": entry_id, "current_revision_id": revision_id, "updated_at": e.written_at}
                for (_, e), entry_id, revision_id in zip(planned, ids, revisions, strict=True)
            ],
        )
    for (_, entry), entry_id in zip(planned, ids, strict=True):
        entry.id = entry_id
    links = [{"entry_id": e.id, "parent_id": e.parent.id} for _, e in planned if e.parent]
    if links:
        db.session.execute(insert(entry_parents), links)
    return len(ids)


def _entry_row(pupil: Pupil, entry: PlannedEntry) -> dict:
    default = pupil.school.family_sharing_default
    return {
        "pupil_id": pupil.id,
        "kind": entry.kind,
        "client_id": entry.client_id,
        "state": entry.state,
        "shared_with_family": default if entry.shared else not default,
        "source": kinds.PUPIL,
        "created_by_id": pupil.user_id,
        "created_at": entry.written_at,
        "updated_at": entry.written_at,
        "occurred_on": entry.day,
        "category": kinds.category_of_entry(entry.kind, entry.content),
        "benchmark": kinds.benchmark_of_entry(entry.kind, entry.content),
    }


def _by_pupil(pupil: Pupil, at: datetime) -> dict:
    """The columns every history row shares: whose it is, who wrote it (the pupil), when."""
    return {
        "pupil_id": pupil.id,
        "source": kinds.PUPIL,
        "author_id": pupil.user_id,
        "created_at": at,
    }


def _write_ratings(batch: Sequence[tuple[Pupil, Passport]]) -> None:
    """Skill ratings, each with the entries it cites (already written)."""
    ratings = [(pupil, r) for pupil, passport in batch for r in passport.ratings]
    ids = _insert(
        SkillRating,
        [
            _by_pupil(p, r.at) | {"skill": r.skill, "step": r.step, "note": r.note}
            for p, r in ratings
        ],
    )
    evidence = [
        {"rating_id": rating_id, "entry_id": entry.id}
        for (_, rating), rating_id in zip(ratings, ids, strict=True)
        for entry in rating.evidence
    ]
    if evidence:
        db.session.execute(insert(skill_rating_evidence), evidence)


def _write_histories(batch: Sequence[tuple[Pupil, Passport]]) -> None:
    """Aspirations, intended destinations and "all about me" versions."""
    rows = {
        Aspiration: [
            _by_pupil(p, at) | {"what": what, "why": why}
            for p, passport in batch
            for at, what, why in passport.aspirations
        ],
        IntendedDestination: [
            _by_pupil(p, at) | {"stage": stage, "category": code, "detail": detail}
            for p, passport in batch
            for at, stage, code, detail in passport.destinations
        ],
        ProfileVersion: [
            _by_pupil(p, at) | {"content": content}
            for p, passport in batch
            for at, content in passport.profiles
        ],
    }
    for model, model_rows in rows.items():
        if model_rows:
            db.session.execute(insert(model), model_rows)


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


def add_demo_entries(pupil: Pupil, count: int, *, seed: int = 2026) -> int:
    """Give ``pupil`` ``count`` entries in all, adding generated, saved ones spread over their
    school years (for benchmarks). Returns how many were added."""
    have = db.session.scalar(select(func.count(Entry.id)).where(Entry.pupil_id == pupil.id))
    wanted = count - (have or 0)
    if wanted <= 0:
        return 0
    on = today()
    story = _Story(pupil, random.Random(f"{seed}:{pupil.upn}:more"), on)
    entries: list[PlannedEntry] = []
    for _ in range(wanted):  # each round adds a few years' worth
        for year_group in range(7, min(pupil.year_group, POST_19) + 1):
            story.year(year_group)
        entries = _kept(story.entries, pupil.record_began_on, on)
        if len(entries) >= wanted or not entries:
            break
    for entry in entries[:wanted]:
        entry.client_id = str(uuid.UUID(int=story.rng.getrandbits(128), version=4))
        entry.written_at = _moment(entry.day, story.rng)
    return write_passports([(pupil, Passport(entries=entries[:wanted]))])
