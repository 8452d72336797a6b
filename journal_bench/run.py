"""Benchmarks: ``flask --app journal bench [NAME...] [--pupils N] [--rounds N]``.

``run`` builds a scratch database (a new SQLite file in a temporary folder, or a PostgreSQL
database whose name says it may be wiped), seeds the demo school with ``--pupils`` pupils,
then runs the named benchmarks (all of them when none is named). Each prints one line per
figure::

    home-pupil             median    4.1 ms  p95    5.0 ms  queries 4  bytes 3,456

Times are wall-clock per request through Flask's test client, after one warm-up request that
is not counted. ``queries`` is the SQL statements sent per request (transaction ``BEGIN``s
left out), ``bytes`` the size of the response body. Every request runs in its own application
context and database session, as it would under a real server.

Pages are measured beside a "-bare" line: a route on the same app that returns the same bytes
and does nothing else (the framework, our request hooks and the test client), so the ratio in
the note shows what our own code costs. The scratch school is the demo school with realistic
passports, and the demo pupil (who signs in for the pupil pages) has 500 entries.

A later issue adds its benchmark by writing a function that takes a
:class:`~journal_bench.common.Bench` and returns its :class:`~journal_bench.common.Figure`
lines, and adding it to ``BENCHMARKS`` below (their order is the running order). Timing goals
belong here, as printed figures, never in tests.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask
from sqlalchemy import make_url, text

from journal.accounts.operations import find_by_login
from journal.extensions import db
from journal_demo.passports import add_demo_entries
from journal_demo.scratch import build_demo, scratch_app

from . import cohort, documents, exports, offline, pages, programme, reviews, roster
from . import sizes as sizes_
from .common import SIGN_IN_AS, TIMELINE_ENTRIES, Bench, Benchmark, Figure, add_bare_route

BENCHMARKS: dict[str, Benchmark] = {
    "sign-in-page": pages.sign_in_page,
    "sign-in": pages.sign_in,
    **{name: pages.home(name, username) for name, username in pages.HOMES},
    "bare": pages.bare,
    f"roster-import-{roster.ROSTER_ROWS}": roster.roster_import,
    f"timeline-{TIMELINE_ENTRIES}": pages.timeline,
    # the domains' benchmarks, after the pages
    "cv-export": documents.documents_benchmark,
    "documents": exports.documents_figures,
    "passport-export": exports.export_figures,
    "offline": offline.bench_offline,
    "cohort": cohort.cohort_benchmark,
    "programme-attendance": programme.bench_programme,
    "reviews": reviews.reviews_benchmark,
}


def run(
    names: list[str],
    *,
    pupils: int,
    rounds: int,
    database_url: str | None,
    sizes: list[sizes_.Size] | None = None,
    cache: Path | None = None,
) -> None:
    """Build a scratch database of ``pupils`` pupils and print the named benchmarks' figures;
    with ``sizes``, the figures at each size on databases kept in ``cache`` (see
    :mod:`journal_bench.sizes`), then each figure's p95 side by side."""
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        raise click.UsageError(
            f"Unknown benchmark{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
            f"Known: {', '.join(BENCHMARKS)}."
        )
    if rounds < 1 or pupils < 0:
        raise click.UsageError("--rounds must be at least 1 and --pupils at least 0.")
    selected = list(dict.fromkeys(names)) or list(BENCHMARKS)
    if sizes:
        _run_sizes(selected, sizes, rounds=rounds, database_url=database_url, cache=cache)
        return
    with _scratch(database_url) as app:
        started = time.perf_counter()
        _prepare(app, pupils)
        backend = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name()
        click.echo(
            f"bench: {backend} scratch database, {pupils:,} pupils "
            f"(built in {time.perf_counter() - started:.1f} s), {rounds} rounds per figure"
        )
        bench = Bench(app=app, rounds=rounds, pupils=pupils)
        bench.count_statements()
        try:
            for name in selected:
                for figure in BENCHMARKS[name](bench):
                    click.echo(figure.line())
        finally:
            bench.close()


