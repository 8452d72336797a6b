"""Open Badges 3.0 credentials: each kind issued at the pupil's choice, valid against 1EdTech's
schema, verified by openbadgeslib's verifier and independently (joserfc, the school's
published key); tampered, revoked (through the served status list), expired and another
school's key refused; the passport file carries them and its import checks them."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import pytest
from joserfc.errors import BadSignatureError
from openbadgeslib.ob3 import OB3VerificationError, OB3Verifier

from journal.credentials import issuing, operations, verification
from journal.credentials.models import Credential
from journal.extensions import db
from journal.portable.verify import check
from tests.jobs.support import download_through_job

from .support import independent_payload, record_with_everything, schema_errors, served


def _issue_all(make, login, client):
    school, pupil, tutor, careers, things = record_with_everything(make)
    login(pupil.user)
    page = client.get("/credentials")
    assert page.status_code == 200
    keys = [f"sign_off:{things[k][1].id}" for k in ("encounter", "workplace", "achievement")] + [
        f"skill_step:{things['skill'].id}"
    ]
    response = client.post(
        "/credentials", data={"chosen": keys, "subject_name": "Maya P", "own_words": "y"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    credentials = db.session.scalars(db.select(Credential).order_by(Credential.id)).all()
    assert len(credentials) == 4 and all(c.is_issued for c in credentials)
    return school, pupil, tutor, careers, things, credentials


def test_each_kind_is_valid_open_badges_and_verifies_twice(app, client, login, make):
    school, pupil, _, _, _, credentials = _issue_all(make, login, client)
    verifier = OB3Verifier(pubkey_pem=issuing.public_key_pem(school))
    for credential in credentials:
        payload = independent_payload(client, credential.token, school.urn)
        assert schema_errors(payload) == []
        ob = verifier.verify(
            credential.token, check_status=True, verify_status_list=True, download=served(client)
        )
        assert ob.issuer.id == payload["iss"] == issuing.issuer_did(school)
        assert payload["issuer"]["name"] == "Riverside Academy"
        subject = payload["credentialSubject"]
        assert subject["identifier"] == [
            {
                "type": "IdentityObject",
                "hashed": False,
                "identityHash": "Maya P",
                "identityType": "name",
            }
        ]
        assert "id" not in subject
        assert pupil.upn not in credential.token and "2011" not in str(payload)
        assert payload["validFrom"] and payload["validUntil"]
        assert payload["credentialStatus"]["statusListCredential"].endswith(
            f"/credentials/status/{school.urn}.jwt"
        )
    encounter = independent_payload(client, credentials[0].token, school.urn)
    achievement = encounter["credentialSubject"]["achievement"]
    assert achievement["alignment"][0]["targetCode"] == "benchmark-5"
    assert "Ms Tutor" in encounter["evidence"][0]["narrative"]
    assert "Nurses work shifts." in encounter["evidence"][0]["narrative"]  # own words, chosen
    assert verification.verify(credentials[0].token, download=served(client)).state == "valid"


def test_own_words_stay_out_unless_chosen(app, client, login, make):
    school, pupil, _tutor, _careers, things = record_with_everything(make)
    [credential] = operations.choose(
        pupil,
        [f"sign_off:{things['encounter'][1].id}"],
        subject_name="Maya",
        own_words=False,
        by=pupil.user,
    )
    db.session.commit()
    payload = independent_payload(client, credential.token, school.urn)
    assert "Nurses work shifts." not in credential.token
    assert "Nurses work shifts." not in str(payload)


def test_one_changed_character_is_refused(app, client, login, make):
    school, *_, credentials = _issue_all(make, login, client)
    token = credentials[0].token
    head, body, signature = token.split(".")
    i = len(body) // 2
    changed = ".".join(
        [head, body[:i] + ("A" if body[i] != "A" else "B") + body[i + 1 :], signature]
    )
    with pytest.raises(BadSignatureError):
        independent_payload(client, changed, school.urn)
    with pytest.raises(OB3VerificationError):
        OB3Verifier(pubkey_pem=issuing.public_key_pem(school)).verify(changed)
    assert verification.verify(changed, download=served(client)).state in (
        "tampered",
        "not_a_credential",
    )
    page = client.post("/verify", data={"token": changed})
    assert b"has been changed" in page.data or b"not an Open Badges" in page.data


def test_withdrawn_sign_off_is_revoked_through_the_served_status_list(app, client, login, make):
    school, _pupil, tutor, _careers, things, credentials = _issue_all(make, login, client)
    entry, sign_off = things["workplace"]
    login(tutor)
    response = client.post(
        f"/sign-off/{entry.id}/withdraw",
        data={"sign_off_id": sign_off.id, "reason": "The placement was cancelled."},
    )
    assert response.status_code == 302
    db.session.expire_all()
    withdrawn = next(c for c in credentials if c.sign_off_id == sign_off.id)
    withdrawn = db.session.get(Credential, withdrawn.id)
    assert withdrawn.revoked_at is not None
    verifier = OB3Verifier(pubkey_pem=issuing.public_key_pem(school))
    with pytest.raises(OB3VerificationError, match="revocation"):
        verifier.verify(withdrawn.token, check_status=True, download=served(client))
    others = [c for c in credentials if c.id != withdrawn.id]
    for c in others:
        verifier.verify(c.token, check_status=True, download=served(client))
    assert verification.verify(withdrawn.token, download=served(client)).state == "revoked"
    page = client.post("/verify", data={"token": withdrawn.token})
    assert b"has been revoked" in page.data
    audit = db.session.execute(db.text("SELECT action FROM audit_events")).scalars().all()
    assert "sign_off_withdrawn" in audit and "credential_revoked" in audit


def test_an_entry_changed_after_signing_is_revoked(app, client, login, make):
    from journal.passport.entries.operations import change_entry

    _school, pupil, _tutor, _careers, things, credentials = _issue_all(make, login, client)
    entry, sign_off = things["encounter"]
    entry = db.session.merge(entry)
    change_entry(
        entry,
        content=entry.content | {"organisation": "Elsewhere"},
        state="submitted",
        author=pupil.user,
        shared_with_family=True,
    )
    db.session.commit()
    credential = next(c for c in credentials if c.sign_off_id == sign_off.id)
    assert verification.verify(credential.token, download=served(client)).state == "revoked"


def test_expired_is_reported_expired(app, client, login, make):
    school, pupil, _tutor, _careers, things = record_with_everything(make)
    [credential] = operations.choose(
        pupil,
        [f"sign_off:{things['achievement'][1].id}"],
        subject_name="Maya",
        own_words=False,
        by=pupil.user,
    )
    long_ago = credential.issued_at - timedelta(days=4000)
    ob = issuing.credential_for(
        school,
        uuid=credential.uuid,
        achievement_id=credential.uuid,
        claim=operations.claim_of(credential, school),
        subject_name="Maya",
        status_index=credential.status_index,
        issued_at=long_ago,
        valid_until=long_ago + issuing.VALID_FOR,
    )
    token = issuing.sign(school, ob)
    db.session.commit()
    independent_payload(client, token, school.urn)  # the signature itself is genuine
    with pytest.raises(OB3VerificationError, match="expired"):
        OB3Verifier(pubkey_pem=issuing.public_key_pem(school)).verify(token)
    assert verification.verify(token, download=served(client)).state == "expired"


def test_another_schools_key_is_refused(app, client, login, make):
    school, pupil, _tutor, _careers, things = record_with_everything(make)
    elsewhere = make.school("Elsewhere High")
    [credential] = operations.choose(
        pupil,
        [f"sign_off:{things['encounter'][1].id}"],
        subject_name="Maya",
        own_words=False,
        by=pupil.user,
    )
    ob = issuing.credential_for(
        school,
        uuid=credential.uuid,
        achievement_id=credential.uuid,
        claim=operations.claim_of(credential, school),
        subject_name="Maya",
        status_index=credential.status_index,
        issued_at=credential.issued_at,
        valid_until=credential.valid_until,
    )
    forged = issuing.sign(elsewhere, ob)  # says Riverside, signed with Elsewhere's key
    db.session.commit()
    with pytest.raises(BadSignatureError):
        independent_payload(client, forged, school.urn)
    with pytest.raises(OB3VerificationError, match="signature"):
        OB3Verifier(pubkey_pem=issuing.public_key_pem(school)).verify(forged)
    assert verification.verify(forged, download=served(client)).state == "tampered"


def test_under_13_waits_for_careers_staff(app, client, login, make):
    _school, pupil, _tutor, careers, things = record_with_everything(make)
    pupil.date_of_birth = date.today() - timedelta(days=365 * 12)
    db.session.commit()
    login(pupil.user)
    client.post(
        "/credentials",
        data={
            "chosen": [f"sign_off:{things['encounter'][1].id}"],
            "subject_name": "Maya",
        },
    )
    db.session.expire_all()
    [credential] = db.session.scalars(db.select(Credential)).all()
    assert (
        credential.token is None
        and client.get(f"/credentials/{credential.id}.jwt").status_code == 404
    )
    login(careers)
    assert client.post(f"/pupils/{pupil.id}/credentials/{credential.id}/agree").status_code == 302
    db.session.expire_all()
    assert db.session.get(Credential, credential.id).is_issued


def test_downloads_one_and_a_bundle(app, client, login, make):
    _school, _pupil, *_, credentials = _issue_all(make, login, client)
    one = client.get(f"/credentials/{credentials[0].id}.jwt")
    assert one.status_code == 200 and one.data.decode().strip() == credentials[0].token
    bundle = client.get(f"/credentials/bundle.zip?id={credentials[0].id}&id={credentials[1].id}")
    names = zipfile.ZipFile(io.BytesIO(bundle.data)).namelist()
    assert sorted(names) == sorted(f"{c.uuid}.jwt" for c in credentials[:2])


def test_the_passport_file_carries_them_and_the_import_checks_them(app, client, login, make):
    _school, pupil, *_, credentials = _issue_all(make, login, client)
    data = download_through_job(client, "/passport/download").data
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert {f"credentials/{c.uuid}.jwt" for c in credentials} <= set(names)
    other = make.school("Far College")
    joining = make.pupil(
        other,
        make.group(other),
        first="Maya",
        last="Patel",
        upn=pupil.upn,
        date_of_birth=pupil.date_of_birth,
    )
    db.session.commit()
    checked = check(data, receiving=other, pupil=joining)
    assert [v.state for v in checked.credentials] == ["valid"] * 4
