"""Reads of passport entries. Every read starts from a pupil already in the reader's scope
(the pupil themself, or ``journal.schools.queries.pupil_for`` for staff)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload, selectinload

from journal.calendar import school_year_bounds, school_year_label, school_year_of, today
from journal.extensions import db
from journal.passport.entries.models import Entry, EntryRevision, entry_parents
from journal.reference import kinds
from journal.schools.models import Pupil

PAGE_SIZE = 20


def _entries_of(pupil: Pupil) -> Select:
    """The pupil's entries with what a title needs: the current revision (joined) and, for a
    diary day, its placement and that placement's current revision (one more query for the
    whole page: joining entry_parents made SQLite scan that whole table on every request)."""
    return (
        select(Entry)
        .where(Entry.pupil_id == pupil.id)
        .options(
            joinedload(Entry.current_revision),
            selectinload(Entry.parent).joinedload(Entry.current_revision),
        )
    )


def entry_of(pupil: Pupil, entry_id: int) -> Entry:
    """One entry of this pupil with its current revision, or 404: another pupil's entry looks
    like no entry at all."""
    return db.first_or_404(_entries_of(pupil).where(Entry.id == entry_id))


def entry_by_client_id(pupil: Pupil, client_id: str) -> Entry | None:
    return db.session.scalar(_entries_of(pupil).where(Entry.client_id == client_id))


@dataclass
class TimelinePage:
    entries: list[Entry]
    page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def timeline(
    pupil: Pupil,
    *,
    kind: str | None = None,
    school_year: int | None = None,
    page: int = 1,
    include_drafts: bool = True,
) -> TimelinePage:
    """A page of the pupil's entries, newest first: one query whatever the number of entries."""
    query = _entries_of(pupil)
    if kind in kinds.KINDS:
        query = query.where(Entry.kind == kind)
    if school_year is not None:
        first, last = school_year_bounds(school_year)
        query = query.where(Entry.occurred_on.between(first, last))
    if not include_drafts:
        query = query.where(Entry.state != "draft")
    page = max(page, 1)
    query = query.order_by(Entry.occurred_on.desc(), Entry.id.desc())
    rows = list(db.session.scalars(query.limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)))
    return TimelinePage(rows[:PAGE_SIZE], page, len(rows) > PAGE_SIZE)


def drafts_of(pupil: Pupil, *, limit: int = 10) -> list[Entry]:
    """The pupil's unfinished entries, most recently touched first (one query)."""
    query = _entries_of(pupil).where(Entry.state == "draft")
    return list(db.session.scalars(query.order_by(Entry.updated_at.desc()).limit(limit)))


def school_years_of(pupil: Pupil) -> list[tuple[int, str]]:
    """The school years a pupil's passport can hold entries for, newest first (no query)."""
    first = school_year_of(pupil.record_began_on)
    last = max(school_year_of(today()), first)
    return [(year, school_year_label(year)) for year in range(last, first - 1, -1)]


def diary_of(placement: Entry, *, include_drafts: bool = True) -> list[Entry]:
    """The diary days of a workplace experience, in date order (one query)."""
    query = (
        select(Entry)
        .join(entry_parents, entry_parents.c.entry_id == Entry.id)
        .where(entry_parents.c.parent_id == placement.id)
        .options(joinedload(Entry.current_revision))
        .order_by(Entry.occurred_on, Entry.id)
    )
    if not include_drafts:
        query = query.where(Entry.state != "draft")
    return list(db.session.scalars(query))


def revisions_of(entry: Entry) -> list[EntryRevision]:
    """Every saved version of an entry, newest first, with who wrote each (one query)."""
    query = (
        select(EntryRevision)
        .where(EntryRevision.entry_id == entry.id)
        .options(joinedload(EntryRevision.author))
        .order_by(EntryRevision.number.desc())
    )
    return list(db.session.scalars(query))


def usable_attachments(pupil: Pupil, ids: list[int], entry: Entry | None = None) -> list:
    """The pupil's files with these ids that are free to show on ``entry``: not yet claimed by
    any entry, or already this entry's. Anything else (another pupil's file, another entry's)
    is left out. Kept in the order given."""
    from journal.media.models import Attachment

    if not ids:
        return []
    claimed_here = Attachment.entry_id.is_(None)
    if entry is not None:
        claimed_here = claimed_here | (Attachment.entry_id == entry.id)
    rows = db.session.scalars(
        select(Attachment).where(
            Attachment.pupil_id == pupil.id, Attachment.id.in_(ids), claimed_here
        )
    )
    found = {a.id: a for a in rows}
    return [found[i] for i in ids if i in found]


def open_placements(pupil: Pupil, *, limit: int = 3) -> list[Entry]:
    """The pupil's latest workplace experiences, to add a diary day to (one query)."""
    query = _entries_of(pupil).where(Entry.kind == kinds.WORKPLACE)
    return list(db.session.scalars(query.order_by(Entry.occurred_on.desc()).limit(limit)))
