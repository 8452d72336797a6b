"""Each bad file is refused with a clear message, and nothing is written."""

from __future__ import annotations

import base64
import io
import stat
import zipfile
from datetime import date

import pytest
from sqlalchemy import func, select

from journal.accounts.roles import Role
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.portable.export import passport_zip
from journal.portable.models import PassportImport
from journal.portable.verify import Refused, check

from .support import UPN, full_record, members, resigned, rezip


@pytest.fixture
def scene(app, make, monkeypatch):
    """A passport issued by Riverside (in this deployment) and a joining pupil at Hilltop (the
    human-readable PDF, never read on import, is a stub here: test_pdf.py renders the real one)."""
    monkeypatch.setattr("journal.portable.pdf.render_passport_pdf", lambda data: b"%PDF-1.7 stub")
    riverside = make.school("Riverside Academy", urn="100001")
    leaver, _, _ = full_record(make, riverside)
    data = passport_zip(leaver, include_drafts=False)
    hilltop = make.school("Hilltop School", urn="200002")
    joiner = make.pupil(
        hilltop, first="Maya", last="Patel", upn=UPN, date_of_birth=date(2011, 3, 2)
    )
    leader = make.user(hilltop, Role.CAREERS_LEADER)
    db.session.commit()
    return {
        "data": data,
        "riverside": riverside,
        "hilltop": hilltop,
        "joiner": joiner,
        "leader": leader,
    }


def _refused(scene, data: bytes, words: str) -> None:
    with pytest.raises(Refused, match=words):
        check(data, receiving=scene["hilltop"], pupil=scene["joiner"])


def test_a_good_file_passes(scene):
    checked = check(scene["data"], receiving=scene["hilltop"], pupil=scene["joiner"])
    assert checked.key_check == "deployment"
    assert checked.counts["sign_offs"] == 1


def test_a_refused_upload_writes_nothing_and_says_why(scene, client, login):
    login(scene["leader"])
    url = f"/pupils/{scene['joiner'].id}/passport/import"
    files = members(scene["data"])
    files["passport.json"] = files["passport.json"].replace(b"City Vets", b"City Vots")
    response = client.post(url, data={"passport": (io.BytesIO(rezip(files)), "x.passport.zip")})
    assert response.status_code == 422
    assert "changed since Riverside Academy signed it" in response.text
    assert db.session.scalar(select(func.count(PassportImport.id))) == 0
    assert (
        db.session.scalar(select(func.count(Entry.id)).where(Entry.pupil_id == scene["joiner"].id))
        == 0
    )


def _zip_with(name: str, body: bytes = b"x", *, link: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo(name)
        if link:
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, body)
    return out.getvalue()


@pytest.mark.parametrize(
    "name, link, words",
    [
        ("../../etc/passwd", False, "unsafe file name"),
        ("attachments/../../evil.py", False, "unsafe file name"),
        ("/etc/passwd", False, "unsafe file name"),
        ("C:/windows/evil.exe", False, "unsafe file name"),
        ("passport.json", True, "link"),
        ("run.sh", False, "does not have"),
    ],
)
def test_unsafe_names_and_links_are_refused(scene, name, link, words):
    _refused(scene, _zip_with(name, link=link), words)


def test_a_zip_bomb_is_refused_before_it_is_extracted(scene):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("passport.json", b"\0" * (50 * 1024 * 1024))
    assert len(out.getvalue()) < 200_000
    _refused(scene, out.getvalue(), "zip bomb")


def test_too_many_files_are_refused(scene):
    files = {f"attachments/{i:064x}.jpg": b"" for i in range(600)}
    _refused(scene, rezip(files), "at most 500")


def test_not_a_zip(scene):
    _refused(scene, b"%PDF-1.4 not a zip", "not a zip")


def test_a_file_failing_the_schema_is_refused(scene):
    key = scene["riverside"].signing_key_private
    bad = resigned(scene["data"], lambda d: d.pop("entries"), private_key=key)
    _refused(scene, bad, "does not follow the passport format")
    bad = resigned(
        scene["data"], lambda d: d["pupil"].update(date_of_birth="2011-02-30"), private_key=key
    )
    _refused(scene, bad, "does not follow the passport format")


