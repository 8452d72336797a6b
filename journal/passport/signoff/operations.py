"""Writes for sign-off: deciding on the revision a member of staff saw. Flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from blinker import Namespace
from sqlalchemy import insert, update

from journal.accounts.models import User
from journal.calendar import utcnow
from journal.extensions import db
from journal.passport.entries.models import Entry, EntryRevision
from journal.passport.entries.operations import NewEntry, record_entries
from journal.passport.signoff.models import SignOff
from journal.passport.signoff.permissions import signer_role_for
from journal.passport.signoff.signing import content_sha256, revision_sha256

_signals = Namespace()
# Sent with the withdrawn sign-off (and ``by``, the member of staff) after the withdrawal is
# flushed: what stands on that sign-off (an Open Badges credential) is revoked by its receiver.
sign_off_withdrawn = _signals.signal("sign-off-withdrawn")


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


def record_signed_entries(
    new: Sequence[NewEntry],
    *,
    signer: User,
    signer_role: str,
    comment: str,
    signed_at: datetime | None = None,
) -> Sequence[NewEntry]:
    """:func:`~journal.passport.entries.operations.record_entries`, each entry already signed
    off by ``signer`` (staff recording who was at an activity, the demo's signed entries): one
    statement more than ``record_entries``, whatever the number of entries. Each sign-off
    holds the hash of the first revision, as :func:`decide_sign_off` would."""
    for entry in new:
        entry.state = "signed"
    record_entries(new)
    if not new:
        return new
    db.session.execute(
        insert(SignOff),
        [
            {
                "entry_id": e.id,
                "revision_id": e.revision_id,
                "decision": "signed",
                "comment": comment,
                "content_sha256": content_sha256(e.client_id, e.kind, 1, e.author_id, e.content),
                "signer_id": signer.id,
                "signer_name": signer.display_name,
                "signer_role": signer_role,
                "signed_at": signed_at or utcnow(),
            }
            for e in new
        ],
    )
    return new


def withdraw_sign_off(entry: Entry, *, sign_off: SignOff, by: User, reason: str) -> SignOff:
    """Withdraw a sign-off that stands (the entry is signed, on the revision signed): the entry
    is returned to the pupil with the reason as the comment, a "returned" decision records who
    withdrew it, and :data:`sign_off_withdrawn` tells whatever stands on it. One conditional
    UPDATE, as in :func:`decide_sign_off`: :class:`StaleVersion` if the entry moved on."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a withdrawal needs a reason")
    moved = db.session.execute(
        update(Entry)
        .where(
            Entry.id == entry.id,
            Entry.current_revision_id == sign_off.revision_id,
            Entry.state == "signed",
        )
        .values(state="returned", updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        db.session.expire(entry)
        raise StaleVersion
    db.session.expire(entry)
    withdrawal = SignOff(
        entry_id=entry.id,
        revision_id=sign_off.revision_id,
        decision="returned",
        comment=f"Sign-off withdrawn: {reason}",
        content_sha256=sign_off.content_sha256,
        signer_id=by.id,
        signer_name=by.display_name,
        signer_role=signer_role_for(by, entry.pupil),
    )
    db.session.add(withdrawal)
    db.session.flush()
    sign_off_withdrawn.send(sign_off, by=by)
    return withdrawal
