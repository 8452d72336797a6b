"""Documents built from the passport: CVs and personal statements.

A ``Document`` is one CV or statement ("CV for a Saturday job", "UCAS statement"); its content
lives in ``DocumentVersion`` rows, written once and never edited, numbered from 1, so the
history shows every saved version. ``DocumentComment`` is staff feedback anchored to one
section, with the pupil's replies threaded under it and a resolved mark.

Content of a version, by kind (``content`` is JSON; every text is plain text, never markup):

CV (``kind == "cv"``)::

    {"profile": str,                       # personal profile, a short paragraph
     "education": [{"what": str, "where": str, "when": str, "grade": str}],
     "experience": [{"entry_id": int | None, "heading": str, "when": str, "text": str}],
     "skills": [{"skill": str, "text": str, "entry_ids": [int]}],
     "achievements": [{"entry_id": int | None, "heading": str, "when": str, "text": str}],
     "interests": str,
     "references": str}                     # "References available on request" by default

UCAS statement (``kind == "ucas"``)::

    {"answers": [str, str, str]}           # the three questions, in order

Free-form statement (``kind == "statement"``)::

    {"text": str}

Statement texts are stored normalised (NFC, line breaks as LF) so the count shown while typing,
the stored text and the plain-text export agree to the character.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime

CV = "cv"
UCAS = "ucas"
STATEMENT = "statement"
KINDS = {
    CV: "CV",
    UCAS: "UCAS personal statement",
    STATEMENT: "Personal statement",
}

CV_SECTIONS = {
    "profile": "Personal profile",
    "education": "Education and qualifications",
    "experience": "Experience",
    "skills": "Skills",
    "achievements": "Achievements",
    "interests": "Interests",
    "references": "References",
}
UCAS_SECTIONS = {"answer-1": "Question 1", "answer-2": "Question 2", "answer-3": "Question 3"}
STATEMENT_SECTIONS = {"text": "Statement"}
# "whole" anchors a comment to the document as a whole.
WHOLE = "whole"


def sections_of(kind: str) -> dict[str, str]:
    found = {CV: CV_SECTIONS, UCAS: UCAS_SECTIONS, STATEMENT: STATEMENT_SECTIONS}[kind]
    return {WHOLE: "The whole document", **found}


def empty_content(kind: str) -> dict:
    if kind == CV:
        return {
            "profile": "",
            "education": [],
            "experience": [],
            "skills": [],
            "achievements": [],
            "interests": "",
            "references": "References available on request",
        }
    if kind == UCAS:
        return {"answers": ["", "", ""]}
    return {"text": ""}


class Document(db.Model):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_pupil_updated", "pupil_id", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    # Free-form statements: the character limit the pupil sets (None: no limit).
    char_limit: Mapped[int | None]
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_versions.id", use_alter=True)
    )
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    pupil = relationship("Pupil")
    current_version: Mapped[DocumentVersion | None] = relationship(
        foreign_keys=[current_version_id], post_update=True
    )

    @property
    def content(self) -> dict:
        if self.current_version is None:
            return empty_content(self.kind)
        return self.current_version.content

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def version_count(self) -> int:
        return self.current_version.number if self.current_version else 0

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.kind} {self.title!r}>"


class DocumentVersion(db.Model):
    """One saved version of a document's content. Written once, never updated."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[int]
    content: Mapped[dict] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author = relationship("User")


class DocumentComment(db.Model):
    """Feedback on a document, anchored to a section (a key of ``sections_of(kind)``).

    A comment with ``reply_to_id`` is an answer in the thread of that comment. Only a thread's
    first comment is resolved (by the pupil or by staff); resolving closes the whole thread."""

    __tablename__ = "document_comments"
    __table_args__ = (Index("ix_document_comments_document", "document_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    section: Mapped[str] = mapped_column(String(40))
    reply_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_comments.id", ondelete="CASCADE")
    )
    # The version the comment was written against, so "on version 3" can be shown.
    version_number: Mapped[int] = mapped_column(default=0)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    author = relationship("User", foreign_keys=[author_id])
