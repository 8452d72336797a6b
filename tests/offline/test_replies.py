"""What the record forms answer to an entry sent from the phone's queue (X-Queued-Entry: 1),
and the files that make the app installable."""

from __future__ import annotations

import io
import json
import re
import uuid

import pytest
from PIL import Image
from sqlalchemy import func, select

from journal.extensions import db
from journal.media.models import Attachment
from journal.passport.entries.models import Entry

QUEUED = {"X-Queued-Entry": "1"}


def encounter(**overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "kind": "encounter",
        "category": "fe_college",
        "organisation": "City College",
        "occurred_on": "2026-10-14",
        "what_i_did": "Toured the workshops.",
        "shared_with_family": "y",
        "save": "Save",
    } | overrides


def photo() -> tuple[io.BytesIO, str]:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(data, "JPEG")
    data.seek(0)
    return data, "workshop.jpg"


def count(model, **where) -> int:
    db.session.expire_all()
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return db.session.scalar(query)


def test_a_queued_entry_is_saved_and_answered_in_json(client, login, pupil):
    login(pupil.user)
    data = encounter(photos=photo())
    response = client.post("/passport/new/encounter", data=data, headers=QUEUED)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    entry = db.session.scalar(select(Entry).where(Entry.client_id == data["client_id"]))
    assert body == {
        "status": "saved",
        "replay": False,
        "entry_id": entry.id,
        "entry_url": f"/passport/entries/{entry.id}",
        "draft": False,
    }
    assert [a["media_type"] for a in entry.content["attachments"]] == ["image/jpeg"]
    assert count(Attachment, entry_id=entry.id) == 1


def test_a_replay_answers_with_the_stored_entry_and_stores_no_second_photo(client, login, pupil):
    login(pupil.user)
    data = encounter()
    first = client.post("/passport/new/encounter", data=data | {"photos": photo()}, headers=QUEUED)
    again = client.post(
        "/passport/new/encounter",
        data=data | {"what_i_did": "Changed on the way", "photos": photo()},
        headers=QUEUED,
    )
    assert again.status_code == 200
    assert again.get_json()["replay"] is True
    assert again.get_json()["entry_id"] == first.get_json()["entry_id"]
    assert count(Entry, pupil_id=pupil.id) == 1
    assert count(Attachment, pupil_id=pupil.id) == 1  # the replay's photo was never stored
    entry = db.session.get(Entry, first.get_json()["entry_id"])
    assert entry.content["what_i_did"] == "Toured the workshops."


def test_a_replay_racing_the_first_save_still_makes_one_entry(client, login, pupil, monkeypatch):
    """Both sends miss the look-up (as two at the same moment would); the unique constraint on
    pupil and client id decides, and the second is answered with the first's entry."""
    from journal.offline import replies
    from journal.passport.entries import operations, queries

    login(pupil.user)
    data = encounter()
    first = client.post("/passport/new/encounter", data=data, headers=QUEUED).get_json()
    monkeypatch.setattr(queries, "entry_by_client_id", lambda p, c: None)
    monkeypatch.setattr(operations, "entry_by_client_id", _missed_once(operations))
    monkeypatch.setattr(replies, "replayed", lambda entry: None)
    again = client.post("/passport/new/encounter", data=data, headers=QUEUED)
    assert again.status_code == 200
    assert again.get_json()["entry_id"] == first["entry_id"]
    assert count(Entry, pupil_id=pupil.id) == 1


def _missed_once(operations):
    real = operations.entry_by_client_id
    calls = []

    def missed_once(p, client_id):
        calls.append(client_id)
        return None if len(calls) <= 2 else real(p, client_id)  # save_entry, then record_entry

    return missed_once


def test_an_invalid_entry_gets_422_with_its_errors_and_the_stored_photo_ids(client, login, pupil):
    login(pupil.user)
    data = encounter(what_i_did="", category="", photos=photo())
    response = client.post("/passport/new/encounter", data=data, headers=QUEUED)
    assert response.status_code == 422
    body = response.get_json()
    assert body["status"] == "invalid"
    assert body["errors"] == {
        "category": ["Choose what it was."],
        "what_i_did": ["Write a sentence or two about what you did."],
    }
    [stored] = db.session.scalars(select(Attachment).where(Attachment.pupil_id == pupil.id))
    assert body["attachment_ids"] == str(stored.id)
    assert count(Entry, pupil_id=pupil.id) == 0

    # Corrected on the phone and sent again with the photo's id instead of the photo.
    fixed = data | {"what_i_did": "Saw the workshops", "category": "fe_college"}
    fixed.pop("photos")
    fixed["attachment_ids"] = body["attachment_ids"]
    response = client.post("/passport/new/encounter", data=fixed, headers=QUEUED)
    assert response.get_json()["status"] == "saved"
    entry = db.session.get(Entry, response.get_json()["entry_id"])
    assert [a["id"] for a in entry.content["attachments"]] == [stored.id]


def test_a_diary_day_can_be_queued(client, login, pupil, make):
    from tests.access_support import workplace_of

    placement = workplace_of(pupil)
    db.session.commit()
    login(pupil.user)
    data = {
        "client_id": str(uuid.uuid4()),
        "kind": "diary",
        "placement_id": str(placement.id),
        "occurred_on": "2026-10-06",
        "what_i_did": "Fed the rabbits.",
        "save": "Save",
    }
    response = client.post(f"/passport/entries/{placement.id}/diary/new", data=data, headers=QUEUED)
    assert response.get_json()["status"] == "saved"
    entry = db.session.get(Entry, response.get_json()["entry_id"])
    assert entry.parent.id == placement.id


