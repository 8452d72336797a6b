"""The demo's former pupils: one for every 20 on roll, the alumnus asked about a checkpoint
due now, the September Guarantee for Years 11 and 12, written once."""

from __future__ import annotations

from sqlalchemy import func, select

from journal.accounts.operations import find_by_login
from journal.destinations import queries
from journal.destinations.models import DestinationRecord, RoleModel
from journal.extensions import db
from journal.schools.models import Pupil
from journal_demo.school import seed_demo


def _count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


def test_demo_leavers_destinations_and_guarantees(app, client, login):
    _, sign_ins = seed_demo(pupils=40, passports=False)
    db.session.commit()
    assert "alumnus" in [s.username for s in sign_ins]
    leavers = db.session.scalars(select(Pupil).where(Pupil.left_on.is_not(None))).all()
    assert len(leavers) == 2
    alumnus = find_by_login("alumnus").pupil
    assert alumnus.left_on is not None and alumnus.user.password_hash
    assert queries.checkpoint_due(alumnus)[0] == "checkpoint_1"
    stages = set(db.session.scalars(select(DestinationRecord.stage)))
    assert {"leaving", "guarantee_11", "guarantee_12"} <= stages
    on_roll_11_12 = db.session.scalar(
        select(func.count(Pupil.id)).where(Pupil.year_group.in_((11, 12)), Pupil.left_on.is_(None))
    )
    guarantees = db.session.scalar(
        select(func.count(DestinationRecord.id)).where(DestinationRecord.stage.like("guarantee%"))
    )
    assert guarantees == on_roll_11_12 > 0
    assert _count(RoleModel) == 1
    login(alumnus.user)
    assert "Tell my school" in client.get("/").text

    before = (_count(DestinationRecord), _count(Pupil))
    seed_demo(pupils=40, passports=False)
    db.session.commit()
    assert (_count(DestinationRecord), _count(Pupil)) == before  # seeding again adds nothing


def test_small_demos_have_no_leavers(app):
    _, sign_ins = seed_demo(pupils=12, passports=False)
    db.session.commit()
    assert "alumnus" not in [s.username for s in sign_ins]
    assert not db.session.scalar(select(func.count(Pupil.id)).where(Pupil.left_on.is_not(None)))
