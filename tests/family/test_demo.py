"""The demo family member, linked to the demo pupil; seeding twice adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from journal.extensions import db
from journal.family.models import FamilyLink
from journal_demo.family import seed_family


def test_seed_family_links_the_demo_family_to_the_pupil(client, login, school, pupil):
    sign_ins = seed_family(school, pupil_username=pupil.user.username)
    seed_family(school, pupil_username=pupil.user.username)
    db.session.commit()
    assert [s.username for s in sign_ins] == ["family"]
    link = db.session.scalar(select(FamilyLink))
    assert link.pupil_id == pupil.id and link.relationship_label == "Mum"
    assert link.family_user.is_family and link.family_user.password_hash
    assert db.session.scalar(select(func.count(FamilyLink.id))) == 1
    login(link.family_user)
    assert "Maya" in client.get("/").text
