"""Test fixtures: each test gets its own database, upgraded through the real migrations.

SQLite (the default): the migrations run once into a template file, copied for every test.
PostgreSQL (``TEST_DATABASE_URL=postgresql://...``): the migrations run once into that
database, and every table is emptied after each test.
"""

from __future__ import annotations

import contextvars
import os
import shutil
from pathlib import Path

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from journal import create_app
from journal.extensions import db

from .access_support import world  # noqa: F401 (the access tests' fixture)
from .factories import Factory

PG_URL = os.environ.get("TEST_DATABASE_URL")

FAST_HASH = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


def base_config(database_url: str, instance: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "PASSWORD_HASH": FAST_HASH,
        "SERVER_NAME": "localhost",
    }


def make_app(database_url: str, instance: Path, **overrides):
    os.environ["JOURNAL_INSTANCE_PATH"] = str(instance)
    config = base_config(database_url, instance) | overrides
    if database_url.startswith("postgresql"):
        from journal.config import engine_options

        config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(database_url)
    return create_app(config)


@pytest.fixture(scope="session")
def template_database(tmp_path_factory) -> str:
    """The migrated empty database every test starts from."""
    instance = tmp_path_factory.mktemp("instance-template")
    if PG_URL:
        app = make_app(PG_URL, instance)
        with app.app_context():
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
            upgrade()
        return PG_URL
    path = instance / "template.sqlite3"
    app = make_app(f"sqlite:///{path}", instance)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return str(path)


@pytest.fixture
def database_url(template_database, tmp_path) -> str:
    if PG_URL:
        return PG_URL
    path = tmp_path / "test.sqlite3"
    shutil.copy(template_database, path)
    return f"sqlite:///{path}"


class IsolatedClient(FlaskClient):
    """Commits what the test set up, then runs each request in a fresh context, as a real
    server would: its own app context,
    ``g`` and database session. The test's own session sees committed data only; call
    ``db.session.expire_all()`` (or ``refresh``) before checking what a request changed."""

    def open(self, *args, **kwargs):
        if has_app_context():  # a followed redirect comes back here from inside the request
            db.session.commit()  # end the test's transaction: SQLite writers begin IMMEDIATE
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def app_config() -> dict:
    """Override in a test module to change the configuration."""
    return {}


@pytest.fixture
def app(database_url, tmp_path, app_config):
    app = make_app(database_url, tmp_path / "instance", **app_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        db.session.rollback()
        if PG_URL:
            _empty_postgres()
        db.session.remove()
        db.engine.dispose()


def _empty_postgres() -> None:
    tables = ", ".join(t.name for t in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.session.commit()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make(app) -> Factory:
    return Factory()


@pytest.fixture
def login(client):
    """Sign a person in on the test client (through the real session, without the form)."""

    def _login(user, on=None):
        target = on or client
        with target.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return target

    return _login
