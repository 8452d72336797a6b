"""Writes for sign-off: deciding on the revision a member of staff saw. Flush, never commit."""

from __future__ import annotations

from sqlalchemy import update

from journal.accounts.models import User
from journal.calendar import utcnow
from journal.extensions import db
from journal.passport.entries.models import Entry, EntryRevision
from journal.passport.signoff.models import SignOff
from journal.passport.signoff.signing import revision_sha256


class StaleVersion(Exception):
    """The entry changed after the person opened it: nothing was saved or signed."""


def decide_sign_off(
    entry: Entry,
    *,
    revision_id: int,
    decision: str,
    signer: User,
    signer_role: str,
    comment: str = "",
):
    """Sign off (``decision="signed"``) or return (``"returned"``) the revision the signer saw.

    ``revision_id`` is the revision on the signer's screen. The state changes with one
    conditional UPDATE (where the entry still shows that revision and is still waiting), so a
    pupil saving a new version, or a second member of staff deciding at the same moment,
    makes this raise :class:`StaleVersion` and changes nothing: nobody signs what they did
    not see, and no update is lost.
    """
    if decision not in ("signed", "returned"):
        raise ValueError(f"unknown decision {decision!r}")
    moved = db.session.execute(
        update(Entry)
        .where(
            Entry.id == entry.id,
            Entry.current_revision_id == revision_id,
            Entry.state == "submitted",
        )
        .values(state=decision, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        db.session.expire(entry)
        raise StaleVersion
    db.session.expire(entry)
    revision = db.session.get(EntryRevision, revision_id)
    sign_off = SignOff(
        entry_id=entry.id,
        revision_id=revision_id,
        decision=decision,
        comment=comment.strip(),
        content_sha256=revision_sha256(entry, revision),
        signer_id=signer.id,
        signer_name=signer.display_name,
        signer_role=signer_role,
    )
    db.session.add(sign_off)
    db.session.flush()
    return sign_off
