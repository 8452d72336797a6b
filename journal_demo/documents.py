"""The demo pupil's documents: a two-page CV built from her passport, and a UCAS statement
draft, in her own words (``data/maya_documents.toml``). Called from ``journal_demo.school``
after her passport is written; also used by the export tests, the benchmark and the README
screenshots.

Each CV line that comes from the passport keeps the entry it was drawn from (``entry_id``,
``entry_ids``), found by what Maya wrote (the employer, organisation or title). An entry that
is not there (the passport was seeded on a date before it) is simply left unlinked.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from journal.accounts.models import User
from journal.accounts.operations import find_by_login
from journal.documents.models import CV, UCAS, Document
from journal.documents.operations import create_document
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.schools.models import Pupil

from .common import DEMO_PUPIL, data

_WORDS = data("maya_documents")
CV_TITLE: str = _WORDS["titles"]["cv"]
UCAS_TITLE: str = _WORDS["titles"]["ucas"]


def seed_documents(pupil: Pupil, user: User) -> list[Document]:
    """Give ``pupil`` (the demo pupil) a CV and a UCAS statement draft, written by ``user``
    (her own account). Seeding again adds nothing once she has any document."""
    if db.session.scalar(select(Document.id).where(Document.pupil_id == pupil.id).limit(1)):
        return []
    entries = _entries_by_name(pupil)
    return [
        create_document(pupil, kind=CV, title=CV_TITLE, by=user, content=maya_cv(pupil, entries)),
        create_document(pupil, kind=UCAS, title=UCAS_TITLE, by=user, content=maya_statement()),
    ]


def _entries_by_name(pupil: Pupil) -> dict[str, Entry]:
    """The pupil's saved entries by the name she gave each (employer, organisation or title);
    the earliest entry wins when two share a name."""
    found: dict[str, Entry] = {}
    query = (
        select(Entry)
        .where(Entry.pupil_id == pupil.id, Entry.state != "draft")
        .order_by(Entry.occurred_on, Entry.id)
    )
    for entry in db.session.scalars(query):
        content = entry.content
        name = content.get("employer") or content.get("organisation") or content.get("title")
        if name:
            found.setdefault(f"{entry.kind}:{name}", entry)
    return found


def _month(day: date) -> str:
    return f"{day:%B %Y}"


def maya_cv(pupil: Pupil, entries: dict[str, Entry]) -> dict:
    """Maya's CV content (see ``journal.documents.models``), in her own words, each line
    linked to the entry of ``entries`` (by "kind:name") it was drawn from."""
    cv = _WORDS["cv"]
    began = pupil.record_began_on.year
    years = {"began": began, "left": began + 5}
    return {
        "profile": cv["profile"],
        "education": [_education(item, entries, years) for item in cv["education"]],
        "experience": [_line(item, entries) for item in cv["experience"]],
        "skills": [_skill(item, entries) for item in cv["skills"]],
        "achievements": [_line(item, entries) for item in cv["achievements"]],
        "interests": cv["interests"],
        "references": cv["references"],
    }


def _when(item: dict, entry: Entry | None, **years: int) -> str:
    """A line's date: its ``when`` with the entry's month (or ``when_unlinked`` without it)."""
    if "entry" in item and entry is None:
        return item.get("when_unlinked", "")
    month = _month(entry.occurred_on) if entry else ""
    return item.get("when", "{month}").format(month=month, **years)


def _education(item: dict, entries: dict[str, Entry], years: dict[str, int]) -> dict:
    entry = entries.get(item["entry"]) if "entry" in item else None
    return {
        "what": item["what"],
        "where": item["where"],
        "when": _when(item, entry, **years),
        "grade": item["grade"].format(**years),
    }


def _line(item: dict, entries: dict[str, Entry]) -> dict:
    """An experience or achievement: heading, date and text, and the entry it came from."""
    entry = entries.get(item["entry"]) if "entry" in item else None
    return {
        "entry_id": entry.id if entry else None,
        "heading": item["heading"],
        "when": _when(item, entry),
        "text": item["text"],
    }


def _skill(item: dict, entries: dict[str, Entry]) -> dict:
    return {
        "skill": item["skill"],
        "text": item["text"],
        "entry_ids": [entry.id for key in item["entries"] if (entry := entries.get(key))],
    }


def maya_statement() -> dict:
    """A UCAS statement draft in Maya's voice (each answer over the 350-character minimum)."""
    return {"answers": list(_WORDS["statement"]["answers"])}


def seed_maya_documents() -> list[Document]:
    """``seed_documents`` for the demo pupil, Maya, when she exists (for ``seed_demo``)."""
    user = find_by_login(DEMO_PUPIL)
    if user is None or user.pupil is None:
        return []
    return seed_documents(user.pupil, user)


def maya_documents() -> tuple[Document, Document]:
    """The demo pupil's CV and UCAS statement (seeded and committed first if she has none)."""
    if seed_maya_documents():
        db.session.commit()
    user = find_by_login(DEMO_PUPIL)

    def find(kind: str) -> Document:
        return db.session.scalars(
            select(Document)
            .where(Document.pupil_id == user.pupil.id, Document.kind == kind)
            .order_by(Document.id)
        ).first()

    return find(CV), find(UCAS)
