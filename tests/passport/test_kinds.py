"""Workplace experiences with diary days, achievements with files, photos on entries, version
conflicts, the version history and drafts saved as the pupil types."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date, timedelta

from PIL import Image
from sqlalchemy import select

from journal.audit.models import AuditEvent
from journal.calendar import today
from journal.extensions import db
from journal.media.models import Attachment
from journal.passport.entries.models import Entry

from .test_recording import CHECKED, encounter, entries_of


def jpeg(width: int = 800, height: int = 600, colour="teal") -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


def pdf() -> io.BytesIO:
    return io.BytesIO(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def placement(**overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "placement_kind": "placement",
        "employer": "Northgate Vets",
        "role": "Helping with the animals",
        "sector": "Animal care",
        "occurred_on": "2026-10-05",
        "ends_on": "2026-10-09",
        "hours": "30",
        "what_i_did": "Fed the cats and cleaned the kennels.",
        "feeling": "4",
        "shared_with_family": "y",
        "save": "Save",
    } | overrides


def diary_day(**overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "occurred_on": "2026-10-06",
        "what_i_did": "Watched a vet check a dog's teeth.",
        "what_i_learned": "Vets need to be calm.",
        "feeling": "5",
        "shared_with_family": "y",
        "save": "Save",
    } | overrides


def achievement(**overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "achievement_kind": "certificate",
        "title": "Food Hygiene Level 1",
        "awarded_by": "St John's School",
        "occurred_on": "2026-09-20",
        "what_i_did": "A course in the school kitchen.",
        "save": "Save",
    } | overrides


def attachments_of(pupil) -> list[Attachment]:
    db.session.expire_all()
    return list(db.session.scalars(select(Attachment).where(Attachment.pupil_id == pupil.id)))


def test_record_something_offers_every_kind_and_recent_placements(client, login, pupil):
    login(pupil.user)
    page = client.get("/passport/record")
    assert page.status_code == 200
    for kind in ("encounter", "workplace", "achievement"):
        assert f"/passport/new/{kind}" in page.text
    client.post("/passport/new/workplace", data=placement())
    [work] = entries_of(pupil)
    assert f"/passport/entries/{work.id}/diary/new" in client.get("/passport/record").text
    assert client.get("/passport/new/diary").status_code == 404
    assert client.get("/passport/new/nonsense").status_code == 404


def test_a_workplace_experience_with_diary_days(client, login, pupil):
    login(pupil.user)
    response = client.post("/passport/new/workplace", data=placement())
    assert response.status_code == 302
    [work] = entries_of(pupil)
    assert (work.kind, work.category, work.benchmark) == ("workplace", "placement", 6)
    assert work.content["hours"] == 30.0 and work.content["ends_on"] == "2026-10-09"
    assert work.title == "A work placement: Northgate Vets"

    with_photo = diary_day() | {"photos": (jpeg(), "day1.jpg"), "photo_description": "A cat"}
    response = client.post(f"/passport/entries/{work.id}/diary/new", data=with_photo)
    assert response.status_code == 302, response.text
    client.post(
        f"/passport/entries/{work.id}/diary/new",
        data=diary_day(occurred_on="2026-10-07", what_i_did="Answered the phone."),
    )
    days = [e for e in entries_of(pupil) if e.kind == "diary"]
    assert len(days) == 2 and all(d.parent.id == work.id for d in days)
    first = next(d for d in days if d.occurred_on == date(2026, 10, 6))
    assert first.title == "Diary: a day at Northgate Vets"
    [photo] = first.attachments
    assert photo["media_type"] == "image/jpeg" and photo["description"] == "A cat"

    page = client.get(f"/passport/entries/{work.id}").text
    assert "Tuesday 6 October" in page and "Wednesday 7 October" in page
    assert "Benchmark 6" in page and "30" in page
    day_page = client.get(f"/passport/entries/{first.id}").text
    assert f"/media/{photo['id']}" in day_page and 'alt="A cat"' in day_page
    timeline = client.get("/passport/timeline").text
    assert "Diary: a day at Northgate Vets" in timeline and "1 file" in timeline


def test_a_diary_day_before_the_placement_began_is_refused(client, login, pupil):
    login(pupil.user)
    client.post("/passport/new/workplace", data=placement())
    [work] = entries_of(pupil)
    response = client.post(
        f"/passport/entries/{work.id}/diary/new", data=diary_day(occurred_on="2026-10-01")
    )
    assert response.status_code == 422
    assert "This work experience started on 5 October 2026" in response.text
    assert "Watched a vet check a dog&#39;s teeth." in response.text


def test_a_diary_day_can_be_changed_and_stays_on_its_placement(client, login, pupil):
    login(pupil.user)
    client.post("/passport/new/workplace", data=placement())
    [work] = entries_of(pupil)
    client.post(f"/passport/entries/{work.id}/diary/new", data=diary_day())
    [day] = [e for e in entries_of(pupil) if e.kind == "diary"]

    page = client.get(f"/passport/entries/{day.id}/edit")
    assert page.status_code == 200
    assert "Change a diary day" in page.text and "A work placement: Northgate Vets" in page.text
    assert "Watched a vet check a dog&#39;s teeth." in page.text
    assert f'name="placement_id" value="{work.id}"' in page.text
    assert 'data-offline-title="Diary: a day at Northgate Vets"' in page.text  # offline's label

    too_early = diary_day(client_id=day.client_id, based_on="1", occurred_on="2026-10-01")
    response = client.post(f"/passport/entries/{day.id}/edit", data=too_early)
    assert response.status_code == 422
    assert "This work experience started on 5 October 2026" in response.text

    changed = diary_day(client_id=day.client_id, based_on="1", what_i_did="Walked a dog.")
    assert client.post(f"/passport/entries/{day.id}/edit", data=changed).status_code == 302
    [day] = [e for e in entries_of(pupil) if e.kind == "diary"]
    assert day.content["what_i_did"] == "Walked a dog." and day.revision_count == 2
    assert day.parent.id == work.id


def test_the_last_day_cannot_be_before_the_first(client, login, pupil):
    login(pupil.user)
    response = client.post("/passport/new/workplace", data=placement(ends_on="2026-10-01"))
    assert response.status_code == 422
    assert "The last day cannot be before the first day." in response.text
    assert 'value="Northgate Vets"' in response.text


def test_a_placement_still_going_on_can_end_in_the_future(client, login, pupil):
    login(pupil.user)
    start = today().isoformat()
    end = (today() + timedelta(days=4)).isoformat()
    starts_tomorrow = placement(occurred_on=end, ends_on=end)
    refused = client.post("/passport/new/workplace", data=starts_tomorrow)
    assert refused.status_code == 422
    beside_first_day = (
        r'id="occurred_on-error">(<span[^>]*>[^<]*</span>)?\s*That date is in the future'
    )
    assert re.search(beside_first_day, refused.text)
    assert 'id="ends_on-error"' not in refused.text  # only the first day may not be ahead
    assert entries_of(pupil) == []

    response = client.post(
        "/passport/new/workplace", data=placement(occurred_on=start, ends_on=end)
    )
    assert response.status_code == 302
    [work] = entries_of(pupil)
    assert response.headers["Location"].endswith(f"/passport/entries/{work.id}")
    assert (work.content["occurred_on"], work.content["ends_on"]) == (start, end)


def test_hours_must_be_a_sensible_number(client, login, pupil):
    login(pupil.user)
    response = client.post("/passport/new/workplace", data=placement(hours="lots"))
    assert response.status_code == 422
    assert 'value="lots"' in response.text
    response = client.post("/passport/new/workplace", data=placement(hours="-3"))
    assert "Write a number of hours from 0.5 to 2000." in response.text


def test_diary_of_another_pupils_placement_is_not_found(client, login, pupil, make, school):
    other = make.pupil(school, first="Tom")
    login(other.user)
    client.post("/passport/new/workplace", data=placement())
    [theirs] = entries_of(other)
    login(pupil.user)
    assert client.get(f"/passport/entries/{theirs.id}/diary/new").status_code == 404
    response = client.post(f"/passport/entries/{theirs.id}/diary/new", data=diary_day())
    assert response.status_code == 404
    assert entries_of(pupil) == []


def test_an_achievement_with_a_pdf_certificate(client, login, pupil):
    login(pupil.user)
    data = achievement() | {"photos": (pdf(), "certificate.pdf")}
    response = client.post("/passport/new/achievement", data=data)
    assert response.status_code == 302, response.text
    [entry] = entries_of(pupil)
    assert entry.title == "Food Hygiene Level 1" and entry.category == "certificate"
    [file] = entry.attachments
    assert file["media_type"] == "application/pdf"
    assert f"/media/{file['id']}" in client.get(f"/passport/entries/{entry.id}").text


def test_a_pdf_is_not_a_photo_on_an_encounter(client, login, pupil):
    login(pupil.user)
    data = encounter() | {"photos": (pdf(), "notes.pdf")}
    response = client.post("/passport/new/encounter", data=data)
    assert response.status_code == 422
    assert "notes.pdf" in response.text
    assert "City College" in response.text
    assert entries_of(pupil) == []


def test_a_php_file_named_jpg_is_refused_beside_the_field(client, login, pupil):
    login(pupil.user)
    script = io.BytesIO(b"<?php system($_GET['c']); ?>")
    data = encounter() | {"photos": (script, "cat.jpg")}
    response = client.post("/passport/new/encounter", data=data)
    assert response.status_code == 422
    assert 'id="photos-error"' in response.text and "cat.jpg" in response.text
    assert "Toured the **workshops**." in response.text
    assert attachments_of(pupil) == []


def test_a_30_mb_upload_is_refused_with_a_clear_message(client, login, pupil):
    login(pupil.user)
    big = io.BytesIO(b"\xff\xd8\xff\xe0" + b"\0" * (30 * 1024 * 1024))
    response = client.post("/passport/new/encounter", data=encounter() | {"photos": (big, "b.jpg")})
    assert response.status_code == 422
    assert "MB" in response.text and "b.jpg" in response.text
    assert "City College" in response.text
    assert entries_of(pupil) == []


def test_a_photo_survives_a_mistake_elsewhere_in_the_form(client, login, pupil):
    """The photo is kept by id when the form comes back with an error: nothing to choose again."""
    login(pupil.user)
    data = encounter(category="") | {"photos": (jpeg(), "fair.jpg")}
    response = client.post("/passport/new/encounter", data=data)
    assert response.status_code == 422
    [pending] = attachments_of(pupil)
    assert pending.entry_id is None
    kept = re.search(r'name="attachment_ids" type="hidden" value="([0-9,]*)"', response.text)
    assert kept and kept.group(1) == str(pending.id)

    fixed = encounter(client_id=data["client_id"], attachment_ids=kept.group(1))
    assert client.post("/passport/new/encounter", data=fixed).status_code == 302
    [entry] = entries_of(pupil)
    assert [a["id"] for a in entry.attachments] == [pending.id]
    assert attachments_of(pupil)[0].entry_id == entry.id


def test_another_pupils_file_cannot_be_attached(client, login, pupil, make, school):
    other = make.pupil(school, first="Tom")
    login(other.user)
    client.post(
        "/passport/new/encounter", data=encounter(category="") | {"photos": (jpeg(), "x.jpg")}
    )
    [theirs] = attachments_of(other)
    login(pupil.user)
    client.post("/passport/new/encounter", data=encounter(attachment_ids=str(theirs.id)))
    [entry] = entries_of(pupil)
    assert entry.attachments == []
    assert attachments_of(other)[0].entry_id is None


def test_taking_a_photo_off_keeps_it_in_the_earlier_version(client, login, pupil):
    login(pupil.user)
    client.post("/passport/new/encounter", data=encounter() | {"photos": (jpeg(), "a.jpg")})
    [entry] = entries_of(pupil)
    [photo] = entry.attachments
    edit = client.get(f"/passport/entries/{entry.id}/edit")
    assert f'name="remove_attachment" value="{photo["id"]}"' in edit.text
    data = encounter(
        client_id=entry.client_id,
        based_on="1",
        attachment_ids=str(photo["id"]),
        remove_attachment=str(photo["id"]),
    )
    assert client.post(f"/passport/entries/{entry.id}/edit", data=data).status_code == 302
    [entry] = entries_of(pupil)
    assert entry.attachments == [] and entry.revision_count == 2
    history = client.get(f"/passport/entries/{entry.id}/history")
    assert history.status_code == 200
    assert "Version 2 (now)" in history.text and "Version 1" in history.text
    assert f"/media/{photo['id']}" in history.text


def test_an_edit_made_over_an_older_version_is_not_saved_blindly(client, login, pupil):
    """Two tabs (or a phone and a PC): the second save sees the first and keeps both."""
    login(pupil.user)
    client.post("/passport/new/encounter", data=encounter())
    [entry] = entries_of(pupil)
    first = encounter(client_id=entry.client_id, based_on="1", organisation="First tab")
    assert client.post(f"/passport/entries/{entry.id}/edit", data=first).status_code == 302

    second = encounter(client_id=entry.client_id, based_on="1", organisation="Second tab")
    response = client.post(f"/passport/entries/{entry.id}/edit", data=second)
    assert response.status_code == 409
    assert "This entry changed while you were working on it" in response.text
    assert "First tab" in response.text  # what it says now
    assert 'value="Second tab"' in response.text  # what they typed
    assert 'name="based_on" type="hidden" value="2"' in response.text
    assert entries_of(pupil)[0].content["organisation"] == "First tab"

    again = second | {"based_on": "2"}
    assert client.post(f"/passport/entries/{entry.id}/edit", data=again).status_code == 302
    assert entries_of(pupil)[0].content["organisation"] == "Second tab"
    assert entries_of(pupil)[0].revision_count == 3


def test_family_sharing_can_be_switched_off_for_one_entry(client, login, pupil):
    login(pupil.user)
    form = client.get("/passport/new/encounter").text
    assert re.search(CHECKED, form)
    client.post("/passport/new/encounter", data=encounter(shared_with_family=""))  # unticked
    [entry] = entries_of(pupil)
    assert entry.shared_with_family is False
    assert "Kept from family" in client.get("/passport/timeline").text
    data = encounter(client_id=entry.client_id, based_on="1")
    client.post(f"/passport/entries/{entry.id}/edit", data=data)
    assert entries_of(pupil)[0].shared_with_family is True
    assert entries_of(pupil)[0].revision_count == 1  # a setting, not new content


def test_autosave_makes_one_draft_and_keeps_it_up_to_date(client, login, pupil):
    login(pupil.user)
    typing = {
        "kind": "encounter",
        "client_id": str(uuid.uuid4()),
        "occurred_on": "2026-10-14",
        "what_i_did": "Went to the",
    }
    first = client.post("/passport/autosave", data=typing)
    assert first.status_code == 200 and "Draft saved" in first.text
    client.post("/passport/autosave", data=typing | {"what_i_did": "Went to the fair"})
    client.post("/passport/autosave", data=typing | {"what_i_did": "Went to the fair"})
    [entry] = entries_of(pupil)
    assert entry.state == "draft" and entry.revision_count == 2
    assert entry.content["what_i_did"] == "Went to the fair"

    finished = encounter(client_id=typing["client_id"])
    assert client.post("/passport/new/encounter", data=finished).status_code == 302
    [entry] = entries_of(pupil)
    assert entry.state == "submitted" and entry.content["organisation"] == "City College"

    late = client.post("/passport/autosave", data=typing | {"what_i_did": "late keystroke"})
    assert "This entry is saved" in late.text
    assert entries_of(pupil)[0].content["what_i_did"] == "Toured the **workshops**."


def test_autosave_waits_for_a_good_date(client, login, pupil):
    login(pupil.user)
    data = {"kind": "encounter", "client_id": str(uuid.uuid4()), "occurred_on": ""}
    response = client.post("/passport/autosave", data=data)
    assert response.status_code == 422 and "Not saved yet" in response.text
    assert entries_of(pupil) == []
    assert client.post("/passport/autosave", data=data | {"kind": "x"}).status_code == 400


def test_staff_read_a_workplace_experience_and_its_history_audited(client, login, pupil, tutor):
    login(pupil.user)
    client.post("/passport/new/workplace", data=placement())
    [work] = entries_of(pupil)
    client.post(f"/passport/entries/{work.id}/diary/new", data=diary_day())
    client.post(
        f"/passport/entries/{work.id}/diary/new",
        data=diary_day(what_i_did="Secret draft day", save_draft="Save as draft", save=""),
    )
    login(tutor)
    page = client.get(f"/pupils/{pupil.id}/entries/{work.id}")
    assert page.status_code == 200
    assert "Tuesday 6 October" in page.text and "Secret draft day" not in page.text
    assert "Change this entry" not in page.text
    history = client.get(f"/pupils/{pupil.id}/entries/{work.id}/history")
    assert history.status_code == 200
    actions = list(db.session.scalars(select(AuditEvent.action)))
    assert "pupil_entry_history_opened" in actions and "pupil_entry_opened" in actions


def test_only_the_entry_kinds_own_fields_are_stored(client, login, pupil):
    login(pupil.user)
    client.post("/passport/new/achievement", data=achievement(employer="Sneaky", hours="9"))
    [entry] = entries_of(pupil)
    assert "employer" not in entry.content and "hours" not in entry.content
    assert set(entry.content) == {
        "achievement_kind",
        "title",
        "awarded_by",
        "occurred_on",
        "what_i_did",
        "what_i_learned",
        "feeling",
        "attachments",
    }
    assert isinstance(db.session.get(Entry, entry.id), Entry)