def test_a_newer_format_version_is_refused(scene):
    key = scene["riverside"].signing_key_private
    newer = resigned(scene["data"], lambda d: d.update(format_version=2), private_key=key)
    _refused(scene, newer, "format version 2, newer than this service reads")


def test_a_key_swapped_for_another_schools_is_refused(scene, make):
    other = make.school("Forger High", urn="300003")

    def swap(document):
        document["issuer"]["public_key"] = base64.b64encode(other.signing_key_public).decode()
        from journal.portable.formats import fingerprint

        document["issuer"]["fingerprint"] = fingerprint(other.signing_key_public)

    forged = resigned(scene["data"], swap, private_key=other.signing_key_private)
    _refused(scene, forged, "signed with a different key from that school's")


def test_one_changed_byte_in_a_signed_entry_is_refused(scene):
    files = members(scene["data"])
    body = files["passport.json"]
    at = body.index(b"Vets work long hours")
    files["passport.json"] = body[:at] + b"v" + body[at + 1 :]
    _refused(scene, rezip(files), "changed since Riverside Academy signed it")


def test_a_changed_signed_revision_is_refused_even_when_signed_again(scene):
    """An exporter that signs a tampered file still cannot pass a changed signed revision."""

    def change(document):
        document["entries"][0]["revisions"][0]["content"]["what_i_learned"] = "Nothing."

    tampered = resigned(scene["data"], change, private_key=scene["riverside"].signing_key_private)
    _refused(scene, tampered, "is not what Ms Tutor signed")


def test_a_wrong_attachment_is_refused(scene):
    files = members(scene["data"])
    name = next(n for n in files if n.startswith("attachments/"))
    files[name] = files[name] + b"extra"
    _refused(scene, rezip(files), "its hash differs")


def test_another_pupils_file_is_refused(scene):
    scene["joiner"].upn = "B886400125902"
    _refused(scene, scene["data"], "belongs to a pupil with UPN")


def test_a_two_gigabyte_upload_is_refused_before_it_is_read(scene, client, login):
    login(scene["leader"])
    response = client.post(
        f"/pupils/{scene['joiner'].id}/passport/import",
        data=b"x" * 1024,
        content_type="multipart/form-data; boundary=x",
        environ_overrides={"CONTENT_LENGTH": str(2 * 1024**3)},
    )
    assert response.status_code == 413
    assert db.session.scalar(select(func.count(PassportImport.id))) == 0


def test_a_school_cannot_import_its_own_passport(scene):
    with pytest.raises(Refused, match="this school"):
        check(scene["data"], receiving=scene["riverside"])


def test_too_much_unpacked_in_total_is_refused(scene, monkeypatch):
    from journal.portable import formats

    monkeypatch.setattr(formats, "MAX_TOTAL_BYTES", 100_000)
    files = {f"attachments/{i:064x}.jpg": b"\xff" * 60_000 for i in range(2)}
    _refused(scene, rezip(files), "unpacks to at most")


def test_a_second_copy_of_the_same_passport_adds_nothing_new(scene):
    from journal.portable.importer import import_passport

    first = check(scene["data"], receiving=scene["hilltop"], pupil=scene["joiner"])
    import_passport(scene["joiner"], first, by=None)
    db.session.commit()
    entries = db.session.scalar(select(func.count(Entry.id)))
    later = resigned(
        scene["data"],
        lambda d: d.update(exported_at="2027-01-01T09:00:00Z"),
        private_key=scene["riverside"].signing_key_private,
    )
    second = check(later, receiving=scene["hilltop"], pupil=scene["joiner"])
    assert second.file_sha256 != first.file_sha256
    done, written = import_passport(scene["joiner"], second, by=None)
    db.session.commit()
    assert written and done.counts == {}
    assert db.session.scalar(select(func.count(Entry.id))) == entries
