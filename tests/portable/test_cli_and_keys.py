"""The command-line export and import, and the published public key."""

from __future__ import annotations

import base64
from datetime import date

from cryptography.hazmat.primitives.serialization import load_pem_public_key
from sqlalchemy import func, select

from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.portable.models import PassportImport

from .support import UPN, full_record, members, rezip


def test_export_then_import_on_the_command_line(app, make, tmp_path):
    riverside = make.school("Riverside Academy", urn="100001")
    full_record(make, riverside)
    hilltop = make.school("Hilltop School", urn="200002")
    joiner = make.pupil(hilltop, upn=UPN, date_of_birth=date(2011, 3, 2))
    db.session.commit()
    runner = app.test_cli_runner()
    out = tmp_path / "maya.passport.zip"
    result = runner.invoke(
        args=["export-passport", "--upn", UPN, "--school", "100001", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "passport.json" in members(out.read_bytes())

    result = runner.invoke(args=["import-passport", str(out), "--school", "200002"])
    assert result.exit_code == 0, result.output
    assert "Key fingerprint" in result.output
    count = db.session.scalar(select(func.count(Entry.id)).where(Entry.pupil_id == joiner.id))
    assert count == 1

    again = runner.invoke(args=["import-passport", str(out), "--school", "200002"])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert db.session.scalar(select(func.count(Entry.id)).where(Entry.pupil_id == joiner.id)) == 1


def test_a_refused_file_exits_non_zero_and_writes_nothing(app, make, tmp_path):
    riverside = make.school("Riverside Academy", urn="100001")
    full_record(make, riverside)
    make.pupil(make.school("Hilltop School", urn="200002"), upn=UPN, date_of_birth=date(2011, 3, 2))
    db.session.commit()
    runner = app.test_cli_runner()
    out = tmp_path / "maya.passport.zip"
    runner.invoke(args=["export-passport", "--upn", UPN, "--school", "100001", "--out", str(out)])
    files = members(out.read_bytes())
    files["passport.json"] = files["passport.json"].replace(b"City Vets", b"City Vots")
    out.write_bytes(rezip(files))
    result = runner.invoke(args=["import-passport", str(out), "--school", "200002"])
    assert result.exit_code == 1
    assert "Refused" in result.output
    assert db.session.scalar(select(func.count(PassportImport.id))) == 0


def test_the_public_key_is_published_at_the_well_known_address(app, client, make):
    school = make.school("Riverside Academy", urn="100001")
    db.session.commit()
    response = client.get("/.well-known/careers-passport/schools/100001.pub")
    assert response.status_code == 200
    key = load_pem_public_key(response.data)
    from cryptography.hazmat.primitives import serialization

    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert raw == school.signing_key_public
    assert base64.b64encode(school.signing_key_private) not in response.data
    assert client.get("/.well-known/careers-passport/schools/999999.pub").status_code == 404


def test_the_settings_page_shows_the_fingerprint_and_the_key_address(app, client, login, make):
    from journal.accounts.roles import Role
    from journal.schools.operations import key_fingerprint

    school = make.school("Riverside Academy", urn="100001")
    admin = make.user(school, Role.SCHOOL_ADMIN)
    db.session.commit()
    login(admin)
    page = client.get("/admin/school").text
    assert key_fingerprint(school) in page
    assert "/.well-known/careers-passport/schools/100001.pub" in page


def test_a_pupil_imports_their_own_passport_unverified_key(app, client, login, make):
    """A school outside this deployment: the signature holds, but nobody here has compared the
    key's fingerprint, so its sign-offs show "not verified"."""
    _pupil_imports_from_far_away(client, login, make)


def _pupil_imports_from_far_away(client, login, make):
    """A joining pupil imports their own passport from a school outside this deployment;
    ``(pupil, a signed entry, the file, the issuing key)``."""
    import io
    import json
    import re

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from journal.portable.formats import b64, fingerprint
    from journal.portable.models import ImportedRecord

    from .support import resigned

    riverside = make.school("Riverside Academy", urn="100001")
    leaver, _, _ = full_record(make, riverside)
    from journal.portable.export import passport_zip

    data = passport_zip(leaver, include_drafts=True)
    elsewhere = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives import serialization

    public = elsewhere.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    private = elsewhere.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )

    def move(document):
        document["issuer"].update(
            name="Far Away School",
            urn="400004",
            public_key=b64(public),
            fingerprint=fingerprint(public),
        )
        for entry in document["entries"]:
            entry["school"] = {"name": "Far Away School", "urn": "400004"}
            for s in entry["sign_offs"]:
                s["school"] = {"name": "Far Away School", "urn": "400004"}

    data = resigned(data, move, private_key=private)
    hilltop = make.school("Hilltop School", urn="200002")
    joiner = make.pupil(hilltop, upn=UPN, date_of_birth=date(2011, 3, 2))
    db.session.commit()
    login(joiner.user)
    preview = client.post(
        "/passport/import", data={"passport": (io.BytesIO(data), "p.passport.zip")}
    )
    assert preview.status_code == 200
    words = preview.text
    for jargon in (fingerprint(public), "fingerprint", "Key check", "/.well-known/", "below"):
        assert jargon not in words, jargon  # a pupil is given plain words and a next step
    assert not re.search(r"\d{4}-\d\d-\d\dT", words)  # no ISO timestamps
    assert "This is your passport from Far Away School, made on " in words
    assert "staff at your new school confirm that it came from Far Away School" in words
    assert "<strong>1</strong> version of" in words or "versions of" in words
    assert not re.search(r"<strong>1</strong> (entries|versions|skill ratings)\b", words)
    upload = re.search(r'value="([0-9a-f]{64})"', words).group(1)
    assert client.post("/passport/import", data={"upload": upload}).status_code == 302
    db.session.expire_all()
    origin = db.session.scalar(
        select(ImportedRecord).where(ImportedRecord.record_type == "sign_off")
    )
    assert origin.detail["verified"] is False
    entry = db.session.scalar(
        select(Entry).where(Entry.pupil_id == joiner.id, Entry.state == "signed")
    )
    page = client.get(f"/passport/entries/{entry.id}").text
    assert "signed at Far Away School, not verified" in page
    assert json.loads(members(data)["passport.json"])["includes_drafts"] is True
    return joiner, entry, data, public


def test_staff_confirm_the_school_of_a_passport_the_pupil_imported(app, client, login, make):
    """Later, from the pupil's record: staff compare the fingerprint and the sign-offs the
    pupil brought become verified; the confirmation is audited."""
    from journal.accounts.roles import Role
    from journal.audit.models import AuditEvent
    from journal.portable.formats import fingerprint
    from journal.portable.models import ImportedRecord

    joiner, entry, _, public = _pupil_imports_from_far_away(client, login, make)
    leader = make.user(joiner.school, Role.CAREERS_LEADER, name="Ms Leader")
    db.session.commit()
    login(leader)
    record = client.get(f"/pupils/{joiner.id}").text
    assert "waiting for staff to confirm the school's key" in record
    [done] = db.session.scalars(select(PassportImport)).all()
    url = f"/pupils/{joiner.id}/passport/imports/{done.id}/key"
    assert f'href="{url}"' in record
    page = client.get(url)
    assert page.status_code == 200 and fingerprint(public) in page.text
    assert client.post(url, data={}).status_code == 422  # the box is not ticked
    assert client.post(url, data={"fingerprint_compared": "y"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(PassportImport, done.id).key_check == "fingerprint"
    origins = db.session.scalars(
        select(ImportedRecord).where(ImportedRecord.record_type == "sign_off")
    ).all()
    assert origins and all(o.detail["verified"] is True for o in origins)
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "passport_key_confirmed")
    ).all()
    assert event.actor_id == leader.id and event.pupil_id == joiner.id
    assert "1 sign-off is now verified" in client.get(f"/pupils/{joiner.id}").text
    assert "waiting for staff to confirm" not in client.get(f"/pupils/{joiner.id}").text
    login(joiner.user)
    assert "signed at Far Away School, verified" in client.get(f"/passport/entries/{entry.id}").text


def test_importing_the_same_file_again_lets_staff_confirm_the_school(app, client, login, make):
    """Not a dead end: staff upload the file the pupil imported, tick the box, and its
    sign-offs become verified; without the tick they are sent to the confirming page."""
    import io
    import re

    from journal.accounts.roles import Role
    from journal.portable.models import ImportedRecord

    joiner, _, data, _ = _pupil_imports_from_far_away(client, login, make)
    leader = make.user(joiner.school, Role.CAREERS_LEADER)
    db.session.commit()
    login(leader)
    url = f"/pupils/{joiner.id}/passport/import"
    preview = client.post(url, data={"passport": (io.BytesIO(data), "p.passport.zip")}).text
    assert "This file was imported on" in preview and "confirm the school's key now" in preview
    assert 'name="fingerprint_compared"' in preview
    upload = re.search(r'value="([0-9a-f]{64})"', preview).group(1)
    unticked = client.post(url, data={"upload": upload})
    [done] = db.session.scalars(select(PassportImport)).all()
    assert unticked.headers["Location"].endswith(f"/passport/imports/{done.id}/key")
    preview = client.post(url, data={"passport": (io.BytesIO(data), "p.passport.zip")}).text
    upload = re.search(r'value="([0-9a-f]{64})"', preview).group(1)
    ticked = client.post(url, data={"upload": upload, "fingerprint_compared": "y"})
    assert ticked.status_code == 302
    db.session.expire_all()
    origins = db.session.scalars(
        select(ImportedRecord).where(ImportedRecord.record_type == "sign_off")
    ).all()
    assert origins and all(o.detail["verified"] is True for o in origins)
    assert db.session.scalar(select(func.count(PassportImport.id))) == 1  # nothing imported twice
    assert db.session.scalar(select(func.count(Entry.id)).where(Entry.pupil_id == joiner.id)) == 2
