"""Reads for signing off entries: the queue of entries waiting, the sign-offs of an entry, and
the check that every signed revision is still exactly what was signed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.extensions import db
from journal.passport.entries.models import Entry, EntryRevision
from journal.passport.signoff.models import SignOff
from journal.passport.signoff.signing import sign_off_holds
from journal.schools.models import Pupil, TutorAssignment
from journal.schools.queries import pupils_in_scope

PAGE_SIZE = 20


def pupils_to_sign_off(user: User) -> Select:
    """The ids of the pupils whose entries ``user`` may sign off, as a subquery: careers staff
    their whole school, a tutor their tutor groups (narrower than what a school admin who also
    tutors may see). Starts from the one scoping helper."""
    query = pupils_in_scope(user).with_only_columns(Pupil.id)
    if user.is_careers_staff:
        return query
    if user.has_role(Role.TUTOR):
        groups = select(TutorAssignment.tutor_group_id).where(TutorAssignment.user_id == user.id)
        return query.where(Pupil.tutor_group_id.in_(groups))
    return query.where(false())


@dataclass
class QueuePage:
    entries: list[Entry]
    page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _with_what_an_item_shows(query: Select) -> Select:
    return query.options(
        joinedload(Entry.current_revision),
        joinedload(Entry.pupil).joinedload(Pupil.tutor_group),
        selectinload(Entry.parent).joinedload(Entry.current_revision),
    )


def _waiting(user: User, query):
    return query.join(EntryRevision, EntryRevision.id == Entry.current_revision_id).where(
        Entry.state == "submitted",
        Entry.pupil_id.in_(pupils_to_sign_off(user)),
        or_(Entry.created_by_id.is_(None), Entry.created_by_id != user.id),
        or_(EntryRevision.author_id.is_(None), EntryRevision.author_id != user.id),
    )


def waiting_count(user: User) -> int:
    """How many entries wait for ``user`` to sign off (one query), for the staff home page."""
    return db.session.scalar(_waiting(user, select(func.count(Entry.id)))) or 0


def waiting_for(user: User, *, page: int = 1) -> QueuePage:
    """Entries waiting to be signed off that ``user`` may sign off, oldest first (by when they
    were last saved), leaving out any they wrote. Two queries whatever the number of entries."""
    page = max(page, 1)
    query = _waiting(user, _with_what_an_item_shows(select(Entry))).order_by(
        Entry.updated_at, Entry.id
    )
    rows = list(db.session.scalars(query.limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)))
    return QueuePage(rows[:PAGE_SIZE], page, len(rows) > PAGE_SIZE)


def pupil_id_of_entry(entry_id: int) -> int:
    """Which pupil an entry belongs to, or 404; the caller then loads the pupil in scope."""
    return db.first_or_404(select(Entry.pupil_id).where(Entry.id == entry_id))


def queue_item(pupil: Pupil, entry_id: int) -> Entry:
    """One entry of a pupil already in scope, with what its queue item shows, or 404."""
    query = _with_what_an_item_shows(select(Entry)).where(
        Entry.pupil_id == pupil.id, Entry.id == entry_id
    )
    return db.first_or_404(query.execution_options(populate_existing=True))


def sign_offs_of(entry: Entry) -> list[SignOff]:
    """Every decision on an entry, newest first, with the revision each was about (one query)."""
    query = (
        select(SignOff)
        .where(SignOff.entry_id == entry.id)
        .options(joinedload(SignOff.revision))
        .order_by(SignOff.signed_at.desc(), SignOff.id.desc())
    )
    return list(db.session.scalars(query))


def latest_decision(sign_offs: list[SignOff], entry: Entry) -> SignOff | None:
    """The decision that explains the entry's state now (signed or returned), or None."""
    if entry.state not in ("signed", "returned"):
        return None
    for sign_off in sign_offs:
        if sign_off.decision == entry.state and sign_off.revision_id == entry.current_revision_id:
            return sign_off
    return None


def standing_sign_off(entry: Entry) -> SignOff | None:
    """The sign-off that stands now: the entry is signed, on the revision that was signed."""
    if entry.state != "signed":
        return None
    return db.session.scalar(
        select(SignOff)
        .where(
            SignOff.entry_id == entry.id,
            SignOff.revision_id == entry.current_revision_id,
            SignOff.decision == "signed",
        )
        .order_by(SignOff.id.desc())
        .limit(1)
    )


def conversation(comments: list, sign_offs: list[SignOff]) -> list:
    """One conversation about an entry, oldest first: the comments on it and the sign-off
    decisions that came with a comment (a tutor's return comment is read and answered there,
    not in a box of its own)."""
    decided = [s for s in sign_offs if (s.comment or "").strip()]
    return sorted(
        [*comments, *decided], key=lambda item: getattr(item, "signed_at", None) or item.created_at
    )


def broken_among(sign_offs: list[SignOff], entry: Entry) -> set[int]:
    """The ids of the sign-offs of ``entry`` whose revision changed after it was signed."""
    return {s.id for s in sign_offs if not sign_off_holds(s, entry)}


def check_sign_offs(pupil: Pupil) -> list[SignOff]:
    """Recompute the hash of every revision signed (or returned) in the pupil's passport and
    return the sign-offs that no longer match: a signed revision changed in the database."""
    rows = db.session.execute(
        select(SignOff, Entry)
        .join(Entry, Entry.id == SignOff.entry_id)
        .where(Entry.pupil_id == pupil.id)
        .options(joinedload(SignOff.revision))
        .order_by(SignOff.id)
    )
    return [sign_off for sign_off, entry in rows if not sign_off_holds(sign_off, entry)]
