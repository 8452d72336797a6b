"""The storage: content-addressed, sharded, written atomically, never under static/."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from journal.media.storage import LocalStorage, storage


def test_the_app_keeps_files_under_its_instance_path(app):
    files = storage()
    assert isinstance(files, LocalStorage)
    assert files.root == (Path(app.instance_path) / "uploads").resolve()
    assert storage() is files


def test_put_and_get_round_trip_by_sha256_in_sharded_folders(app):
    data = b"a certificate"
    key = storage().put(data, "application/pdf")
    digest = hashlib.sha256(data).hexdigest()
    assert key == digest
    path = Path(app.instance_path) / "uploads" / digest[:2] / digest[2:4] / digest
    assert path.read_bytes() == data
    assert storage().get(key) == data
    with storage().open(key) as file:
        assert file.read() == data
    assert storage().path(key) == path.resolve()
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_the_same_file_twice_is_kept_once(app):
    assert storage().put(b"same", "image/png") == storage().put(b"same", "image/png")
    assert len([p for p in Path(storage().root).rglob("*") if p.is_file()]) == 1


def test_exists_and_delete(app):
    key = storage().put(b"gone soon", "image/jpeg")
    assert storage().exists(key)
    storage().delete(key)
    assert not storage().exists(key)
    storage().delete(key)  # deleting twice is fine
    with pytest.raises(FileNotFoundError):
        storage().get(key)


@pytest.mark.parametrize("key", ["../../secret_key", "ab/cd", "A" * 64, "", "0" * 63])
def test_only_real_keys_are_accepted(app, key):
    with pytest.raises(ValueError):
        storage().get(key)


def test_a_failed_write_leaves_nothing_behind(app, monkeypatch):
    def broken_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        storage().put(b"half written", "image/jpeg")
    assert [p for p in Path(storage().root).rglob("*") if p.is_file()] == []


@pytest.fixture
def app_config(request):
    return getattr(request, "param", {})


@pytest.mark.parametrize("app_config", [{"MEDIA_STORAGE": "s3"}], indirect=True)
def test_an_unknown_storage_is_a_clear_error(app):
    with pytest.raises(RuntimeError, match="MEDIA_STORAGE"):
        storage()


@pytest.mark.parametrize("app_config", [{"MEDIA_ROOT": "static/uploads"}], indirect=True)
def test_uploads_are_never_kept_under_static(app):
    app.config["MEDIA_ROOT"] = os.path.join(app.static_folder, "uploads")
    with pytest.raises(RuntimeError, match="static"):
        storage()
