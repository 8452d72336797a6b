"""The one place files are kept: a storage addressed by key.

Every file the app keeps goes through ``storage()``. Today that is ``LocalStorage``, a folder
under the instance path; an S3-compatible bucket can come later as another ``Storage`` chosen by
the ``MEDIA_STORAGE`` setting, without any caller changing. Keys are the SHA-256 of the bytes
(content-addressed), so the same file stored twice is kept once.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path
from typing import BinaryIO

from flask import Flask, current_app

_KEY = re.compile(r"[0-9a-f]{64}")


class Storage(ABC):
    """Files addressed by key. ``put`` returns the key; the others raise
    ``FileNotFoundError`` for a key that holds nothing."""

    @abstractmethod
    def put(self, data: bytes, media_type: str) -> str:
        """Keep ``data`` and return its key. ``media_type`` is for stores that record it."""

    @abstractmethod
    def get(self, key: str) -> bytes: ...

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """The file for reading in pieces; the caller closes it."""

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def delete(self, key: str) -> None:
        """Forget the file. Keys are shared by identical files: only delete a key no row uses."""

    def path(self, key: str) -> Path | None:
        """A local path to the file when the store has one (lets the server send it directly)."""
        return None


class LocalStorage(Storage):
    """Files in a folder, sharded by the first bytes of the key: ``ab/cd/abcd…``."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def put(self, data: bytes, media_type: str) -> str:
        """Write atomically: a temporary file in the same folder, then ``os.replace``."""
        key = hashlib.sha256(data).hexdigest()
        target = self._path(key)
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(target, data)
        return key

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def open(self, key: str) -> BinaryIO:
        return self._path(key).open("rb")

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def path(self, key: str) -> Path:
        return self._path(key)

    def _path(self, key: str) -> Path:
        """Where a key lives. Only a real key is accepted, so no key can walk out of the root."""
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise ValueError(f"Not a storage key: {key!r}")
        return self.root / key[:2] / key[2:4] / key


def _write_atomically(target: Path, data: bytes) -> None:
    """Readers see the whole file or none of it, never half; the file is readable by us only."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def storage() -> Storage:
    """The app's storage, made once per app from its configuration."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if "media_storage" not in app.extensions:
        app.extensions["media_storage"] = _build(app)
    return app.extensions["media_storage"]


def _build(app: Flask) -> Storage:
    """``MEDIA_STORAGE = "local"`` (the default): ``MEDIA_ROOT`` or ``<instance>/uploads``."""
    kind = app.config.get("MEDIA_STORAGE", "local")
    if kind != "local":
        raise RuntimeError(f"MEDIA_STORAGE={kind!r} is not available; use 'local'.")
    root = Path(app.config.get("MEDIA_ROOT") or Path(app.instance_path) / "uploads").resolve()
    if app.static_folder and root.is_relative_to(Path(app.static_folder).resolve()):
        raise RuntimeError("Uploads must never be kept under static/: anyone could fetch them.")
    return LocalStorage(root)
