"""Documents made once per version: a rendered file kept by the SHA-256 of the exact input it
was made from (the engine and its version, and the full print HTML or Typst data, which names
every template, style and static file it uses). A second download of an unchanged version reads
the file; any change of content, style or engine is a new input, so a new file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from sqlalchemy import insert, select

from journal.calendar import utcnow
from journal.database import READ_ONLY
from journal.extensions import db
from journal.media.storage import storage

from .models import RenderedFile


def input_key(engine: str, source: str | bytes) -> str:
    data = source.encode("utf-8") if isinstance(source, str) else source
    return hashlib.sha256(engine.encode("utf-8") + b"\0" + data).hexdigest()


def made_once(engine: str, source: str | bytes, media_type: str, make: Callable[[], bytes]):
    """The file made from ``source`` by ``engine``: read if it was made before, else made by
    ``make()``, kept, and its row added to the session (the caller commits)."""
    key = input_key(engine, source)
    row = db.session.get(RenderedFile, key)
    if row is not None:
        try:
            return storage().get(row.storage_key)
        except FileNotFoundError:
            db.session.delete(row)
            db.session.flush()
    data = make()
    row = {
        "input_sha256": key,
        "storage_key": storage().put(data, media_type),
        "media_type": media_type,
        "size": len(data),
        "created_at": utcnow(),
    }
    if db.session.connection().get_execution_options().get(READ_ONLY):
        # a job's read-only work: the row goes in on a connection of its own
        with db.engine.begin() as connection:
            if (
                connection.execute(
                    select(RenderedFile.input_sha256).where(RenderedFile.input_sha256 == key)
                ).first()
                is None
            ):
                connection.execute(insert(RenderedFile).values(**row))
    else:
        db.session.merge(RenderedFile(**row))
        db.session.flush()
    return data
