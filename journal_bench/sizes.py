"""Benchmark databases of several sizes, each built once and kept:
``flask --app journal bench --sizes 2000,50000:5``.

A size is ``PUPILS`` or ``PUPILS:SCHOOLS`` (a demo trust, ``seed-demo --trust``). Its database
is the demo seeded with that many pupils, every pupil topped up to
``journal_bench.cohort.ENTRIES`` entries, and the demo pupil to ``TIMELINE_ENTRIES``. Building
50,000 pupils takes minutes, so each is kept in the cache folder (``--cache``), under a key made
of the size, the seed, today's date (the demo is dated from today) and a hash of the code that
writes it (the demo, the passport writer, the migrations): a change to any of them builds anew.

- SQLite: the cache holds the database file; each run works on a copy (benchmarks write).
- PostgreSQL: the cache holds a note naming a template database (``<scratch name>_<key>``);
  each run recreates the scratch database from it (``CREATE DATABASE ... TEMPLATE``).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from journal.accounts.operations import find_by_login
from journal.calendar import today
from journal.extensions import db
from journal_demo.passports import add_demo_entries
from journal_demo.school import seed_demo
from journal_demo.scratch import scratch_app

from .cohort import ENTRIES
from .common import SIGN_IN_AS, TIMELINE_ENTRIES, add_bare_route

ROOT = Path(__file__).resolve().parent.parent
WRITERS = ("journal_demo", "migrations/versions", "journal/passport/entries/operations.py")
SETTINGS = {"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False}


@dataclass(frozen=True)
class Size:
    pupils: int
    schools: int = 1

    @property
    def label(self) -> str:
        trust = f" in {self.schools} schools" if self.schools > 1 else ""
        return f"{self.pupils:,} pupils{trust}"


def parse_sizes(text_: str) -> list[Size]:
    """``"2000,50000:5"`` → two sizes: 2,000 pupils in one school, 50,000 in five."""
    sizes = []
    for part in filter(None, (p.strip() for p in text_.split(","))):
        pupils, _, schools = part.partition(":")
        try:
            size = Size(int(pupils), int(schools or 1))
        except ValueError:
            raise click.BadParameter(f"{part!r} is not PUPILS or PUPILS:SCHOOLS") from None
        if size.pupils < 1 or size.schools < 1:
            raise click.BadParameter(f"{part!r}: at least one pupil and one school")
        sizes.append(size)
    if not sizes:
        raise click.BadParameter("give at least one size")
    return sizes


def cache_key(size: Size, seed: int = 2026) -> str:
    code = hashlib.sha256()
    for name in WRITERS:
        path = ROOT / name
        for file in sorted(path.rglob("*") if path.is_dir() else [path]):
            if file.suffix in (".py", ".toml") and "__pycache__" not in file.parts:
                code.update(file.relative_to(ROOT).as_posix().encode() + file.read_bytes())
    return f"{size.pupils}x{size.schools}_s{seed}_{today():%Y%m%d}_{code.hexdigest()[:10]}"


def build(app: Flask, size: Size, seed: int = 2026) -> str:
    """Migrate and seed the bench's database of ``size``; returns how long it took."""
    started, cpu = time.perf_counter(), time.process_time()
    with app.app_context():
        upgrade()
        seed_demo(size.pupils, seed=seed, schools=size.schools, entries=ENTRIES)
        db.session.commit()
        seeded = time.perf_counter() - started, time.process_time() - cpu
        add_demo_entries(find_by_login(SIGN_IN_AS).pupil, TIMELINE_ENTRIES)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return (
        f"built in {time.perf_counter() - started:.0f} s, {time.process_time() - cpu:.0f} s CPU "
        f"in this process (seed-demo {seeded[0]:.0f} s, {seeded[1]:.0f} s CPU)"
    )


@contextmanager
def cached_app(size: Size, *, cache: Path, database_url: str | None) -> Iterator[tuple[Flask, str]]:
    """A scratch app on a fresh copy of the cached database of ``size`` (built first if the
    cache has none); also says whether it was built now or found."""
    cache.mkdir(parents=True, exist_ok=True)
    key = cache_key(size)
    with tempfile.TemporaryDirectory(prefix="journal-bench-") as folder:
        if database_url is None:
            url, how = _sqlite_copy(size, cache, key, Path(folder))
        else:
            url, how = _postgresql_copy(size, cache, key, database_url, Path(folder))
        app = scratch_app(Path(folder), database_url=url, **SETTINGS)
        add_bare_route(app)
        try:
            yield app, how
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def _sqlite_copy(size: Size, cache: Path, key: str, folder: Path) -> tuple[str, str]:
    kept = cache / f"bench-{key}.sqlite3"
    how = f"cached in {kept}"
    if not kept.exists():
        building = folder / "building"
        building.mkdir()
        how = build(scratch_app(building, **SETTINGS), size)
        with sqlite3.connect(building / "scratch.sqlite3") as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.move(building / "scratch.sqlite3", kept)
    copy = folder / "scratch.sqlite3"
    shutil.copyfile(kept, copy)
    return f"sqlite:///{copy}", how


def _postgresql_copy(
    size: Size, cache: Path, key: str, database_url: str, folder: Path
) -> tuple[str, str]:
    url = make_url(database_url)
    template = f"{url.database}_{key}"[:63].lower()
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    note = cache / f"bench-{key}.postgresql"
    try:
        with admin.connect() as connection:
            found = connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": template}
            )
        how = f"cached as database {template}"
        if not (found and note.exists()):
            _recreate(admin, template)
            building = url.set(database=template).render_as_string(hide_password=False)
            how = build(scratch_app(folder, database_url=building, **SETTINGS), size)
            note.write_text(f"{template}\n")
        _recreate(admin, url.database, template=template)
    finally:
        admin.dispose()
    return url.render_as_string(hide_password=False), how


def _recreate(admin, name: str, *, template: str | None = None) -> None:
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
