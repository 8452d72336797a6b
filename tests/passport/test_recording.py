"""A pupil records, drafts, edits and reads encounters through the pages."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

from sqlalchemy import func, select

from journal.calendar import today
from journal.extensions import db
from journal.passport.entries.models import Entry, EntryRevision


def encounter(**overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "category": "fe_college",
        "organisation": "City College",
        "sector": "Engineering",
        "occurred_on": "2026-10-14",
        "what_i_did": "Toured the **workshops**.",
        "who_i_met": "A lecturer in motor vehicle engineering.",
        "what_i_learned": "You can do an apprenticeship there.",
        "feeling": "5",
        "what_next": "Go to the open evening.",
        "shared_with_family": "y",
        "save": "Save",
    } | overrides


CHECKED = r'<input checked[^>]*name="shared_with_family"'


def entries_of(pupil) -> list[Entry]:
    db.session.expire_all()
    return list(db.session.scalars(select(Entry).where(Entry.pupil_id == pupil.id)))


def test_the_form_offers_a_fresh_client_id(client, login, pupil):
    login(pupil.user)
    first = client.get("/passport/new/encounter")
    second = client.get("/passport/new/encounter")
    assert first.status_code == 200
    ids = [
        re.search(r'name="client_id" type="hidden" value="([0-9a-f-]{36})"', r.text)
        for r in (first, second)
    ]
    assert all(ids) and ids[0].group(1) != ids[1].group(1)
    assert "What did you learn?" in first.text
    assert "<legend" in first.text and "Very happy" in first.text


def test_recording_an_encounter_end_to_end(client, login, pupil):
    login(pupil.user)
    response = client.post("/passport/new/encounter", data=encounter())
    assert response.status_code == 302
    [entry] = entries_of(pupil)
    assert entry.state == "submitted"
    assert entry.kind == "encounter"
    assert entry.source == "pupil"
    assert entry.created_by_id == pupil.user_id
    assert entry.occurred_on == date(2026, 10, 14)
    assert entry.shared_with_family is True  # the school's default
    assert entry.benchmark == 7
    assert entry.content["feeling"] == 5
    assert response.headers["Location"].endswith(f"/passport/entries/{entry.id}")

    page = client.get(f"/passport/entries/{entry.id}")
    assert page.status_code == 200
    assert "<strong>workshops</strong>" in page.text
    assert "Written by you" in page.text
    assert "Very happy" in page.text
    assert "Benchmark 7" in page.text

    timeline = client.get("/passport/timeline")
    assert "A further education (FE) college: City College" in timeline.text


def test_family_sharing_follows_the_school_default(client, login, pupil, school):
    login(pupil.user)
    assert re.search(CHECKED, client.get("/passport/new/encounter").text)
    school.family_sharing_default = False
    db.session.commit()
    assert not re.search(CHECKED, client.get("/passport/new/encounter").text)
    client.post("/passport/new/encounter", data=encounter(shared_with_family=""))
    assert entries_of(pupil)[0].shared_with_family is False


def test_a_draft_needs_only_a_date_and_can_be_saved_later(client, login, pupil):
    login(pupil.user)
    data = {
        "client_id": str(uuid.uuid4()),
        "occurred_on": "2026-10-14",
        "what_i_did": "Half written",
        "save_draft": "Save as draft",
    }
    assert client.post("/passport/new/encounter", data=data).status_code == 302
    [entry] = entries_of(pupil)
    assert entry.state == "draft"

    home = client.get("/")
    assert "My drafts" in home.text
    assert f"/passport/entries/{entry.id}/edit" in home.text

    finished = encounter(client_id=entry.client_id, based_on="1")
    response = client.post(f"/passport/entries/{entry.id}/edit", data=finished)
    assert response.status_code == 302
    [entry] = entries_of(pupil)
    assert entry.state == "submitted"
    assert entry.revision_count == 2
    assert "My drafts" not in client.get("/").text


def test_saving_needs_what_it_was_and_what_happened(client, login, pupil):
    login(pupil.user)
    response = client.post("/passport/new/encounter", data=encounter(category="", what_i_did="  "))
    assert response.status_code == 422
    assert "Choose what it was." in response.text
    assert "Write a sentence or two about what you did." in response.text
    assert entries_of(pupil) == []


def test_editing_writes_revision_2_and_keeps_revision_1(client, login, pupil):
    login(pupil.user)
    client.post("/passport/new/encounter", data=encounter())
    [entry] = entries_of(pupil)
    first = entry.current_revision
    first_content = dict(first.content)

    form = client.get(f"/passport/entries/{entry.id}/edit")
    assert form.status_code == 200
    assert "City College" in form.text and 'value="2026-10-14"' in form.text

    changed = encounter(
        client_id=entry.client_id,
        organisation="Town College",
        occurred_on="2026-10-15",
        based_on="1",
    )
    assert client.post(f"/passport/entries/{entry.id}/edit", data=changed).status_code == 302

    [entry] = entries_of(pupil)
    revisions = list(
        db.session.scalars(
            select(EntryRevision)
            .where(EntryRevision.entry_id == entry.id)
            .order_by(EntryRevision.number)
        )
    )
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[0].content == first_content
    assert revisions[0].content["organisation"] == "City College"
    assert revisions[1].content["organisation"] == "Town College"
    assert entry.current_revision_id == revisions[1].id
    assert entry.occurred_on == date(2026, 10, 15)
    assert "Earlier versions (1)" in client.get(f"/passport/entries/{entry.id}").text


def test_saving_the_same_content_again_writes_no_revision(client, login, pupil):
    login(pupil.user)
    client.post("/passport/new/encounter", data=encounter())
    [entry] = entries_of(pupil)
    same = encounter(client_id=entry.client_id, based_on="1")
    client.post(f"/passport/entries/{entry.id}/edit", data=same)
    assert entries_of(pupil)[0].revision_count == 1


def test_replaying_the_same_client_id_creates_one_entry(client, login, pupil):
    login(pupil.user)
    data = encounter()
    first = client.post("/passport/new/encounter", data=data)
    second = client.post("/passport/new/encounter", data=data | {"organisation": "Changed"})
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    [entry] = entries_of(pupil)
    assert entry.content["organisation"] == "City College"
    count = db.session.scalar(select(func.count()).select_from(EntryRevision))
    assert count == 1


def test_the_same_client_id_for_two_pupils_is_two_entries(client, login, pupil, make, school):
    other = make.pupil(school, first="Tom")
    data = encounter()
    login(pupil.user)
    client.post("/passport/new/encounter", data=data)
    login(other.user)
    client.post("/passport/new/encounter", data=data)
    assert len(entries_of(pupil)) == len(entries_of(other)) == 1


def test_a_future_date_is_refused_and_what_was_typed_is_kept(client, login, pupil):
    login(pupil.user)
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = client.post(
        "/passport/new/encounter",
        data=encounter(occurred_on=tomorrow, what_i_learned="Engines are <b>loud</b>"),
    )
    assert response.status_code == 422
    assert "That date is in the future" in response.text
    assert 'id="occurred_on-error"' in response.text
    assert "City College" in response.text
    assert "Engines are &lt;b&gt;loud&lt;/b&gt;" in response.text
    assert "A lecturer in motor vehicle engineering." in response.text
    assert f'value="{tomorrow}"' in response.text
    assert re.search(r'value="5"[^>]*checked|checked[^>]*value="5"', response.text)
    assert entries_of(pupil) == []


def test_a_date_before_the_record_began_is_refused(client, login, pupil):
    login(pupil.user)
    response = client.post("/passport/new/encounter", data=encounter(occurred_on="2022-08-31"))
    assert response.status_code == 422
    assert "Your passport starts on 1 September 2022" in response.text
    assert "Go to the open evening." in response.text
    assert entries_of(pupil) == []


def test_a_bad_date_on_edit_keeps_the_old_revision(client, login, pupil, make):
    entry = make.entry(pupil)
    login(pupil.user)
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/passport/entries/{entry.id}/edit",
        data=encounter(
            client_id=entry.client_id, occurred_on=tomorrow, organisation="New", based_on="1"
        ),
    )
    assert response.status_code == 422
    assert 'value="New"' in response.text
    assert entries_of(pupil)[0].revision_count == 1


def test_pupil_text_is_rendered_safely_on_the_entry(client, login, pupil, make):
    entry = make.entry(
        pupil,
        what_i_did="<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=y>",
    )
    login(pupil.user)
    page = client.get(f"/passport/entries/{entry.id}").text
    assert "<script>alert(1)" not in page
    assert "javascript:" not in page
    assert not re.search(r"<img[^>]*onerror", page)
    assert "&lt;img src=x onerror=y&gt;" in page


def test_another_pupils_entry_is_not_found(client, login, pupil, make, school):
    other = make.pupil(school, first="Tom")
    theirs = make.entry(other)
    login(pupil.user)
    assert client.get(f"/passport/entries/{theirs.id}").status_code == 404
    assert client.get(f"/passport/entries/{theirs.id}/edit").status_code == 404
    response = client.post(
        f"/passport/entries/{theirs.id}/edit", data=encounter(client_id=theirs.client_id)
    )
    assert response.status_code == 404
    assert client.get("/passport/entries/999999").status_code == 404


def test_staff_and_family_cannot_use_the_pupil_pages(client, login, tutor):
    login(tutor)
    assert client.get("/passport/new/encounter").status_code == 403
    assert client.get("/passport/timeline").status_code == 403


def test_timeline_is_newest_first_and_filters_by_school_year(client, login, pupil, make):
    make.entry(pupil, organisation="Older", occurred_on=date(2025, 6, 1))
    make.entry(pupil, organisation="Newer", occurred_on=date(2026, 10, 1))
    make.entry(pupil, organisation="Draft one", occurred_on=date(2026, 9, 5), state="draft")
    login(pupil.user)
    text = client.get("/passport/timeline").text
    assert text.index("Newer") < text.index("Draft one") < text.index("Older")
    only_2026 = client.get("/passport/timeline?year=2026").text  # 2026/27
    assert "Newer" in only_2026 and "Draft one" in only_2026 and "Older" not in only_2026
    assert "Older" not in client.get("/passport/timeline?year=2025").text
    only_2024 = client.get("/passport/timeline?year=2024&kind=encounter").text
    assert "Older" in only_2024 and "Newer" not in only_2024
    assert "Older" not in client.get("/passport/timeline?kind=achievement").text


def test_timeline_pages_by_twenty(client, login, pupil, make):
    for n in range(23):
        make.entry(pupil, organisation=f"Place {n:02d}", occurred_on=date(2026, 1, 1 + n))
    login(pupil.user)
    first = client.get("/passport/timeline").text
    assert "Place 22" in first and "Place 03" in first and "Place 02" not in first
    assert "Older entries" in first
    second = client.get("/passport/timeline?page=2").text
    assert "Place 02" in second and "Place 00" in second and "Place 03" not in second
    assert "Newer entries" in second and "Older entries" not in second
