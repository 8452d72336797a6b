"""Staff record interviews, advice, decisions and actions for pupils in their scope."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.calendar import today
from journal.extensions import db
from journal.guidance.models import Action, Comment, GuidanceInterview, GuidanceNote


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def audited(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def interview_form(adviser, **changes) -> dict:
    form = {
        "adviser": str(adviser.id),
        "held_on": (today() - timedelta(days=2)).isoformat(),
        "place": "Careers office",
        "notes": "Talked about animals.",
        "advice": "Look at **animal care** courses.",
        "decisions": "Apply to Riverside College\n\nVisit a farm",
        "actions-0-what": "Book the open day",
        "actions-0-owner_kind": "pupil",
        "actions-0-owner_user": "",
        "actions-0-owner_name": "",
        "actions-0-due_on": (today() + timedelta(days=10)).isoformat(),
        "actions-1-what": "",
        "actions-1-owner_kind": "pupil",
        "visibility": "pupil_family",
    }
    return form | changes


def test_guidance_page_is_audited_and_lists_everything(client, login, pupil, adviser, add_note):
    add_note(pupil, "Think about sixth form.", visibility="staff")
    login(adviser)
    page = client.get(f"/pupils/{pupil.id}/guidance")
    assert page.status_code == 200
    assert "Think about sixth form." in page.text
    assert "Staff only" in page.text
    [event] = audited("pupil_guidance_opened")
    assert (event.actor_id, event.pupil_id) == (adviser.id, pupil.id)


def test_recording_an_interview_with_decisions_and_an_action(client, login, pupil, adviser):
    login(adviser)
    form = client.get(f"/pupils/{pupil.id}/guidance/interviews/new")
    assert form.status_code == 200
    assert f'<option selected value="{adviser.id}">' in form.text or "selected" in form.text
    response = client.post(
        f"/pupils/{pupil.id}/guidance/interviews/new", data=interview_form(adviser)
    )
    assert response.status_code == 302
    interview = db.session.scalar(select(GuidanceInterview))
    assert (interview.adviser_name, interview.place, interview.created_by_id) == (
        "Ada Adviser",
        "Careers office",
        adviser.id,
    )
    decisions = db.session.scalars(select(GuidanceNote).order_by(GuidanceNote.id)).all()
    assert [(d.kind, d.text, d.interview_id) for d in decisions] == [
        ("decision", "Apply to Riverside College", interview.id),
        ("decision", "Visit a farm", interview.id),
    ]
    [action] = db.session.scalars(select(Action)).all()  # the empty row is left out
    assert (action.what, action.owner_kind, action.interview_id) == (
        "Book the open day",
        "pupil",
        interview.id,
    )
    assert audited("guidance_interview_recorded")
    assert len(audited("guidance_note_added")) == 2
    assert audited("guidance_action_added")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_on": (today() + timedelta(days=1)).isoformat()}, "cannot be in the future"),
        ({"held_on": "2019-01-01"}, "before this pupil&#39;s record began"),
        ({"held_on": ""}, "Enter a date"),
        ({"actions-0-owner_kind": "agency"}, "Give the agency"),
        ({"actions-0-owner_kind": "staff"}, "Choose the member of staff"),
    ],
)
def test_interview_mistakes_are_shown_beside_fields(
    client, login, pupil, adviser, changes, message
):
    login(adviser)
    response = client.post(
        f"/pupils/{pupil.id}/guidance/interviews/new", data=interview_form(adviser, **changes)
    )
    assert response.status_code == 422
    assert message in response.text
    assert 'class="error"' in response.text and 'class="error-summary"' in response.text
    assert "Talked about animals." in response.text  # everything typed is kept
    assert "Book the open day" in response.text
    assert count(GuidanceInterview) == count(GuidanceNote) == count(Action) == 0


def test_adding_advice(client, login, pupil, tutor):
    login(tutor)
    assert client.get(f"/pupils/{pupil.id}/guidance/notes/new?kind=decision").status_code == 200
    response = client.post(
        f"/pupils/{pupil.id}/guidance/notes/new",
        data={
            "kind": "advice",
            "text": "Try the taster day.",
            "interview": "",
            "visibility": "pupil",
        },
    )
    assert response.status_code == 302
    note = db.session.scalar(select(GuidanceNote))
    assert (note.kind, note.text, note.visibility, note.author_id) == (
        "advice",
        "Try the taster day.",
        "pupil",
        tutor.id,
    )
    assert note.created_at is not None


def test_advice_without_text_is_refused_and_kept(client, login, pupil, adviser):
    login(adviser)
    response = client.post(
        f"/pupils/{pupil.id}/guidance/notes/new",
        data={"kind": "decision", "text": "  ", "interview": "", "visibility": "staff"},
    )
    assert response.status_code == 422
    assert "Write the advice or decision." in response.text
    assert re.search(r'<input checked[^>]*value="staff"', response.text)
    assert count(GuidanceNote) == 0


def test_adding_an_action_for_a_member_of_staff(client, login, pupil, adviser, tutor):
    login(adviser)
    page = client.get(f"/pupils/{pupil.id}/guidance/actions/new")
    assert "Tim Tutor" in page.text
    response = client.post(
        f"/pupils/{pupil.id}/guidance/actions/new",
        data={
            "action-what": "Ring the college",
            "action-owner_kind": "staff",
            "action-owner_user": str(tutor.id),
            "action-owner_name": "",
            "action-due_on": "2026-12-01",
            "visibility": "pupil_family",
        },
    )
    assert response.status_code == 302
    action = db.session.scalar(select(Action))
    assert (action.owner_user_id, action.owner_name, action.status) == (
        tutor.id,
        "Tim Tutor",
        "open",
    )
    assert action.created_by_id == adviser.id


def test_an_action_needs_what_and_keeps_the_rest(client, login, pupil, adviser):
    login(adviser)
    response = client.post(
        f"/pupils/{pupil.id}/guidance/actions/new",
        data={
            "action-what": "",
            "action-owner_kind": "agency",
            "action-owner_user": "",
            "action-owner_name": "Connexions",
            "action-due_on": "",
            "visibility": "pupil_family",
        },
    )
    assert response.status_code == 422
    assert 'id="action-what-error"' in response.text  # beside the field
    assert 'href="#action-what">Say what needs to happen.' in response.text  # and in the summary
    assert 'value="Connexions"' in response.text
    assert count(Action) == 0


def test_changing_an_actions_status_is_recorded(client, login, pupil, adviser, add_action):
    action = add_action(pupil)
    login(adviser)
    response = client.post(
        f"/pupils/{pupil.id}/guidance/actions/{action.id}/status", data={"status": "not_needed"}
    )
    assert response.status_code == 302
    db.session.refresh(action)
    assert (action.status, action.status_changed_by_id) == ("not_needed", adviser.id)
    assert action.status_changed_at is not None
    [event] = audited("guidance_action_status_changed")
    assert event.detail == {"action_id": action.id, "before": "open", "after": "not_needed"}


def test_a_bad_status_changes_nothing(client, login, pupil, adviser, add_action):
    action = add_action(pupil)
    login(adviser)
    response = client.post(
        f"/pupils/{pupil.id}/guidance/actions/{action.id}/status", data={"status": "lost"}
    )
    assert response.status_code == 400
    db.session.refresh(action)
    assert action.status == "open"


def test_another_pupils_action_is_not_found(
    client, login, make, school, pupil, adviser, add_action
):
    other = make.pupil(school, first="Tom")
    action = add_action(other)
    login(adviser)
    response = client.post(
        f"/pupils/{pupil.id}/guidance/actions/{action.id}/status", data={"status": "done"}
    )
    assert response.status_code == 404
    db.session.refresh(action)
    assert action.status == "open"


# --- refusals ---------------------------------------------------------------------------------

NOTE = {"kind": "advice", "text": "Sneaky", "interview": "", "visibility": "pupil_family"}


def test_a_pupil_cannot_post_to_staff_routes(client, login, pupil, add_action):
    action = add_action(pupil)
    login(pupil.user)
    assert client.post(f"/pupils/{pupil.id}/guidance/notes/new", data=NOTE).status_code == 403
    status = f"/pupils/{pupil.id}/guidance/actions/{action.id}/status"
    assert client.post(status, data={"status": "not_needed"}).status_code == 403
    assert client.get(f"/pupils/{pupil.id}/guidance").status_code == 403
    assert count(GuidanceNote) == 0
    db.session.refresh(action)
    assert action.status == "open"


def test_a_family_member_is_refused(client, login, make, school, pupil):
    login(make.user(school, Role.FAMILY))
    assert client.get(f"/pupils/{pupil.id}/guidance").status_code == 403
    assert client.post(f"/pupils/{pupil.id}/guidance/notes/new", data=NOTE).status_code == 403
    assert client.get("/guidance").status_code == 403
    assert count(GuidanceNote) == 0


def test_a_tutor_outside_the_pupils_group_finds_nothing(client, login, make, school, pupil):
    login(make.user(school, Role.TUTOR))
    assert client.get(f"/pupils/{pupil.id}/guidance").status_code == 404
    assert client.post(f"/pupils/{pupil.id}/guidance/notes/new", data=NOTE).status_code == 404
    assert count(GuidanceNote) == 0


def test_staff_of_another_school_find_nothing(client, login, make, pupil):
    login(make.user(make.school("Elsewhere"), Role.CAREERS_LEADER))
    assert client.get(f"/pupils/{pupil.id}/guidance").status_code == 404
    assert client.post(f"/pupils/{pupil.id}/guidance/notes/new", data=NOTE).status_code == 404
    assert count(GuidanceNote) == 0


def test_only_careers_staff_record_interviews(client, login, make, school, pupil, tutor, adviser):
    login(tutor)
    url = f"/pupils/{pupil.id}/guidance/interviews/new"
    assert client.get(url).status_code == 403
    assert client.post(url, data=interview_form(adviser)).status_code == 403
    assert count(GuidanceInterview) == 0


def test_school_admins_read_but_do_not_write(client, login, make, school, pupil):
    login(make.user(school, Role.SCHOOL_ADMIN))
    assert client.get(f"/pupils/{pupil.id}/guidance").status_code == 200
    assert client.post(f"/pupils/{pupil.id}/guidance/notes/new", data=NOTE).status_code == 403
    assert count(GuidanceNote) == 0


# --- comments on entries ----------------------------------------------------------------------


def test_staff_comment_on_an_entry(client, login, make, pupil, tutor):
    entry = make.entry(pupil)
    db.session.commit()
    login(tutor)
    url = f"/pupils/{pupil.id}/entries/{entry.id}/comments"
    assert client.post(url, data={"body": "Great detail here!"}).status_code == 302
    comment = db.session.scalar(select(Comment))
    assert (comment.subject_type, comment.subject_id, comment.author_id) == (
        "entry",
        entry.id,
        tutor.id,
    )
    assert audited("guidance_comment_added")


def test_an_empty_comment_is_refused(client, login, make, pupil, tutor):
    entry = make.entry(pupil)
    db.session.commit()
    login(tutor)
    response = client.post(f"/pupils/{pupil.id}/entries/{entry.id}/comments", data={"body": ""})
    assert response.status_code == 422
    assert "Write something first." in response.text
    assert count(Comment) == 0


def test_no_comments_on_drafts_or_other_pupils_entries(client, login, make, school, pupil, tutor):
    draft = make.entry(pupil, state="draft")
    other = make.entry(make.pupil(school, first="Tom"))
    db.session.commit()
    login(tutor)
    for entry in (draft, other):
        url = f"/pupils/{pupil.id}/entries/{entry.id}/comments"
        assert client.post(url, data={"body": "Hi"}).status_code == 404
    assert count(Comment) == 0
