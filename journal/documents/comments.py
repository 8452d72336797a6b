"""Feedback on a CV or statement: staff comment on a section, the pupil answers, either of them
resolves the thread (and can reopen it). Writes flush and never commit; the caller commits.

A thread is a first comment (``reply_to_id`` is None) and its replies; a reply to a reply joins
the same thread. Only the first comment carries the resolved mark."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from journal.accounts.models import User
from journal.calendar import utcnow
from journal.extensions import db

from .counting import normalise
from .models import Document, DocumentComment, sections_of

MAX_COMMENT = 5000


class CommentError(ValueError):
    """Why a comment cannot be saved, in words for the person who wrote it."""


@dataclass
class Thread:
    first: DocumentComment
    replies: list[DocumentComment] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.first.resolved_at is not None

    @property
    def id(self) -> int:
        return self.first.id


def clean_body(body: str | None) -> str:
    """The comment as stored, or ``CommentError`` if it is empty or far too long."""
    body = normalise(body).strip()
    if not body:
        raise CommentError("Write your comment first.")
    if len(body) > MAX_COMMENT:
        raise CommentError(f"Please keep a comment under {MAX_COMMENT:,} characters.")
    return body


def add_comment(document: Document, *, section: str, body: str, by: User) -> DocumentComment:
    """Start a thread on ``section`` (a key of ``sections_of(document.kind)``)."""
    if section not in sections_of(document.kind):
        raise CommentError("Choose a part of the document to comment on.")
    return _save(document, section=section, body=body, by=by, reply_to=None)


def reply(thread_start: DocumentComment, *, body: str, by: User) -> DocumentComment:
    """Answer in the thread of ``thread_start`` (a reply to a reply joins the same thread)."""
    first = thread_of(thread_start)
    document = db.session.get(Document, first.document_id)
    return _save(document, section=first.section, body=body, by=by, reply_to=first)


def _save(document, *, section, body, by, reply_to) -> DocumentComment:
    comment = DocumentComment(
        document_id=document.id,
        section=section,
        reply_to_id=reply_to.id if reply_to else None,
        version_number=document.version_count,
        body=clean_body(body),
        author_id=by.id,
        author_name=by.display_name,
    )
    db.session.add(comment)
    db.session.flush()
    return comment


def thread_of(comment: DocumentComment) -> DocumentComment:
    """The first comment of ``comment``'s thread."""
    if comment.reply_to_id is None:
        return comment
    return db.session.get(DocumentComment, comment.reply_to_id)


def resolve(comment: DocumentComment, *, by: User) -> DocumentComment:
    """Mark the thread resolved (again resolving keeps the first time)."""
    first = thread_of(comment)
    if first.resolved_at is None:
        first.resolved_at = utcnow()
        first.resolved_by_id = by.id
    db.session.flush()
    return first


def reopen(comment: DocumentComment) -> DocumentComment:
    first = thread_of(comment)
    first.resolved_at = None
    first.resolved_by_id = None
    db.session.flush()
    return first


def comments_for(document: Document) -> dict[str, list[Thread]]:
    """Section → its threads, oldest first, each with its replies in order (one query)."""
    query = (
        select(DocumentComment)
        .where(DocumentComment.document_id == document.id)
        .order_by(DocumentComment.id)
    )
    threads: dict[int, Thread] = {}
    by_section: dict[str, list[Thread]] = defaultdict(list)
    for comment in db.session.scalars(query):
        if comment.reply_to_id is None:
            threads[comment.id] = Thread(comment)
            by_section[comment.section].append(threads[comment.id])
        elif comment.reply_to_id in threads:
            threads[comment.reply_to_id].replies.append(comment)
    return dict(by_section)


def open_count(threads: dict[str, list[Thread]]) -> int:
    """How many threads are not resolved yet."""
    return sum(not thread.resolved for section in threads.values() for thread in section)
