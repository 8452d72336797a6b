"""What the access tests share: the roles, the world of people and pupils each route is tried
against, makers of things to open, and the expected-status helpers.

Each domain's cases live in ``tests/access_cases/<domain>.py`` as ``CASES`` and are merged by
``tests/test_access.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from journal.accounts.roles import Role
from journal.extensions import db

from .factories import Factory

ROLES = (
    "anonymous",
    "pupil",
    "tutor",
    "careers_leader",
    "careers_adviser",
    "senco",
    "school_admin",
    "family",
)
STAFF = ("tutor", "careers_leader", "careers_adviser", "senco", "school_admin")
CAREERS = ("careers_leader", "careers_adviser", "senco")


@dataclass
class World:
    users: dict
    pupil: object  # in the tutor's group, with an account
    other_pupil: object  # same school, not in the tutor's group
    group: object
    foreign_pupil: object  # another school
    foreign_group: object
    spare_staff: object
    foreign_staff: object


@pytest.fixture
def world(make) -> World:
    school = make.school("Riverside")
    users = {role: make.user(school, Role(role)) for role in ROLES if role != "anonymous"}
    group = make.group(school, "10H", tutors=[users["tutor"]])
    other_group = make.group(school, "11P", year_group=11)
    pupil = make.pupil(school, group, first="Maya")
    users["pupil"] = pupil.user
    other_pupil = make.pupil(school, other_group, first="Tom")
    elsewhere = make.school("Elsewhere")
    foreign_group = make.group(elsewhere, "10H")
    foreign_pupil = make.pupil(elsewhere, foreign_group, first="Rita")
    world = World(
        users,
        pupil,
        other_pupil,
        group,
        foreign_pupil,
        foreign_group,
        make.user(school, Role.TUTOR),
        make.user(elsewhere, Role.SCHOOL_ADMIN),
    )
    db.session.commit()
    return world


def entry_of(pupil):
    """A saved passport entry of ``pupil`` (made on first use), for the passport routes."""
    from journal.passport.entries.models import Entry

    found = db.session.scalar(
        db.select(Entry).where(Entry.pupil_id == pupil.id, Entry.kind == "encounter")
    )
    return found or Factory().entry(pupil)


def workplace_of(pupil):
    """A saved workplace experience of ``pupil`` (made on first use), for the diary routes."""
    import uuid

    from journal.passport.entries import operations
    from journal.passport.entries.models import Entry

    found = db.session.scalar(
        db.select(Entry).where(Entry.pupil_id == pupil.id, Entry.kind == "workplace")
    )
    if found is None:
        found, _ = operations.record_entry(
            pupil,
            kind="workplace",
            client_id=str(uuid.uuid4()),
            content={
                "placement_kind": "placement",
                "employer": "Vets",
                "occurred_on": "2026-10-05",
            },
            state="submitted",
            author=pupil.user,
        )
    return found


def photo_of(pupil):
    """A photo on ``pupil``'s saved entry (stored on first use), for the media routes."""
    import io

    from PIL import Image
    from werkzeug.datastructures import FileStorage

    from journal.media.models import Attachment
    from journal.media.operations import store_upload

    found = db.session.scalar(db.select(Attachment).where(Attachment.pupil_id == pupil.id))
    if found is None:
        data = io.BytesIO()
        Image.new("RGB", (40, 30), "teal").save(data, "JPEG")
        data.seek(0)
        found = store_upload(pupil, FileStorage(data, "a.jpg"), uploaded_by=pupil.user)
        found.entry_id = entry_of(pupil).id
        db.session.flush()
    return found


def family_photo_of(w):
    """A photo on a saved entry, shared with family, of a pupil in the tutor's group to whom
    the world's family member is linked (made on first use). Its own pupil, so that linking
    changes nothing for the other cases about ``w.pupil``."""
    from journal.schools.models import Pupil
    from journal_demo.family import link_family

    kit = db.session.scalar(db.select(Pupil).where(Pupil.legal_first_name == "Kit"))
    if kit is None:
        kit = Factory().pupil(w.pupil.school, w.group, first="Kit")
        link_family(w.users["family"], kit, "Dad")
    return photo_of(kit)


def note_of(pupil, visibility="pupil_family"):
    """Advice for ``pupil`` with this visibility (made on first use), for the guidance routes."""
    from journal.guidance.models import GuidanceNote

    found = db.session.scalar(
        db.select(GuidanceNote).where(
            GuidanceNote.pupil_id == pupil.id, GuidanceNote.visibility == visibility
        )
    )
    if found is None:
        found = GuidanceNote(pupil_id=pupil.id, kind="advice", text="Try it", visibility=visibility)
        db.session.add(found)
        db.session.flush()
    return found


def action_of(pupil, owner_kind="pupil"):
    """An open action of ``pupil`` owned by ``owner_kind`` (made on first use)."""
    from journal.guidance.models import Action

    found = db.session.scalar(
        db.select(Action).where(Action.pupil_id == pupil.id, Action.owner_kind == owner_kind)
    )
    if found is None:
        found = Action(pupil_id=pupil.id, what="Visit", owner_kind=owner_kind, owner_name="X")
        db.session.add(found)
        db.session.flush()
    return found


def everyone(status: int, anonymous: int = 302) -> dict:
    return {role: (anonymous if role == "anonymous" else status) for role in ROLES}


def only(roles, status: int = 200, others: int = 403, anonymous: int = 302, **special) -> dict:
    result = {role: (status if role in roles else others) for role in ROLES}
    result["anonymous"] = anonymous
    result.update(special)
    return result
