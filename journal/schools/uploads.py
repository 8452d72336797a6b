"""Roster files kept between the preview and the confirmation, in the instance folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import current_app

MAX_ROSTER_BYTES = 5 * 1024 * 1024


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "roster-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(school_id: int, data: bytes) -> str:
    key = hashlib.sha256(data).hexdigest()
    (_folder() / f"{school_id}-{key}.csv").write_bytes(data)
    return key


def load(school_id: int, key: str) -> bytes | None:
    path = _folder() / f"{school_id}-{key}.csv"
    return path.read_bytes() if path.exists() else None


def discard(school_id: int, key: str) -> None:
    (_folder() / f"{school_id}-{key}.csv").unlink(missing_ok=True)
