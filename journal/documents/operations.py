"""Changing documents: create one, save a version, archive. Callers commit."""

from __future__ import annotations

from journal.accounts.models import User
from journal.calendar import utcnow
from journal.extensions import db
from journal.schools.models import Pupil

from .models import KINDS, Document, DocumentVersion, empty_content


def create_document(
    pupil: Pupil,
    *,
    kind: str,
    title: str,
    by: User,
    char_limit: int | None = None,
    content: dict | None = None,
) -> Document:
    """A new CV or statement with its first version (empty unless ``content`` is given)."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    document = Document(pupil_id=pupil.id, kind=kind, title=title.strip(), char_limit=char_limit)
    document.pupil = pupil
    db.session.add(document)
    db.session.flush()
    save_version(document, content if content is not None else empty_content(kind), by=by)
    return document


def save_version(document: Document, content: dict, *, by: User) -> DocumentVersion:
    """Save ``content`` as the document's next version; saving what is already there writes
    nothing and returns the current version (so a double press makes one version)."""
    current = document.current_version
    if current is not None and current.content == content:
        return current
    number = (current.number if current is not None else 0) + 1
    version = DocumentVersion(document_id=document.id, number=number, content=content)
    version.author_id = by.id
    db.session.add(version)
    db.session.flush()
    document.current_version = version
    document.updated_at = utcnow()
    db.session.flush()
    return version


def rename_document(document: Document, *, title: str, char_limit: int | None = None) -> None:
    document.title = title.strip()
    if document.kind == "statement":
        document.char_limit = char_limit
    document.updated_at = utcnow()
