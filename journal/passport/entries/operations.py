"""Writes to the passport: entries and their revisions. Flush, never commit.

The one writer of entries: ``record_entry`` for one (what a pupil's save does), and
``record_entries`` for many at once (staff recording a group activity, the demo, the
benchmarks), writing exactly the same rows in a few statements whatever their number.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from psycopg.types.json import Json
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from journal.accounts.models import User
from journal.calendar import today, utcnow
from journal.extensions import db
from journal.passport.entries.models import Entry, EntryRevision, entry_parents
from journal.passport.entries.queries import entry_by_client_id
from journal.reference import kinds
from journal.schools.models import Pupil

STATES = ("draft", "submitted", "signed", "returned")


def date_problem(pupil: Pupil, day: date | None, *, future_ok: bool = False) -> str | None:
    """Why ``day`` cannot be when something in this pupil's passport happened, or None.
    (``future_ok`` for the last day of a placement still going on.)"""
    if day is None:
        return None
    if day > today() and not future_ok:
        return "That date is in the future. Choose the day it happened."
    if day < pupil.record_began_on:
        began = f"{pupil.record_began_on:%-d %B %Y}"
        return f"Your passport starts on {began}. Choose a date on or after that."
    return None


def record_entry(
    pupil: Pupil,
    *,
    kind: str,
    client_id: str,
    content: dict,
    state: str,
    author: User,
    source: str = kinds.PUPIL,
    parent: Entry | None = None,
) -> tuple[Entry, bool]:
    """Create an entry with its first revision; return ``(entry, created)``. A diary day
    passes the workplace experience it belongs to as ``parent``.

    A second submission with the same client id (a double tap, a replayed offline save) finds
    the entry already stored and returns it unchanged, even if the two race each other.
    """
    existing = entry_by_client_id(pupil, client_id)
    if existing is not None:
        return existing, False
    entry = Entry(
        pupil_id=pupil.id,
        kind=kind,
        client_id=client_id,
        state=_checked(state),
        shared_with_family=pupil.school.family_sharing_default,
        source=source,
        created_by_id=author.id,
        parent=parent,
    )
    _copy_summary(entry, kind, content)
    try:
        with db.session.begin_nested():
            db.session.add(entry)
            db.session.flush()
    except IntegrityError:
        return entry_by_client_id(pupil, client_id), False
    _add_revision(entry, content, author, number=1)
    return entry, True


def revise_entry(entry: Entry, *, content: dict, state: str, author: User) -> bool:
    """Save new content as a new revision (revisions are never edited); return whether one was
    written. Saving exactly what is already there writes nothing new but can change the state
    (a signed entry saved unchanged stays signed). New content on a signed or returned entry
    is submitted again: it needs signing again, and the signed revision stays in the history."""
    unchanged = entry.current_revision is not None and entry.current_revision.content == content
    if unchanged and entry.state == "signed" and state == "submitted":
        return False
    entry.state = _checked(state)
    entry.updated_at = utcnow()
    if unchanged:
        return False
    _copy_summary(entry, entry.kind, content)
    _add_revision(entry, content, author, number=entry.revision_count + 1)
    return True


def save_entry(
    pupil: Pupil,
    *,
    kind: str,
    client_id: str,
    content: dict,
    state: str,
    author: User,
    shared_with_family: bool,
    attachments: list | None = None,
    parent: Entry | None = None,
) -> tuple[Entry, bool]:
    """What the new-entry pages do: record the entry or, when this client id is a draft already
    (saved as the pupil typed, or an earlier "Save as draft"), carry on with that draft.
    A client id that is already a saved entry is a replay: it returns the entry unchanged.
    Returns ``(entry, changed)``."""
    content = content | {"attachments": [a.as_content() for a in attachments or []]}
    existing = entry_by_client_id(pupil, client_id)
    if existing is not None and not existing.is_draft:
        return existing, False
    if existing is None:
        entry, changed = record_entry(
            pupil,
            kind=kind,
            client_id=client_id,
            content=content,
            state=state,
            author=author,
            parent=parent,
        )
        if not changed:  # lost a race with a replay of the same entry: its files stay unclaimed
            return entry, False
    else:
        entry = existing
        changed = revise_entry(entry, content=content, state=state, author=author)
    entry.shared_with_family = shared_with_family
    _claim(attachments or [], entry)
    return entry, changed


def change_entry(
    entry: Entry,
    *,
    content: dict,
    state: str,
    author: User,
    shared_with_family: bool,
    attachments: list | None = None,
) -> bool:
    """An edit of an existing entry: a new revision if anything changed."""
    content = content | {"attachments": [a.as_content() for a in attachments or []]}
    changed = revise_entry(entry, content=content, state=state, author=author)
    entry.shared_with_family = shared_with_family
    _claim(attachments or [], entry)
    return changed


def _claim(attachments: list, entry: Entry) -> None:
    for attachment in attachments:
        attachment.entry_id = entry.id


def _add_revision(entry: Entry, content: dict, author: User, *, number: int) -> EntryRevision:
    revision = EntryRevision(entry_id=entry.id, number=number, content=content, author_id=author.id)
    db.session.add(revision)
    db.session.flush()
    entry.current_revision = revision
    db.session.flush()
    return revision


def _checked(state: str) -> str:
    if state not in STATES:
        raise ValueError(f"unknown entry state {state!r}")
    return state


def _copy_summary(entry: Entry, kind: str, content: dict) -> None:
    for name, value in _summary(kind, content).items():
        setattr(entry, name, value)


def _summary(kind: str, content: dict) -> dict:
    """The columns that mirror the revision: the day, the category and the benchmark."""
    return {
        "occurred_on": date.fromisoformat(content["occurred_on"]),
        "category": kinds.category_of_entry(kind, content),
        "benchmark": kinds.benchmark_of_entry(kind, content),
    }


# --- many entries at once ---------------------------------------------------------------------


@dataclass
class NewEntry:
    """One entry for :func:`record_entries`, with the content of its first revision. ``id`` and
    ``revision_id`` are filled in when it is written. A diary day names its workplace
    experience as ``parent``: one already written, or one earlier in the same call."""

    pupil_id: int
    kind: str
    content: dict
    author_id: int | None  # the revision's author, and who created the entry
    shared_with_family: bool
    state: str = "submitted"
    source: str = kinds.PUPIL
    client_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    written_at: datetime | None = None  # created (and last updated); now if None
    parent: NewEntry | None = None
    id: int | None = None
    revision_id: int | None = None


def record_entries(new: Sequence[NewEntry]) -> Sequence[NewEntry]:
    """Write many entries (any number of pupils) with their first revision: the same rows as
    :func:`record_entry`, in a few statements whatever their number (the entries, their
    revisions, the entries' current revision, the diary days' links; on PostgreSQL the rows
    go by COPY, with ids drawn from the sequences first). Returns ``new`` with
    ``id`` and ``revision_id`` filled in. Unlike ``record_entry`` it does not look for an
    entry already stored under a client id: give it new entries only."""
    if not new:
        return new
    now = utcnow()
    entry_rows = [_entry_row(e, e.written_at or now) for e in new]
    if db.session.get_bind().dialect.name == "postgresql":
        _copy_entries(new, entry_rows, now)
    else:
        _insert_entries(new, entry_rows, now)
    first = (
        select(EntryRevision.id)
        .where(EntryRevision.entry_id == Entry.id, EntryRevision.number == 1)
        .scalar_subquery()
    )
    db.session.execute(
        update(Entry)
        .where(Entry.id.in_([e.id for e in new]))
        .values(current_revision_id=first, updated_at=Entry.updated_at),
        execution_options={"synchronize_session": False},
    )
    links = [{"entry_id": e.id, "parent_id": e.parent.id} for e in new if e.parent is not None]
    if links:
        db.session.execute(insert(entry_parents), links)
    return new


def _revision_row(new: NewEntry, now: datetime) -> dict:
    return {
        "entry_id": new.id,
        "number": 1,
        "content": new.content,
        "author_id": new.author_id,
        "created_at": new.written_at or now,
    }


def _insert_entries(new: Sequence[NewEntry], entry_rows: list[dict], now: datetime) -> None:
    """The entries and their revisions, an INSERT of many rows each (a page of a thousand)."""
    # RETURNING without sort_by_parameter_order (which SQLite can only do a row at a time), so
    # each row is matched by its unique key: (pupil, client id), and a revision by its entry.
    # ``render_nulls``: a row with no category (a diary day) keeps its NULLs rather than
    # starting a new batch, so the rows go in pages of a thousand whatever their kinds.
    written = db.session.execute(
        insert(Entry).returning(Entry.id, Entry.pupil_id, Entry.client_id),
        entry_rows,
        execution_options={"render_nulls": True},
    )
    entry_of = {(pupil_id, client_id): entry_id for entry_id, pupil_id, client_id in written}
    for e in new:
        e.id = entry_of[e.pupil_id, e.client_id]
    revisions = db.session.execute(
        insert(EntryRevision).returning(EntryRevision.id, EntryRevision.entry_id),
        [_revision_row(e, now) for e in new],
        execution_options={"render_nulls": True},
    )
    revision_of = {entry_id: revision_id for revision_id, entry_id in revisions}
    for e in new:
        e.revision_id = revision_of[e.id]


def _copy_entries(new: Sequence[NewEntry], entry_rows: list[dict], now: datetime) -> None:
    """The same rows on PostgreSQL: ids drawn from the tables' sequences, then the rows sent
    with COPY, many times faster than an INSERT of as many rows (measured: see README)."""
    for e, entry_id in zip(new, _next_ids(Entry, len(new)), strict=True):
        e.id = entry_id
    _copy(Entry, [row | {"id": e.id} for e, row in zip(new, entry_rows, strict=True)])
    for e, revision_id in zip(new, _next_ids(EntryRevision, len(new)), strict=True):
        e.revision_id = revision_id
    revisions = [_revision_row(e, now) | {"id": e.revision_id} for e in new]
    _copy(EntryRevision, [row | {"content": Json(row["content"])} for row in revisions])


def _next_ids(model, count: int) -> list[int]:
    sequence = func.pg_get_serial_sequence(model.__tablename__, "id")
    query = select(func.nextval(sequence)).select_from(func.generate_series(1, count))
    return list(db.session.scalars(query))


def _copy(model, rows: list[dict]) -> None:
    """``COPY`` the rows (each with the same keys) into the model's table, in this session's
    transaction."""
    columns = list(rows[0])
    cursor = db.session.connection().connection.driver_connection.cursor()
    names = ", ".join(columns)
    with cursor.copy(f"COPY {model.__tablename__} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def _entry_row(new: NewEntry, at: datetime) -> dict:
    return {
        "pupil_id": new.pupil_id,
        "kind": new.kind,
        "client_id": new.client_id,
        "state": _checked(new.state),
        "shared_with_family": new.shared_with_family,
        "source": new.source,
        "created_by_id": new.author_id,
        "created_at": at,
        "updated_at": at,
        **_summary(new.kind, new.content),
    }
