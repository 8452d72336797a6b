"""A scratch app in a folder of its own, for tools that need a database to fill (the
benchmarks, the symbol-coverage and screenshot scripts): its own instance folder and database,
passed to ``create_app`` directly, so no tool changes ``os.environ``."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade

from journal import create_app
from journal.config import engine_options
from journal.extensions import db

from .school import seed_demo


def scratch_app(folder: Path, *, database_url: str | None = None, **config) -> Flask:
    """An app whose instance folder is ``folder/instance`` and whose database is
    ``database_url`` (by default a new SQLite file in ``folder``), with a random secret key;
    ``config`` overrides any setting. Nothing is created in the database."""
    instance = folder / "instance"
    instance.mkdir(exist_ok=True)
    url = database_url or f"sqlite:///{folder / 'scratch.sqlite3'}"
    settings = {
        "SECRET_KEY": secrets.token_urlsafe(32),
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url),
    }
    return create_app(settings | config, instance_path=instance)


def build_demo(app: Flask, pupils: int) -> None:
    """Create the tables through the real migrations and seed the demo school."""
    with app.app_context():
        upgrade()
        seed_demo(pupils=pupils)
        db.session.commit()


@contextmanager
def scratch_demo(pupils: int, **config) -> Iterator[Flask]:
    """A scratch app in a temporary folder, seeded with a demo school of ``pupils`` pupils;
    the folder and its database are removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="journal-scratch-") as folder:
        app = scratch_app(Path(folder), **config)
        try:
            build_demo(app, pupils)
            yield app
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
