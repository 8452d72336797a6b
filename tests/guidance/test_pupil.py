"""The pupil sees what is addressed to them (never staff-only records), replies, and ticks off
their own actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from journal.calendar import today
from journal.extensions import db
from journal.guidance import operations
from journal.guidance.models import Comment
from journal.guidance.wording import day_words


def comments() -> int:
    return db.session.scalar(select(func.count()).select_from(Comment))


def test_the_pupil_sees_shared_records_but_never_staff_only_ones(
    client, login, pupil, add_note, add_action
):
    add_note(pupil, "Look at apprenticeships.")
    add_note(pupil, "Only for you, Maya.", visibility="pupil")
    add_note(pupil, "Worried about home.", visibility="staff")
    add_action(pupil, "Staff-only follow-up", visibility="staff")
    login(pupil.user)
    for url in ("/guidance", "/"):
        page = client.get(url).text
        assert "Worried about home." not in page
        assert "Staff-only follow-up" not in page
    page = client.get("/guidance").text
    assert "Look at apprenticeships." in page
    assert "Only for you, Maya." in page


def test_a_staff_only_note_requested_by_id_is_not_found(client, login, pupil, add_note):
    secret = add_note(pupil, "Worried about home.", visibility="staff")
    login(pupil.user)
    response = client.post(f"/guidance/note/{secret.id}/reply", data={"body": "What is this?"})
    assert response.status_code == 404
    assert comments() == 0


def test_a_staff_only_action_cannot_be_marked_done(client, login, pupil, add_action):
    action = add_action(pupil, visibility="staff")
    login(pupil.user)
    assert client.post(f"/guidance/actions/{action.id}/done").status_code == 404
    db.session.refresh(action)
    assert action.status == "open"


def test_overdue_actions_come_first_and_say_so_in_words(client, login, pupil, add_action):
    due = today() - timedelta(days=3)
    add_action(pupil, "Later thing", due_on=today() + timedelta(days=30))
    add_action(pupil, "Late thing", due_on=due)
    login(pupil.user)
    for url in ("/guidance", "/"):
        page = client.get(url).text
        assert f"Overdue since {day_words(due)}" in page
        assert page.index("Late thing") < page.index("Later thing")


def test_day_words():
    from datetime import date

    assert day_words(date(2026, 11, 3), date(2026, 12, 1)) == "3 November"
    assert day_words(date(2025, 11, 3), date(2026, 12, 1)) == "3 November 2025"


def test_the_pupil_marks_their_own_action_done(client, login, pupil, add_action):
    action = add_action(pupil)
    login(pupil.user)
    assert client.post(f"/guidance/actions/{action.id}/done").status_code == 302
    db.session.refresh(action)
    assert (action.status, action.status_changed_by_id) == ("done", pupil.user.id)


def test_the_pupil_cannot_mark_an_action_someone_else_owns(client, login, pupil, add_action):
    action = add_action(pupil, owner_kind="agency", owner_name="Connexions")
    login(pupil.user)
    assert client.post(f"/guidance/actions/{action.id}/done").status_code == 403
    db.session.refresh(action)
    assert action.status == "open"


def test_the_pupil_cannot_mark_another_pupils_action(
    client, login, make, school, pupil, add_action
):
    action = add_action(make.pupil(school, first="Tom"))
    login(pupil.user)
    assert client.post(f"/guidance/actions/{action.id}/done").status_code == 404
    db.session.refresh(action)
    assert action.status == "open"


@pytest.mark.parametrize("subject_type", ["note", "action"])
def test_the_pupil_replies(client, login, pupil, add_note, add_action, subject_type):
    subject = add_note(pupil) if subject_type == "note" else add_action(pupil)
    login(pupil.user)
    url = f"/guidance/{subject_type}/{subject.id}/reply"
    assert client.post(url, data={"body": "Thank you, I will."}).status_code == 302
    comment = db.session.scalar(select(Comment))
    assert (comment.subject_type, comment.subject_id, comment.author_id) == (
        subject_type,
        subject.id,
        pupil.user.id,
    )
    assert "Thank you, I will." in client.get("/guidance").text


def test_an_empty_reply_is_refused(client, login, pupil, add_note):
    note = add_note(pupil)
    login(pupil.user)
    response = client.post(f"/guidance/note/{note.id}/reply", data={"body": " "})
    assert response.status_code == 422
    assert "Write something first." in response.text
    assert comments() == 0


def test_replies_only_to_the_pupils_own_things(client, login, make, school, pupil, add_note):
    other = add_note(make.pupil(school, first="Tom"))
    login(pupil.user)
    assert client.post(f"/guidance/note/{other.id}/reply", data={"body": "Hi"}).status_code == 404
    assert client.post(f"/guidance/badger/{other.id}/reply", data={"body": "Hi"}).status_code == 404
    assert comments() == 0


def test_the_pupil_answers_a_staff_comment_on_an_entry(client, login, make, pupil, tutor):
    entry = make.entry(pupil)
    operations.add_comment(pupil, "entry", entry, "What did you learn?", by=tutor)
    db.session.commit()
    login(pupil.user)
    response = client.post(f"/guidance/entry/{entry.id}/reply", data={"body": "Lots!"})
    assert response.status_code == 302
    from journal.guidance.queries import comments_on

    thread = comments_on("entry", entry.id, for_pupil=True)
    assert [c.body for c in thread] == ["What did you learn?", "Lots!"]


def test_comments_on_staff_only_records_are_hidden_from_the_pupil(pupil, add_note, adviser):
    from journal.guidance.queries import comments_on

    secret = add_note(pupil, visibility="staff")
    operations.add_comment(pupil, "note", secret, "Keep an eye on this.", by=adviser)
    db.session.commit()
    assert comments_on("note", secret.id, for_pupil=True) == []
    assert len(comments_on("note", secret.id, for_pupil=False)) == 1


def test_staff_cannot_use_the_pupils_routes(client, login, pupil, tutor, add_action):
    action = add_action(pupil)
    login(tutor)
    assert client.get("/guidance").status_code == 403
    assert client.post(f"/guidance/actions/{action.id}/done").status_code == 403
    db.session.refresh(action)
    assert action.status == "open"


ENTRY_INCLUDE = (
    '{% if not entry.is_draft %}{% with comments=comments_on("entry", entry.id, '
    'for_pupil=for_pupil), subject_type="entry", subject_id=entry.id %}'
    '{% include "guidance/_comments.html" %}{% endwith %}{% endif %}'
)


def render_entry_thread(app, login, client, user, **context) -> str:
    """The lines given for templates/passport/entry.html, rendered as ``user``."""
    from flask import render_template_string
    from flask_login import login_user

    with app.test_request_context():
        login_user(user)
        return render_template_string(ENTRY_INCLUDE, **context)


def test_the_entry_thread_partial(app, client, login, make, pupil, tutor):
    entry = make.entry(pupil)
    operations.add_comment(pupil, "entry", entry, "What did you **learn**?", by=tutor)
    db.session.commit()
    staff = render_entry_thread(
        app, login, client, tutor, entry=entry, pupil=pupil, for_pupil=False
    )
    assert "<strong>learn</strong>" in staff
    assert f'action="/pupils/{pupil.id}/entries/{entry.id}/comments"' in staff
    own = render_entry_thread(app, login, client, pupil.user, entry=entry, for_pupil=True)
    assert f'action="/guidance/entry/{entry.id}/reply"' in own
    assert f"Reply to {tutor.display_name}" in own
    draft = make.entry(pupil, state="draft")
    assert "form" not in render_entry_thread(
        app, login, client, pupil.user, entry=draft, for_pupil=True
    )
