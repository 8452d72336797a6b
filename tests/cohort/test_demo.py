"""The demo school gives the dashboard something to show: guidance interviews for some pupils
in Years 10 to 13 (never for Maya, whose interview is written by hand), and leavers."""

from __future__ import annotations

from sqlalchemy import func, select

from journal.accounts.operations import find_by_login
from journal.calendar import today
from journal.extensions import db
from journal.guidance.models import GuidanceInterview
from journal.schools.models import Pupil
from journal_demo.common import DEMO_PUPIL
from journal_demo.school import seed_demo


def _interviews():
    return db.session.execute(
        select(Pupil.year_group, GuidanceInterview.held_on, GuidanceInterview.notes).join(
            Pupil, Pupil.id == GuidanceInterview.pupil_id
        )
    ).all()


def test_demo_interviews_and_the_dashboard(app, client, login):
    seed_demo(pupils=60)
    db.session.commit()
    found = _interviews()
    assert len(found) > 5
    assert all(year_group >= 10 and held <= today() for year_group, held, _notes in found)
    maya = find_by_login(DEMO_PUPIL).pupil
    maya_notes = db.session.scalars(
        select(GuidanceInterview.notes).where(GuidanceInterview.pupil_id == maya.id)
    ).all()
    assert len(maya_notes) == 1 and maya_notes[0].startswith("Maya is keen")

    seed_demo(pupils=60)  # again: nothing more
    db.session.commit()
    assert db.session.scalar(select(func.count(GuidanceInterview.id))) == len(found)

    login(find_by_login("careers"))
    page = client.get("/cohort").get_data(as_text=True)
    assert "Leavers' destinations by group" in page
    assert "No leavers match" not in page
