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
from jinja2 import BytecodeCache
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


class _TemplatesCompiledOnce(BytecodeCache):
    """Compiled templates kept in memory for the whole session and shared by every test's app.

    Each test makes its own app, and so its own Jinja environment; without this every test
    compiles again each template it renders (a fifth of a typical test's time). Jinja checks a
    template's source against the checksum stored with its code, so an edited template is
    compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATES_COMPILED_ONCE = _TemplatesCompiledOnce()


def _build_url_builders_once() -> None:
    """Every test's app compiles again the same URL rules; keep each rule's URL builder.

    Werkzeug turns every route into two small Python functions (with and without unknown
    arguments), by generating and compiling source: a quarter of a typical test's time when
    each test makes its own app. A builder depends only on the rule's text, its parsed parts
    and its defaults, and reads the converters from the rule it is bound to when it is called,
    so the same function serves every app. Rules with a default for one of their own
    variables (converted when compiled) are compiled as usual."""
    from werkzeug.routing.rules import Rule

    original = getattr(Rule, "_compile_builder", None)
    if original is None or getattr(original, "_once", False):
        return
    builders: dict[tuple, object] = {}

    def _compile_builder(self, append_unknown: bool = True):
        defaults = self.defaults or {}
        if any(dynamic and data in defaults for dynamic, data in self._trace):
            return original(self, append_unknown)
        key = (self.rule, tuple(self._trace), tuple(sorted(defaults)), append_unknown)
        if key not in builders:
            builders[key] = original(self, append_unknown)
        return builders[key]

    _compile_builder._once = True
    Rule._compile_builder = _compile_builder


_build_url_builders_once()


def make_app(database_url: str, instance: Path, **overrides):
    config = base_config(database_url, instance) | overrides
    if database_url.startswith("postgresql"):
        from journal.config import engine_options

        options = engine_options(database_url)
        # A test database need not survive a crash: commits return without waiting for the disk.
        options["connect_args"] = {"options": "-c synchronous_commit=off"}
        config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    app = create_app(config, instance_path=instance)
    app.jinja_env.bytecode_cache = TEMPLATES_COMPILED_ONCE
    return app


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
    """Empty every table and restart every id at 1, as a fresh SQLite copy would be.

    ``DELETE`` with the foreign-key triggers off (``session_replication_role``, for superusers
    such as CI's ``postgres``) takes a few milliseconds where ``TRUNCATE`` of every table takes
    a tenth of a second or more (it makes new files for every table and index): that was most
    of a PostgreSQL test's time. Other users fall back to ``TRUNCATE``."""
    tables = [t.name for t in db.metadata.sorted_tables]
    superuser = db.session.execute(text("SHOW is_superuser")).scalar() == "on"
    if not superuser:
        db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        db.session.commit()
        return
    db.session.execute(text("SET LOCAL session_replication_role = replica"))
    deletes = "; ".join(f'DELETE FROM "{table}"' for table in tables)  # noqa: S608 (our tables)
    db.session.execute(text(deletes))
    db.session.execute(
        text(
            "SELECT setval(format('%I.%I', schemaname, sequencename), start_value, false)"
            " FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL"
        )
    )
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
