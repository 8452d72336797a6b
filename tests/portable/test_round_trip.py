"""A passport exported from one deployment and imported into another, with its own database."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from datetime import date

from sqlalchemy import func, select

from journal.accounts.roles import Role
from journal.extensions import db
from journal.guidance.models import GuidanceNote
from journal.passport.entries.models import Entry
from journal.passport.signoff.models import SignOff
from journal.passport.signoff.signing import sign_off_holds
from journal.portable.models import ImportedRecord, PassportImport
from journal.portable.verify import schema_validator
from tests.factories import Factory
from tests.jobs.support import download_through_job

from .support import STAFF_NOTE, UPN, full_record, members, second_instance


def _export(app, client, login, make):
    school = make.school("Riverside Academy", urn="100001")
    pupil, careers, _ = full_record(make, school)
    login(careers)
    response = download_through_job(client, f"/pupils/{pupil.id}/passport.zip")
    assert response.status_code == 200
    return school, pupil, response


def test_export_holds_the_record_and_never_staff_notes_or_the_private_key(app, client, login, make):
    school, _pupil, response = _export(app, client, login, make)
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="Maya-Patel-passport-'
    )
    files = members(response.data)
    assert set(files) == {
        "passport.json",
        "signature",
        "passport.pdf",
        *[n for n in files if n.startswith("attachments/")],
    }
    assert len([n for n in files if n.startswith("attachments/")]) == 1
    document = json.loads(files["passport.json"])
    assert list(schema_validator().iter_errors(document)) == []
    assert document["pupil"]["upn"] == UPN
    [entry] = document["entries"]  # the staff copy leaves the draft out
    assert entry["sign_offs"][0]["signer_name"] == "Ms Tutor"
    assert entry["sign_offs"][0]["school"] == {"name": "Riverside Academy", "urn": "100001"}
    assert [n["text"] for n in document["guidance"]["notes"]] == ["Try the vet college open day"]
    everything = b"".join(files.values())
    assert STAFF_NOTE.encode() not in everything
    private = school.signing_key_private
    for form in (private, base64.b64encode(private), private.hex().encode()):
        assert form not in everything


def test_the_pupils_own_copy_includes_drafts(app, client, login, make):
    school = make.school("Riverside Academy", urn="100001")
    pupil, _, _ = full_record(make, school)
    login(pupil.user)
    response = download_through_job(client, "/passport/download")
    document = json.loads(members(response.data)["passport.json"])
    assert list(schema_validator().iter_errors(document)) == []
    assert document["includes_drafts"] is True
    assert sorted(e["state"] for e in document["entries"]) == ["draft", "signed"]


def test_export_and_import_into_a_second_deployment(
    app, client, login, make, template_database, tmp_path
):
    _, _, response = _export(app, client, login, make)
    data = response.data
    other = second_instance(template_database, tmp_path)
    with other.app_context():
        factory = Factory()
        school = factory.school("Hilltop School", urn="200002")
        joiner = factory.pupil(
            school,
            first="Maya",
            last="Patel",
            upn=UPN,
            date_of_birth=date(2011, 3, 2),
        )
        leader = factory.user(school, Role.CAREERS_LEADER)
        db.session.commit()
        web = other.test_client()
        with web.session_transaction() as session:
            session["_user_id"] = leader.get_id()
        url = f"/pupils/{joiner.id}/passport/import"
        preview = web.post(url, data={"passport": (io.BytesIO(data), "p.passport.zip")})
        assert preview.status_code == 200, preview.text
        page = preview.text
        assert "Riverside Academy" in page and "100001" in page
        issuer = json.loads(members(data)["passport.json"])["issuer"]
        digest = hashlib.sha256(base64.b64decode(issuer["public_key"])).hexdigest()
        fingerprint = " ".join(digest[i : i + 4] for i in range(0, 32, 4))
        assert fingerprint in page
        upload = re.search(r'value="([0-9a-f]{64})"', page)
        done = web.post(url, data={"upload": upload.group(1), "fingerprint_compared": "y"})
        assert done.status_code == 302
        db.session.expire_all()
        entries = db.session.scalars(select(Entry).where(Entry.pupil_id == joiner.id)).all()
        assert [e.source for e in entries] == ["imported_passport"]
        [sign_off] = db.session.scalars(
            select(SignOff).where(SignOff.entry_id == entries[0].id)
        ).all()
        assert sign_off_holds(sign_off, entries[0])
        origin = db.session.scalar(
            select(ImportedRecord).where(ImportedRecord.record_type == "sign_off")
        )
        assert origin.school_name == "Riverside Academy" and origin.detail["verified"] is True
        assert entries[0].attachments and entries[0].attachments[0]["id"]
        notes = db.session.scalars(
            select(GuidanceNote.text).where(GuidanceNote.pupil_id == joiner.id)
        ).all()
        assert len(notes) == 1 and STAFF_NOTE not in notes[0]

        with web.session_transaction() as session:
            session["_user_id"] = joiner.user.get_id()
        shown = web.get(f"/passport/entries/{entries[0].id}")
        assert shown.status_code == 200
        assert "signed at Riverside Academy, verified" in shown.text

        # The same file again: nothing changes.
        counts = _counts(joiner)
        with web.session_transaction() as session:
            session["_user_id"] = leader.get_id()
        again = web.post(url, data={"passport": (io.BytesIO(data), "p.passport.zip")})
        assert "imported on" in again.text
        web.post(url, data={"upload": upload.group(1)})
        db.session.expire_all()
        assert _counts(joiner) == counts
        assert db.session.scalar(select(func.count(PassportImport.id))) == 1
        db.session.remove()
        db.engine.dispose()


def _counts(pupil) -> tuple:
    from journal.guidance.models import Action
    from journal.media.models import Attachment
    from journal.passport.entries.models import EntryRevision
    from journal.passport.plans.models import Aspiration, SkillRating

    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (
            Entry,
            EntryRevision,
            SignOff,
            Attachment,
            Aspiration,
            SkillRating,
            GuidanceNote,
            Action,
            ImportedRecord,
        )
    )
