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
    assert fingerprint(public) in preview.text
    assert "compare the fingerprint" in preview.text.lower()
    upload = re.search(r'value="([0-9a-f]{64})"', preview.text).group(1)
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
    assert db.session.scalar(select(func.count(Entry.id)).where(Entry.pupil_id == joiner.id)) == 2
