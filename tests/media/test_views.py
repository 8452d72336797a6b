"""Serving files: the owner always, staff in scope once a saved entry shows the file, anyone
else a 404 that looks like no file at all."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from journal.media.operations import claim, store_upload
from journal.media.storage import storage

from .pictures import PDF_BYTES, photo, upload


@pytest.fixture
def picture(pupil):
    return store_upload(pupil, upload(photo((800, 600))), uploaded_by=pupil.user)


@pytest.fixture
def certificate(pupil):
    return store_upload(
        pupil, upload(PDF_BYTES, "award.pdf"), uploaded_by=pupil.user, allow_pdf=True
    )


def get(client, login, user, url, **kwargs):
    login(user)
    return client.get(url, **kwargs)


def test_the_owner_gets_the_photo_with_safe_headers(client, login, pupil, picture):
    response = get(client, login, pupil.user, f"/media/{picture.id}")
    assert response.status_code == 200
    assert response.data == storage().get(picture.key)
    assert response.mimetype == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"].startswith("private")
    assert response.headers["ETag"] == f'"{picture.sha256}"'
    assert response.headers["Content-Disposition"].startswith("inline")
    assert "sandbox" not in response.headers["Content-Security-Policy"]


def test_the_owner_gets_the_thumbnail(client, login, pupil, picture):
    response = get(client, login, pupil.user, f"/media/{picture.id}/thumbnail")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.headers["ETag"] == f'"{picture.thumbnail_key}"'
    assert len(response.data) < len(get(client, login, pupil.user, f"/media/{picture.id}").data)


def test_a_matching_etag_gets_304(client, login, pupil, picture):
    response = get(
        client,
        login,
        pupil.user,
        f"/media/{picture.id}",
        headers={"If-None-Match": f'"{picture.sha256}"'},
    )
    assert response.status_code == 304 and response.data == b""
    assert response.headers["Cache-Control"].startswith("private")
    other = get(client, login, pupil.user, f"/media/{picture.id}", headers={"If-None-Match": '"x"'})
    assert other.status_code == 200


def test_a_pdf_is_a_sandboxed_download(client, login, pupil, certificate):
    response = get(client, login, pupil.user, f"/media/{certificate.id}")
    assert response.status_code == 200 and response.data == PDF_BYTES
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert get(client, login, pupil.user, f"/media/{certificate.id}/thumbnail").status_code == 404


def test_another_pupil_gets_404(client, login, make, school, picture):
    other = make.pupil(school, first="Tom")
    assert get(client, login, other.user, f"/media/{picture.id}").status_code == 404
    assert get(client, login, other.user, f"/media/{picture.id}/thumbnail").status_code == 404


def test_an_unknown_id_gets_404(client, login, pupil):
    assert get(client, login, pupil.user, "/media/424242").status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, picture):
    response = client.get(f"/media/{picture.id}")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_staff_see_a_file_only_once_a_saved_entry_claims_it(
    client, login, make, school, pupil, tutor, picture
):
    leader = make.user(school, Role.CAREERS_LEADER)
    url = f"/media/{picture.id}"
    assert get(client, login, tutor, url).status_code == 404  # uploaded, not on any entry

    claim([picture], make.entry(pupil, state="draft"))
    assert get(client, login, tutor, url).status_code == 404  # the pupil has not shared it

    claim([picture], make.entry(pupil, state="submitted"))
    for person in (tutor, leader):
        assert get(client, login, person, url).status_code == 200
        assert get(client, login, person, f"{url}/thumbnail").status_code == 200


def test_staff_outside_scope_and_family_get_404(client, login, make, school, pupil, picture):
    claim([picture], make.entry(pupil))
    other_tutor = make.user(school, Role.TUTOR)
    make.group(school, "11P", tutors=[other_tutor])
    elsewhere = make.user(make.school("Elsewhere"), Role.CAREERS_LEADER)
    family = make.user(school, Role.FAMILY)
    for person in (other_tutor, elsewhere, family):
        assert get(client, login, person, f"/media/{picture.id}").status_code == 404


def test_a_file_claimed_by_another_pupils_entry_is_not_shown_through_it(
    client, login, make, school, pupil, tutor, picture
):
    other = make.pupil(school, first="Tom")
    picture.entry_id = make.entry(other).id  # a forged claim across pupils
    db.session.flush()
    assert get(client, login, tutor, f"/media/{picture.id}").status_code == 404


def test_opening_files_is_not_audited(client, login, pupil, tutor, make, picture):
    claim([picture], make.entry(pupil))
    before = [event.action for event in db.session.scalars(select(AuditEvent))]
    assert get(client, login, tutor, f"/media/{picture.id}").status_code == 200
    db.session.expire_all()
    assert [event.action for event in db.session.scalars(select(AuditEvent))] == before


def test_a_missing_stored_file_is_404_not_an_error(client, login, pupil, picture):
    storage().delete(picture.key)
    assert get(client, login, pupil.user, f"/media/{picture.id}").status_code == 404
