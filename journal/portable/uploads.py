"""Passport files kept between the check (the preview) and the confirmation, in the
instance folder, named by pupil and SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import current_app


def _path(pupil_id: int, key: str) -> Path:
    folder = Path(current_app.instance_path) / "passport-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{pupil_id}-{key}.passport.zip"


def keep(pupil_id: int, data: bytes) -> str:
    key = hashlib.sha256(data).hexdigest()
    _path(pupil_id, key).write_bytes(data)
    return key


def load(pupil_id: int, key: str) -> bytes | None:
    path = _path(pupil_id, key)
    return path.read_bytes() if path.exists() else None


def discard(pupil_id: int, key: str) -> None:
    _path(pupil_id, key).unlink(missing_ok=True)
