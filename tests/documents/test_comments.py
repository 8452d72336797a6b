"""Feedback on a statement (and a CV): staff comment on a section, the pupil answers and
resolves, resolved threads fold away; each post goes back to the section it came from."""

# ruff: noqa: F811 (fixtures imported from statement_support are parameters here)
from __future__ import annotations

import pytest

from journal.documents import comments
from journal.documents.models import DocumentComment
from journal.extensions import db

from .statement_support import (  # noqa: F401
    counting_queries,
    free,
    group,
    pupil,
    school,
    tutor,
    ucas,
)


def all_comments() -> list[DocumentComment]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(DocumentComment).order_by(DocumentComment.id)))


def test_staff_comment_on_a_section_and_land_back_there(client, login, pupil, tutor, ucas):
    login(tutor)
    response = client.post(
        f"/documents/{ucas.id}/comments",
        data={"section": "answer-2", "body": "Say more about <i>biology</i>."},
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"/pupils/{pupil.id}/documents/{ucas.id}/statement#comments-answer-2"
    )
    [comment] = all_comments()
    assert (comment.section, comment.author_name, comment.version_number) == (
        "answer-2",
        "Ms Rahman",
        1,
    )
    page = client.get(f"/pupils/{pupil.id}/documents/{ucas.id}/statement").text
    assert 'id="comments-answer-2"' in page
    assert "Say more about &lt;i&gt;biology&lt;/i&gt;." in page


def test_the_pupil_answers_and_resolves_and_it_folds_away(client, login, pupil, tutor, ucas):
    first = comments.add_comment(ucas, section="answer-1", body="Why this course?", by=tutor)
    db.session.commit()
    login(pupil.user)
    page = client.get(f"/documents/{ucas.id}/statement").text
    assert "Why this course?" in page and "Ms Rahman" in page
    response = client.post(
        f"/documents/{ucas.id}/comments", data={"reply_to": first.id, "body": "Because of vets."}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"/documents/{ucas.id}/statement#comments-answer-1"
    )
    reply = all_comments()[1]
    assert (reply.reply_to_id, reply.section) == (first.id, "answer-1")
    response = client.post(f"/documents/comments/{first.id}/resolve")
    assert response.headers["Location"].endswith("#comments-answer-1")
    db.session.expire_all()
    assert first.resolved_at is not None and first.resolved_by_id == pupil.user.id
    page = client.get(f"/documents/{ucas.id}/statement").text
    assert "Resolved comments</span> (1)" in page or "Resolved comments (1)" in page
    folded = page.split('class="comments-resolved"')[1].split("</details>")[0]
    assert "Why this course?" in folded and "Because of vets." in folded
    client.post(f"/documents/comments/{reply.id}/resolve", data={"action": "reopen"})
    db.session.expire_all()
    assert first.resolved_at is None


def test_a_reply_to_a_reply_joins_the_same_thread(pupil, tutor, ucas):
    first = comments.add_comment(ucas, section="whole", body="Good start", by=tutor)
    answer = comments.reply(first, body="Thanks", by=pupil.user)
    again = comments.reply(answer, body="Now shorten it", by=tutor)
    assert again.reply_to_id == first.id
    threads = comments.comments_for(ucas)
    assert [c.body for c in threads["whole"][0].replies] == ["Thanks", "Now shorten it"]


def test_comments_for_is_one_query_for_any_number(pupil, tutor, ucas):
    for n in range(6):
        first = comments.add_comment(ucas, section=f"answer-{n % 3 + 1}", body=f"c{n}", by=tutor)
        comments.reply(first, body="r", by=pupil.user)
    db.session.commit()
    db.session.expire_all()
    assert ucas.id  # loaded before counting
    with counting_queries() as statements:
        threads = comments.comments_for(ucas)
    assert len([s for s in statements if s.startswith("SELECT")]) == 1
    assert sorted(threads) == ["answer-1", "answer-2", "answer-3"]
    assert [len(t.replies) for t in threads["answer-1"]] == [1, 1]
    assert comments.open_count(threads) == 6


def test_an_empty_comment_is_refused_with_the_form_again(client, login, tutor, ucas):
    login(tutor)
    response = client.post(
        f"/documents/{ucas.id}/comments", data={"section": "answer-3", "body": "   "}
    )
    assert response.status_code == 422
    assert "Write your comment first." in response.text
    assert 'value="answer-3"' in response.text
    assert all_comments() == []


def test_a_too_long_comment_keeps_what_was_typed(client, login, tutor, ucas):
    login(tutor)
    body = "Feedback " * 700
    response = client.post(
        f"/documents/{ucas.id}/comments", data={"section": "whole", "body": body}
    )
    assert response.status_code == 422
    assert body.strip() in response.text


@pytest.mark.parametrize("section", ["text", "profile", "", "answer-4"])
def test_a_section_must_belong_to_the_kind(client, login, tutor, ucas, section):
    login(tutor)
    response = client.post(f"/documents/{ucas.id}/comments", data={"section": section, "body": "x"})
    assert response.status_code == 422
    assert all_comments() == []


def test_a_cv_section_can_be_commented_on(client, login, make, pupil, tutor):
    cv = make.document(pupil, kind="cv", title="CV")
    login(tutor)
    response = client.post(
        f"/documents/{cv.id}/comments", data={"section": "skills", "body": "Add one"}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"/pupils/{pupil.id}/documents/{cv.id}/cv#comments-skills"
    )


def test_people_outside_cannot_comment_or_resolve(client, login, make, school, group, tutor, ucas):
    first = comments.add_comment(ucas, section="whole", body="Hi", by=tutor)
    other = make.document(make.pupil(school, group, first="Tom"), kind="ucas", title="T")
    mine = comments.add_comment(other, section="whole", body="Hi", by=tutor)
    stranger = make.user(make.school("Elsewhere"))
    login(stranger)
    assert (
        client.post(
            f"/documents/{ucas.id}/comments", data={"section": "whole", "body": "x"}
        ).status_code
        == 404
    )
    assert client.post(f"/documents/comments/{first.id}/resolve").status_code == 404
    login(other.pupil.user)
    assert (
        client.post(
            f"/documents/{ucas.id}/comments", data={"section": "whole", "body": "x"}
        ).status_code
        == 404
    )
    assert client.post(f"/documents/comments/{first.id}/resolve").status_code == 404
    # A reply must be to a comment on the same document.
    assert (
        client.post(
            f"/documents/{other.id}/comments", data={"reply_to": first.id, "body": "x"}
        ).status_code
        == 404
    )
    assert client.post(f"/documents/comments/{mine.id}/resolve").status_code == 303