def _run_sizes(selected, sizes, *, rounds: int, database_url: str | None, cache) -> None:
    url = None if database_url is None else _checked_url(database_url, new_sqlite=False)
    if url is not None and make_url(url).get_backend_name() == "sqlite":
        raise click.UsageError("With --sizes the SQLite databases live in the --cache folder.")
    results: dict[sizes_.Size, dict[str, Figure]] = {}
    for size in sizes:
        with sizes_.cached_app(size, cache=cache or DEFAULT_CACHE, database_url=url) as (app, how):
            backend = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name()
            click.echo(f"bench: {backend}, {size.label} ({how}), {rounds} rounds per figure")
            bench = Bench(app=app, rounds=rounds, pupils=size.pupils)
            bench.count_statements()
            cpu = time.process_time()
            try:
                for name in selected:
                    for figure in BENCHMARKS[name](bench):
                        click.echo(figure.line())
            finally:
                bench.close()
            click.echo(f"({size.label}: {time.process_time() - cpu:.1f} s CPU in this process)")
            results[size] = bench.results
    _side_by_side(sizes, results)


def _side_by_side(sizes, results) -> None:
    """Each figure's p95 at every size, and the ratio of the last to the first."""
    if len(sizes) < 2:
        return
    click.echo("p95 by size: " + "  ".join(s.label for s in sizes))
    first, last = results[sizes[0]], results[sizes[-1]]
    for name in first:
        if all(name in results[s] for s in sizes):
            p95s = "  ".join(f"{results[s][name].p95_ms:9.1f} ms" for s in sizes)
            ratio = last[name].p95_ms / first[name].p95_ms
            click.echo(f"{name:<26} {p95s}  ({ratio:.2f}×)")


@contextmanager
def _scratch(database_url: str | None) -> Iterator[Flask]:
    """A scratch app in a temporary folder, on a database the bench may fill and wipe (a new
    SQLite file there by default): production settings (argon2 cost included), without CSRF
    or rate limits, which the benchmarks' test client cannot satisfy."""
    url = None if database_url is None else _checked_url(database_url)
    with tempfile.TemporaryDirectory(prefix="journal-bench-") as folder:
        app = scratch_app(
            Path(folder), database_url=url, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False
        )
        add_bare_route(app)
        try:
            yield app
        finally:
            with app.app_context():
                db.engine.dispose()


SCRATCH_WORDS = ("bench", "scratch")
DEFAULT_CACHE = Path.home() / ".cache" / "careers-passport-bench"


def _checked_url(database_url: str, *, new_sqlite: bool = True) -> str:
    """Refuse any database the bench might not be allowed to wipe."""
    if database_url.startswith("postgres://"):
        database_url = "postgresql://" + database_url[len("postgres://") :]
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "postgresql":
        name = url.database or ""
        if not any(word in name.lower() for word in SCRATCH_WORDS):
            raise click.UsageError(
                f"The bench wipes the database it is given; {name or 'that URL'!r} does not look "
                f"like a scratch database. Name one with 'bench' or 'scratch' in its name, "
                f"e.g. postgresql://localhost/journal_bench."
            )
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise click.UsageError("Give the SQLite scratch database a file path.")
        if new_sqlite and Path(url.database).exists():
            raise click.UsageError(
                f"{url.database} already exists; the bench builds a new SQLite file."
            )
        return database_url
    raise click.UsageError("The bench runs on SQLite or PostgreSQL.")


def _prepare(app: Flask, pupils: int) -> None:
    """Create the tables through the real migrations, seed the demo school (passports
    included), then give the demo pupil 500 entries."""
    if make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name() == "postgresql":
        with app.app_context():
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
    build_demo(app, pupils)
    with app.app_context():
        add_demo_entries(find_by_login(SIGN_IN_AS).pupil, TIMELINE_ENTRIES)
        db.session.commit()
