"""The demo family: Kim Patel, Maya's mum, linked to the demo pupil. Seeding again adds only
what is missing. ``link_family`` is also used by the tests to link a family member to a pupil
directly."""

from __future__ import annotations

from sqlalchemy import select

from journal.accounts import operations as accounts
from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.extensions import db
from journal.family.models import FamilyLink
from journal.schools.models import Pupil, School

from .common import DEMO_FAMILY, DEMO_PASSWORD, DEMO_PUPIL, DemoSignIn, demo_hash, pupil_by_username


def link_family(user: User, pupil: Pupil, relationship_label: str = "") -> FamilyLink:
    """A live link from ``user`` to ``pupil``, made if missing (no code, no audit: for seeding
    and tests only; people are linked through ``operations.join`` and ``link_with_code``)."""
    link = db.session.scalar(
        select(FamilyLink).where(
            FamilyLink.family_user_id == user.id,
            FamilyLink.pupil_id == pupil.id,
            FamilyLink.revoked_at.is_(None),
        )
    )
    if link is None:
        link = FamilyLink(
            family_user_id=user.id, pupil_id=pupil.id, relationship_label=relationship_label
        )
        db.session.add(link)
        db.session.flush()
    return link


def seed_family(
    school: School, *, pupil_username: str = DEMO_PUPIL, password_hash: str | None = None
) -> list[DemoSignIn]:
    """The demo family member (username ``family``), linked to the demo pupil as "Mum".
    Returns the sign-ins to print."""
    user = accounts.find_by_login(DEMO_FAMILY)
    if user is None:
        user = accounts.create_user(
            school=school,
            username=DEMO_FAMILY,
            display_name="Kim Patel (parent)",
            roles=[Role.FAMILY],
        )
        user.password_hash = password_hash or demo_hash()
    maya = pupil_by_username(pupil_username)
    if maya is not None and user.is_family:
        link_family(user, maya, "Mum")
    return [DemoSignIn("Family member", DEMO_FAMILY, DEMO_PASSWORD)]
