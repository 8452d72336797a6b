"""The demo school's careers programme: a Year 10 careers fair with three absentees, a college
visit for one Year 11 tutor group, an apprenticeship assembly for Years 12 and 13 still to
come, and a saved group. Seeded once (seeding again adds nothing); attendance is written in
bulk, so it costs a few statements whatever the size of the school."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select

from journal.accounts import operations as accounts
from journal.accounts.models import User
from journal.calendar import today
from journal.cohort.models import CustomGroup
from journal.extensions import db
from journal.programme import operations
from journal.programme.models import ProgrammeActivity
from journal.schools.models import Pupil, School, TutorGroup

from .common import DEMO_PUPIL, school_number, trust_login

ABSENT = 3  # Year 10 pupils who missed the careers fair
EHCP_GROUP = "Year 11 with an EHCP"


def seed_programme(school: School) -> None:
    """Add the demo activities if the school has none."""
    if db.session.scalar(
        select(ProgrammeActivity.id).where(ProgrammeActivity.school_id == school.id).limit(1)
    ):
        return
    leader = accounts.find_by_login(trust_login("careers", school_number(school)))
    if leader is None:
        return
    on = today()
    _careers_fair(school, leader, on)
    _college_visit(school, leader, on)
    _assembly(school, leader, on)
    _ehcp_group(school, leader)


def _careers_fair(school: School, leader: User, on: date) -> None:
    """Year 10's careers fair, 12 days ago, with three absentees."""
    year_10 = _pupils(school, Pupil.year_group == 10)
    fair = _activity(
        school,
        leader,
        title="Year 10 autumn careers fair",
        kind="encounter:careers_fair",
        day=on - timedelta(days=12),
        place="Sports hall",
        organisations=[
            {"name": "Riverside Hospital", "sector": "Health", "type": "employer"},
            {"name": "Northgate Builders", "sector": "Construction", "type": "employer"},
            {"name": "Brightwire Digital", "sector": "Digital", "type": "employer"},
            {"name": "Riverside College", "sector": "Education", "type": "fe_college"},
        ],
        benchmarks=[2, 5],
        audience=("years", {"year_groups": [10]}, "Year 10"),
        pupils=year_10,
    )
    # Three absentees, the demo pupil among them: her passport is the hand-written example
    # (tests/test_demo.py counts it). Her classmates' home pages show the prompt (sign in as
    # one of them from a sign-in card).
    maya = accounts.find_by_login(DEMO_PUPIL)
    others = [p.id for p in year_10 if maya is None or p.user_id != maya.id]
    absent = set(others[: ABSENT - 1]) | ({maya.pupil.id} if maya and maya.pupil else set())
    present = {p.id for p in year_10} - absent
    operations.take_attendance(fair, listed={p.id for p in year_10}, present=present, by=leader)


def _college_visit(school: School, leader: User, on: date) -> None:
    """A college visit for the first Year 11 tutor group, five days ago, everyone there."""
    group = db.session.scalar(
        select(TutorGroup)
        .where(TutorGroup.school_id == school.id, TutorGroup.year_group == 11)
        .order_by(TutorGroup.name)
    )
    if group is None:
        return
    visit_pupils = _pupils(school, Pupil.tutor_group_id == group.id)
    visit = _activity(
        school,
        leader,
        title=f"Riverside College visit for {group.name}",
        kind="encounter:fe_college",
        day=on - timedelta(days=5),
        place="Riverside College",
        organisations=[
            {"name": "Riverside College", "sector": "Further education", "type": "fe_college"}
        ],
        benchmarks=[7],
        audience=("tutor_groups", {"tutor_group_ids": [group.id]}, f"Tutor group {group.name}"),
        pupils=visit_pupils,
    )
    ids = {p.id for p in visit_pupils}
    operations.take_attendance(visit, listed=ids, present=ids, by=leader)


def _assembly(school: School, leader: User, on: date) -> None:
    """An apprenticeships assembly for Years 12 and 13, in a fortnight."""
    _activity(
        school,
        leader,
        title="Apprenticeships assembly",
        kind="encounter:apprenticeship_provider",
        day=on + timedelta(days=14),
        place="Main hall",
        organisations=[
            {"name": "Skills Training North", "sector": "Engineering", "type": "apprenticeship"}
        ],
        benchmarks=[7],
        audience=("years", {"year_groups": [12, 13]}, "Year 12, Year 13"),
        pupils=_pupils(school, Pupil.year_group.in_((12, 13))),
    )


def _ehcp_group(school: School, leader: User) -> None:
    """A saved group: Year 11 pupils with an EHCP."""
    if not db.session.scalar(
        select(CustomGroup.id).where(
            CustomGroup.school_id == school.id, CustomGroup.name == EHCP_GROUP
        )
    ):
        operations.save_group(
            school.id,
            leader,
            name=EHCP_GROUP,
            kind="filter",
            definition={"year_groups": [11], "sen_statuses": ["E"]},
        )


def _pupils(school: School, condition) -> list[Pupil]:
    query = select(Pupil).where(Pupil.school_id == school.id, Pupil.left_on.is_(None), condition)
    return list(db.session.scalars(query.order_by(Pupil.id)))


def _activity(school, leader, *, title, kind, day, place, organisations, benchmarks, audience,
              pupils) -> ProgrammeActivity:  # fmt: skip
    audience_kind, chosen, label = audience
    activity, _ = operations.create_activity(
        school,
        leader,
        operations.NewActivity(
            client_id=str(uuid.uuid4()),
            title=title,
            kind_code=kind,
            occurred_on=day,
            starts_at="10:00",
            place=place,
            organisations=organisations,
            benchmarks=benchmarks,
            audience_kind=audience_kind,
            audience=chosen,
            audience_label=label,
        ),
        pupils,
    )
    return activity
