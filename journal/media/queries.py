"""Reads about uploaded files."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select

from journal.accounts.models import User
from journal.extensions import db
from journal.schools.models import Pupil

from .models import Attachment
from .permissions import can_open_attachment


def attachment_for(user: User, attachment_id: int) -> Attachment:
    """The file if ``user`` may open it, or 404: a file they may not see must look like none."""
    attachment = db.get_or_404(Attachment, attachment_id)
    if not can_open_attachment(user, attachment):
        abort(404)
    return attachment


def unclaimed(pupil: Pupil, ids: list[int]) -> list[Attachment]:
    """The pupil's files with these ids that no entry has claimed yet, in the order given.

    Anything else is left out without a word: another pupil's id (forged in the form), a file
    another entry has claimed, an id that does not exist.
    """
    if not ids:
        return []
    rows = db.session.scalars(
        select(Attachment).where(
            Attachment.pupil_id == pupil.id,
            Attachment.id.in_(ids),
            Attachment.entry_id.is_(None),
        )
    )
    found = {attachment.id: attachment for attachment in rows}
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def attachments_for_content(pupil: Pupil, content: list[dict]) -> list[Attachment]:
    """The rows behind a revision's attachment list (``Attachment.as_content()`` dicts), in
    order. A dict whose id is not this pupil's, or whose SHA-256 no longer matches, is left out."""
    wanted = [item for item in content if isinstance(item.get("id"), int)]
    if not wanted:
        return []
    rows = db.session.scalars(
        select(Attachment).where(
            Attachment.pupil_id == pupil.id, Attachment.id.in_([item["id"] for item in wanted])
        )
    )
    found = {attachment.id: attachment for attachment in rows}
    return [
        found[item["id"]]
        for item in wanted
        if item["id"] in found and found[item["id"]].sha256 == item.get("sha256")
    ]
