"""Simple mode's recording: one question a screen, every answer carried in the page."""

from __future__ import annotations

import io
import re
import uuid
from datetime import timedelta

from PIL import Image
from sqlalchemy import select

from journal.calendar import today
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.reference import kinds

URL = "/passport/simple"


def entries_of(pupil) -> list[Entry]:
    db.session.expire_all()
    return list(db.session.scalars(select(Entry).where(Entry.pupil_id == pupil.id)))


def hidden(html: str) -> dict[str, list[str]]:
    """The hidden fields of the page, as the browser would send them back."""
    found: dict[str, list[str]] = {}
    for tag in re.findall(r"<input[^>]*>", html):
        if 'type="hidden"' not in tag:
            continue
        name = re.search(r'name="([^"]+)"', tag).group(1)
        value = re.search(r'value="([^"]*)"', tag)
        found.setdefault(name, []).append(value.group(1) if value else "")
    return found


def step(client, page, go="next", **answers):
    """POST the screen ``page`` shows with its hidden fields and this screen's ``answers``."""
    data = hidden(page.text) | {k: v for k, v in answers.items()} | {"go": go}
    return client.post(URL, data=data, content_type="multipart/form-data")


def jpeg() -> tuple[io.BytesIO, str]:
    data = io.BytesIO()
    Image.new("RGB", (80, 60), "green").save(data, "JPEG")
    data.seek(0)
    return data, "photo.jpg"


def walk(client, photo=None, **overrides):
    """Every screen up to "Check and save"; returns that page."""
    answers = {
        "what": "careers_fair",
        "where": "City College",
        "when": "yesterday",
        "who": ["manager", "worker"],
        "feeling": "4",
        "more": "",
    } | overrides
    page = client.get(URL)
    assert "Step 1 of 8" in page.text
    page = step(client, page, what=answers["what"])
    assert "Step 2 of 8" in page.text
    page = step(client, page, where=answers["where"])
    page = step(client, page, when=answers["when"], day="")
    assert "Step 4 of 8" in page.text, page.text
    page = step(client, page, who=answers["who"])
    page = step(client, page, feeling=answers["feeling"])
    page = step(client, page, more=answers["more"])
    assert "Step 7 of 8" in page.text
    page = step(client, page, **({"photos": photo} if photo else {}))
    assert page.status_code == 200 and "Step 8 of 8" in page.text, page.text
    return page


def test_walking_every_screen_makes_one_normal_entry(client, login, pupil):
    login(pupil.user)
    check = walk(client)
    assert (
        "A careers fair" in check.text and "I went to a careers fair at City College." in check.text
    )
    saved = step(client, check, go="save")
    assert saved.status_code == 302
    [entry] = entries_of(pupil)
    assert saved.headers["Location"].endswith(f"/passport/entries/{entry.id}")
    assert entry.kind == kinds.ENCOUNTER and entry.state == "submitted"
    assert entry.category == "careers_fair" and entry.benchmark == 5
    assert entry.occurred_on == today() - timedelta(days=1)
    content = entry.content
    assert set(content) == set(kinds.FIELDS[kinds.ENCOUNTER]) | {"attachments"}
    assert content["who_i_met"] == "A manager, a worker"
    assert content["feeling"] == 4
    assert content["organisation"] == "City College"
    assert content["what_i_did"] == "I went to a careers fair at City College."
    assert entry.shared_with_family == pupil.school.family_sharing_default
    assert "Saved in your passport." in client.get(saved.headers["Location"]).text


def test_work_experience_becomes_a_workplace_entry_with_the_pupils_words(client, login, pupil):
    login(pupil.user)
    check = walk(client, what="placement", where="Northgate Vets", more="I fed the *cats*.")
    step(client, check, go="save")
    [entry] = entries_of(pupil)
    assert entry.kind == kinds.WORKPLACE and entry.benchmark == 6
    assert entry.content["placement_kind"] == "placement"
    assert entry.content["employer"] == "Northgate Vets"
    assert entry.content["what_i_did"] == "I fed the *cats*."
    assert set(entry.content) == set(kinds.FIELDS[kinds.WORKPLACE]) | {"attachments"}


def test_back_keeps_every_answer(client, login, pupil):
    login(pupil.user)
    page = client.get(URL)
    page = step(client, page, what="university")
    page = step(client, page, where="Leeds")
    back = step(client, page, go="back", when="today")
    assert "Step 2 of 8" in back.text
    assert 'value="Leeds"' in back.text
    assert hidden(back.text)["what"] == ["university"]
    assert hidden(back.text)["when"] == ["today"]
    first = step(client, back, go="back", where="Leeds Uni")
    assert "Step 1 of 8" in first.text
    assert re.search(r'value="university" checked', first.text)
    assert hidden(first.text)["where"] == ["Leeds Uni"]
    assert entries_of(pupil) == []


