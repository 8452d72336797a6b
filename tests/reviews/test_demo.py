"""The demo reviews: Maya's with all three voices; an EHCP pupil's with the Preparing for
Adulthood notes; seeding again adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from journal.accounts.roles import Role
from journal.extensions import db
from journal.reviews import queries
from journal.reviews.models import AnnualReview, ReviewAreaNote
from journal_demo.family import link_family
from journal_demo.reviews import seed_reviews


def test_seed_reviews_gives_maya_three_voices_and_an_ehcp_pupil_pfa_notes(make, school, pupil):
    make.user(school, Role.CAREERS_ADVISER, username="adviser", name="Jo Clarke")
    kim = make.user(school, Role.FAMILY, username="family", name="Kim Patel")
    link_family(kim, pupil, "Mum")
    ehcp = make.pupil(school, None, first="Sam", sen_status="E", year_group=11)
    seed_reviews(school, pupil_username=pupil.user.username)
    seed_reviews(school, pupil_username=pupil.user.username)
    db.session.commit()
    assert db.session.scalar(select(func.count(AnnualReview.id))) == 2
    maya = queries.summary_of(queries.reviews_of(pupil)[0], "family")
    assert {voice: len(rows) for voice, rows in maya.contributions.items()} == {
        "pupil": 1,
        "family": 1,
        "staff": 1,
    }
    assert maya.areas is None
    sam = queries.summary_of(queries.reviews_of(ehcp)[0], "staff")
    assert [a.note.text != "" for a in sam.areas] == [True] * 4
    assert db.session.scalar(select(func.count(ReviewAreaNote.id))) == 4
