"""Writes about uploaded files: keep an upload, let an entry claim it. Flush, never commit."""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePosixPath
from typing import Protocol

from werkzeug.datastructures import FileStorage

from journal.accounts.models import User
from journal.extensions import db
from journal.schools.models import Pupil

from .images import MAX_UPLOAD_BYTES, UploadProblem, check_size, clean_upload
from .models import Attachment
from .queries import attachments_for_content, unclaimed
from .storage import storage


class Claimant(Protocol):
    """What claims files: a passport entry (media knows only its id)."""

    id: int


# Callers may take these from here too: the upload, its refusal and the claim are one story.
__all__ = [
    "UploadProblem",
    "attachments_for_content",
    "claim",
    "store_upload",
    "unclaimed",
]


def store_upload(
    pupil: Pupil,
    upload: FileStorage,
    *,
    uploaded_by: User,
    allow_pdf: bool = False,
    description: str = "",
) -> Attachment:
    """Check and clean one uploaded file, keep it (and its thumbnail) in the storage, and add
    an unclaimed ``Attachment`` for the pupil. Raises ``UploadProblem`` with a message for the
    pupil. The cleaned bytes, never the upload as sent, are what is kept and hashed."""
    cleaned = clean_upload(_read_capped(upload, allow_pdf), allow_pdf=allow_pdf)
    files = storage()
    attachment = Attachment(
        pupil_id=pupil.id,
        entry_id=None,
        key=files.put(cleaned.data, cleaned.media_type),
        sha256=hashlib.sha256(cleaned.data).hexdigest(),
        media_type=cleaned.media_type,
        size=len(cleaned.data),
        width=cleaned.width,
        height=cleaned.height,
        thumbnail_key=(
            files.put(cleaned.thumbnail, cleaned.thumbnail_media_type or "")
            if cleaned.thumbnail
            else None
        ),
        original_name=_plain_name(upload.filename),
        description=description.strip()[:300],
        uploaded_by_id=uploaded_by.id,
    )
    db.session.add(attachment)
    db.session.flush()
    return attachment


def claim(attachments: list[Attachment], entry: Claimant) -> None:
    """The entry now shows these files: whoever may see the entry can open them (the rules
    ``permissions.add_reader`` was given)."""
    for attachment in attachments:
        attachment.entry_id = entry.id
    db.session.flush()


def _read_capped(upload: FileStorage, allow_pdf: bool) -> bytes:
    """The upload's bytes, reading at most one byte past the limit whatever the file's size."""
    data = upload.stream.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        check_size(_full_size(upload), allow_pdf=allow_pdf)
    return data


def _full_size(upload: FileStorage) -> int | None:
    """How big a too-big upload is, for the message (werkzeug keeps it in a seekable file)."""
    try:
        return upload.stream.seek(0, os.SEEK_END)
    except (AttributeError, OSError, ValueError):
        return None


def _plain_name(filename: str | None) -> str:
    """The file's own name without any folders a browser sent, at most 200 characters."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    return "".join(c for c in name if c.isprintable())[:200]
