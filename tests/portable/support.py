"""Building a pupil's record with one of everything, and passport files to test with."""

from __future__ import annotations

import base64
import io
import json
import shutil
import zipfile
from datetime import date

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from journal.accounts.roles import Role
from journal.extensions import db
from journal.guidance.models import Action, GuidanceNote
from journal.media.models import Attachment
from journal.media.storage import storage
from journal.passport.plans.models import (
    Aspiration,
    IntendedDestination,
    ProfileVersion,
    SkillRating,
)
from journal.passport.signoff import operations

UPN = "A886400125901"
STAFF_NOTE = "SECRET-STAFF-ONLY worried about home"


def jpeg(colour: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), colour).save(out, "JPEG")
    return out.getvalue()


def full_record(make, school, *, upn: str = UPN):
    """A pupil with a signed entry (with a photo), a draft, guidance (one note staff only),
    an action, a skill, an aspiration, a plan and a profile; and a careers leader."""
    tutor = make.user(school, Role.TUTOR, name="Ms Tutor")
    group = make.group(school, "10H", tutors=[tutor])
    pupil = make.pupil(
        school, group, first="Maya", last="Patel", upn=upn, date_of_birth=date(2011, 3, 2)
    )
    careers = make.user(school, Role.CAREERS_LEADER, name="Mr Careers")
    entry = make.entry(pupil, organisation="City Vets", what_i_learned="Vets work long hours.")
    data = jpeg()
    photo = Attachment(
        pupil_id=pupil.id,
        entry_id=entry.id,
        key=storage().put(data, "image/jpeg"),
        sha256=__import__("hashlib").sha256(data).hexdigest(),
        media_type="image/jpeg",
        size=len(data),
        description="Me at the vets",
    )
    db.session.add(photo)
    db.session.flush()
    entry.current_revision.content = entry.content | {"attachments": [photo.as_content()]}
    db.session.flush()
    operations.decide_sign_off(
        entry,
        revision_id=entry.current_revision_id,
        decision="signed",
        signer=tutor,
        signer_role="tutor",
    )
    make.entry(pupil, state="draft", organisation="Draft Bakery")
    db.session.add_all(
        [
            GuidanceNote(pupil_id=pupil.id, kind="advice", text="Try the vet college open day"),
            GuidanceNote(pupil_id=pupil.id, kind="advice", text=STAFF_NOTE, visibility="staff"),
            Action(pupil_id=pupil.id, what="Visit the college", owner_kind="pupil"),
            SkillRating(pupil_id=pupil.id, skill="teamwork", step=5, note="Group project"),
            Aspiration(pupil_id=pupil.id, what="Be a vet nurse", why="I love animals"),
            IntendedDestination(
                pupil_id=pupil.id, stage="16", category="fe", detail="City College"
            ),
            ProfileVersion(pupil_id=pupil.id, content={"about_me": "I like dogs"}),
        ]
    )
    db.session.commit()
    return pupil, careers, tutor


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return out.getvalue()


def resigned(data: bytes, change, *, private_key: bytes) -> bytes:
    """The file with ``change(document)`` applied and signed again with ``private_key``
    (as a careless or dishonest exporter holding a key could)."""
    files = members(data)
    document = json.loads(files["passport.json"])
    change(document)
    body = json.dumps(document).encode()
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(body)
    files["passport.json"] = body
    files["signature"] = base64.b64encode(signature)
    return rezip(files)


def second_instance(template_database: str, tmp_path):
    """Another deployment: its own app, instance folder and SQLite database."""
    from flask_migrate import upgrade

    from tests.fixtures.database import IsolatedClient, make_app

    folder = tmp_path / "second"
    folder.mkdir()
    path = folder / "second.sqlite3"
    if template_database.endswith(".sqlite3"):
        shutil.copy(template_database, path)
        app = make_app(f"sqlite:///{path}", folder / "instance")
    else:
        app = make_app(f"sqlite:///{path}", folder / "instance")
        with app.app_context():
            upgrade()
    app.test_client_class = IsolatedClient
    return app