def test_a_bad_client_id_is_a_json_400(client, login, pupil):
    login(pupil.user)
    response = client.post(
        "/passport/new/encounter", data=encounter(client_id="nope"), headers=QUEUED
    )
    assert response.status_code == 400
    assert response.get_json()["status"] == "bad_request"


def test_without_the_header_the_form_answers_as_before(client, login, pupil):
    login(pupil.user)
    response = client.post("/passport/new/encounter", data=encounter())
    assert response.status_code == 302
    response = client.post("/passport/new/encounter", data=encounter(what_i_did=""))
    assert response.status_code == 422 and response.mimetype == "text/html"


def test_an_expired_session_gets_401_json_and_nothing_is_stored(client, pupil):
    response = client.post("/passport/new/encounter", data=encounter(), headers=QUEUED)
    assert response.status_code == 401
    assert response.get_json() == {"status": "signed_out", "sign_in_url": "/sign-in"}
    assert client.get("/offline/token").status_code == 401
    assert count(Entry) == 0


def test_an_entry_queued_for_someone_else_is_refused(client, login, pupil, make, school):
    other = make.pupil(school, make.group(school, "11P", year_group=11), first="Tom")
    login(other.user)
    response = client.post(
        "/passport/new/encounter",
        data=encounter(),
        headers=QUEUED | {"X-Queued-For": "0123456789abcdef"},
    )
    assert response.status_code == 409
    assert count(Entry) == 0


def test_staff_get_no_token(client, login, make, school):
    from journal.accounts.roles import Role

    login(make.user(school, Role.TUTOR))
    assert client.get("/offline/token").status_code == 403


class TestWithCsrf:
    """CSRF on, as in production: a queued entry goes with a token fetched just before."""

    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_a_fresh_token_lets_a_queued_entry_through(self, client, login, pupil):
        login(pupil.user)
        stale = client.post("/passport/new/encounter", data=encounter(), headers=QUEUED)
        assert stale.status_code == 400  # no token: refused, nothing stored
        response = client.get("/offline/token")
        assert response.headers["Cache-Control"] == "no-store"
        token = response.get_json()["csrf_token"]
        data = encounter(csrf_token=token)
        response = client.post(
            "/passport/new/encounter", data=data, headers=QUEUED | {"X-CSRFToken": token}
        )
        assert response.get_json()["status"] == "saved"
        assert count(Entry) == 1

    def test_an_expired_token_is_refused(self, app, client, login, pupil):
        login(pupil.user)
        token = client.get("/offline/token").get_json()["csrf_token"]
        app.config["WTF_CSRF_TIME_LIMIT"] = -1  # every token has expired
        response = client.post(
            "/passport/new/encounter", data=encounter(csrf_token=token), headers=QUEUED
        )
        assert response.status_code == 400
        assert count(Entry) == 0


def test_the_manifest_makes_the_app_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.text)
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/" and manifest["short_name"]
    assert {"maskable", "any"} <= {icon["purpose"] for icon in manifest["icons"]}
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200
        width, height = Image.open(io.BytesIO(image.data)).size
        assert f"{width}x{height}" == icon["sizes"]


def test_the_worker_is_served_from_the_root_with_its_version(client):
    from journal.offline import precache

    response = client.get("/service-worker.js")
    assert response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert response.headers["Cache-Control"] == "no-cache"
    assert f'var VERSION = "{precache.version()}";' in response.text
    assert re.search(r'importScripts\("/static/js/offline\.[0-9a-f]{12}\.js"\)', response.text)


def test_the_version_changes_when_a_precached_file_changes(app, tmp_path):
    import shutil

    from journal.offline import precache

    before = precache.version()
    static = tmp_path / "static"
    shutil.copytree(app.static_folder, static)
    (static / "css" / "app.css").write_text("body { color: red }")
    app.static_folder = str(static)
    app.extensions.pop("offline_version")
    assert precache.version() != before


def test_only_the_pupils_own_pages_are_marked_for_keeping(client, login, pupil, make, school):
    from journal.accounts.roles import Role

    login(pupil.user)
    home = client.get("/")
    assert home.headers["X-Offline-Cache"] == "pupil"
    key = home.headers["X-Offline-User"]
    assert f'<meta name="offline-user" content="{key}">' in home.text
    assert client.get("/passport/new/encounter").headers["X-Offline-Cache"] == "pupil"
    assert client.get("/passport/timeline").headers["X-Offline-Cache"] == "pupil"
    assert "X-Offline-Cache" not in client.get("/account").headers
    assert "data-offline-queue" in home.text

    tutor = make.user(school, Role.TUTOR)
    login(tutor)
    staff_home = client.get("/")
    assert "X-Offline-Cache" not in staff_home.headers
    assert staff_home.headers["X-Offline-User"] != key
    assert staff_home.headers["Cache-Control"] == "no-store"


def test_signing_out_clears_the_site_data(client, login, pupil):
    login(pupil.user)
    response = client.post("/sign-out")
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    assert "Clear-Site-Data" not in client.post("/sign-out").headers  # nobody was signed in


def test_the_favicon_is_the_apps_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    icon = Image.open(io.BytesIO(response.data))
    assert icon.format == "ICO" and {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]