def test_a_future_date_is_refused_beside_the_field(client, login, pupil):
    login(pupil.user)
    page = client.get(URL)
    page = step(client, page, what="mentoring")
    page = step(client, page, where="Town Hall")
    tomorrow = (today() + timedelta(days=1)).isoformat()
    refused = step(client, page, when="other", day=tomorrow)
    assert refused.status_code == 422
    assert "Step 3 of 8" in refused.text
    assert re.search(r'id="day-error".*That date is in the future', refused.text)
    assert hidden(refused.text)["what"] == ["mentoring"]
    assert hidden(refused.text)["where"] == ["Town Hall"]
    assert f'value="{tomorrow}"' in refused.text
    assert entries_of(pupil) == []


def test_another_day_needs_a_day_on_or_after_the_passport_began(client, login, pupil):
    login(pupil.user)
    page = step(client, step(client, client.get(URL), what="enterprise"), where="")
    refused = step(client, page, when="other", day="2001-01-01")
    assert refused.status_code == 422 and "Your passport starts on" in refused.text
    missing = step(client, page, when="other", day="")
    assert missing.status_code == 422 and "Choose the day it happened." in missing.text


def test_a_forged_choice_is_refused_and_nothing_saved(client, login, pupil):
    login(pupil.user)
    refused = step(client, client.get(URL), what="space_travel")
    assert refused.status_code == 422 and "Choose one of the pictures." in refused.text
    check = walk(client)
    forged = hidden(check.text) | {"who": ["manager", "astronaut"], "go": "save"}
    response = client.post(URL, data=forged)
    assert response.status_code == 422
    assert "Step 4 of 8" in response.text and "Choose from the pictures." in response.text
    forged = hidden(check.text) | {"feeling": "9", "go": "save"}
    assert client.post(URL, data=forged).status_code == 422
    assert entries_of(pupil) == []


def test_replaying_the_save_makes_no_second_entry(client, login, pupil):
    login(pupil.user)
    check = walk(client)
    first = step(client, check, go="save")
    second = step(client, check, go="save")
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(entries_of(pupil)) == 1


def test_a_photo_survives_to_the_entry(client, login, pupil):
    login(pupil.user)
    check = walk(client, photo=jpeg())
    assert hidden(check.text)["attachment_ids"][0].isdigit()
    back = step(client, check, go="back")  # the photo is kept going back and forth
    assert "Take off photo 1" in back.text
    check = step(client, back)
    step(client, check, go="save")
    [entry] = entries_of(pupil)
    assert len(entry.content["attachments"]) == 1
    assert entry.content["attachments"][0]["media_type"] == "image/jpeg"


def test_a_bad_file_is_refused_beside_the_field_keeping_everything(client, login, pupil):
    login(pupil.user)
    page = client.get(URL)
    for answers in ({"what": "sixth_form"}, {"where": "St Mary's"}, {"when": "today"}):
        page = step(client, page, **answers)
    for _ in range(3):
        page = step(client, page)
    assert "Step 7 of 8" in page.text
    refused = step(client, page, photos=(io.BytesIO(b"not a picture"), "notes.jpg"))
    assert refused.status_code == 422 and "Step 7 of 8" in refused.text
    assert re.search(r'id="photos-error".*notes\.jpg', refused.text, re.S)
    assert hidden(refused.text)["what"] == ["sixth_form"]
    assert entries_of(pupil) == []


def test_staff_are_refused(client, login, tutor):
    login(tutor)
    assert client.get(URL).status_code == 403
    assert client.post(URL, data={"client_id": str(uuid.uuid4())}).status_code == 403


def test_every_screen_is_a_plain_form_without_javascript(client, login, pupil):
    login(pupil.user)
    page = client.get(URL)
    for number in range(1, 9):
        assert f"Step {number} of 8" in page.text
        assert '<form method="post"' in page.text and 'name="csrf_token"' in page.text
        assert 'type="submit" name="go"' in page.text
        answers = {1: {"what": "employer_talk"}, 3: {"when": "today"}}.get(number, {})
        if number < 8:
            page = step(client, page, **answers)
    assert "<script" not in page.text.split("<main", 1)[1].split("</main>")[0]


def test_a_bad_client_id_is_refused(client, login, pupil):
    login(pupil.user)
    assert client.post(URL, data={"client_id": "nope", "what": "mentoring"}).status_code == 400


def test_in_simple_mode_record_something_opens_the_step_by_step_flow(client, login, pupil):
    login(pupil.user)
    assert 'href="/passport/record"' in client.get("/").text
    pupil.career_send_group = 1  # simple mode is on by default for Career SEND group 1
    db.session.commit()
    home = client.get("/").text
    assert 'href="/passport/simple"' in home and 'class="button button-primary button-big"' in home
    assert "/passport/simple" in client.get("/passport/record").text
