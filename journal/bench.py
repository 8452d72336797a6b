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

A later issue adds its benchmark by writing a function that takes a :class:`Bench` and
returns its :class:`Figure` lines, and registering it with ``@benchmark("name")``. Timing goals
belong here, as printed figures, never in tests.
"""

from __future__ import annotations

import contextvars
import math
import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import click
from flask import Flask, Response
from sqlalchemy import delete, event, make_url, select, text
from sqlalchemy.exc import SQLAlchemyError

from journal.extensions import db

SIGN_IN_AS = "pupil"  # the demo pupil, who has a password
TIMELINE_ENTRIES = 500  # the demo pupil's entries in the scratch database
SAME_BYTES = "bench_same_bytes"  # app.extensions key: the bodies the bare route returns


# --- figures -------------------------------------------------------------------------------


@dataclass
class Figure:
    """One printed line: timings in seconds, statements per request, response size."""

    name: str
    seconds: list[float]
    queries: float
    size: int
    note: str = ""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95_ms(self) -> float:
        """The 95th percentile by the nearest-rank method (the maximum for under 20 rounds)."""
        ordered = sorted(self.seconds)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] * 1000

    def line(self) -> str:
        queries = (
            f"{self.queries:,.0f}" if self.queries == int(self.queries) else f"{self.queries:,.1f}"
        )
        text_ = (
            f"{self.name:<22} median {self.median_ms:8.1f} ms  p95 {self.p95_ms:8.1f} ms  "
            f"queries {queries}  bytes {self.size:,}"
        )
        return f"{text_}  ({self.note})" if self.note else text_


# --- the bench -----------------------------------------------------------------------------


@dataclass
class Bench:
    """The scratch app and what benchmarks need to measure it."""

    app: Flask
    rounds: int
    pupils: int
    results: dict[str, Figure] = field(default_factory=dict)
    statements: list[str] = field(default_factory=list)

    def isolated(self, call: Callable, *args, **kwargs):
        """Run ``call`` in a fresh context, so each request gets its own app context and
        database session, as under a real server."""
        return contextvars.Context().run(call, *args, **kwargs)

    def client(self, username: str | None = None):
        """A test client, signed in as ``username`` through the real session (no password)."""
        client = self.app.test_client()
        if username is not None:
            user_id = self.isolated(self._session_id, username)
            self.isolated(self._sign_in, client, user_id)
        return client

    def _session_id(self, username: str) -> str:
        from journal.accounts.operations import find_by_login

        with self.app.app_context():
            user = find_by_login(username)
            if user is None:
                raise click.ClickException(f"The scratch database has no user {username!r}.")
            return user.get_id()

    @staticmethod
    def _sign_in(client, session_id: str) -> None:
        with client.session_transaction() as session:
            session["_user_id"] = session_id
            session["_fresh"] = True

    def measure(
        self,
        name: str,
        request: Callable[[], Response],
        *,
        expect: int = 200,
        note: str = "",
    ) -> Figure:
        """Time ``rounds`` calls of ``request`` (each returns a response), after one warm-up
        call that is not counted, and record the figure under ``name``."""
        self._check(name, self.isolated(request), expect)
        seconds, size = [], 0
        self.statements.clear()
        for _ in range(self.rounds):
            start = time.perf_counter()
            response = self.isolated(request)
            seconds.append(time.perf_counter() - start)
            self._check(name, response, expect)
            size = len(response.get_data())
        figure = Figure(name, seconds, len(self.statements) / self.rounds, size, note)
        self.results[name] = figure
        return figure

    @staticmethod
    def _check(name: str, response: Response, expect: int) -> None:
        if response.status_code != expect:
            raise click.ClickException(
                f"{name}: expected HTTP {expect}, got {response.status_code}; not measured."
            )

    def count_statements(self) -> None:
        with self.app.app_context():
            event.listen(db.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement: str, *_args) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):
            self.statements.append(statement)


Benchmark = Callable[[Bench], list[Figure]]
BENCHMARKS: dict[str, Benchmark] = {}


def benchmark(name: str) -> Callable[[Benchmark], Benchmark]:
    """Register a benchmark under ``name`` (the order of registration is the running order)."""

    def register(function: Benchmark) -> Benchmark:
        BENCHMARKS[name] = function
        return function

    return register


# --- pages ---------------------------------------------------------------------------------


@benchmark("sign-in-page")
def sign_in_page(bench: Bench) -> list[Figure]:
    client = bench.client()
    return [bench.measure("sign-in-page", lambda: client.get("/sign-in"))]


@benchmark("sign-in")
def sign_in(bench: Bench) -> list[Figure]:
    """A real sign-in: argon2id verifies the password with the configured (real) cost."""
    from journal.demo import DEMO_PASSWORD

    def post() -> Response:
        # A new browser each time: a signed-in one would just be redirected.
        return bench.app.test_client().post(
            "/sign-in", data={"identifier": SIGN_IN_AS, "password": DEMO_PASSWORD}
        )

    params = bench.app.config["PASSWORD_HASH"]
    note = (
        f"argon2id t={params['time_cost']} m={params['memory_cost'] // 1024} MiB "
        f"p={params['parallelism']} dominates"
    )
    return [bench.measure("sign-in", post, expect=302, note=note)]


def beside_bare(bench: Bench, figure: Figure, body: bytes) -> list[Figure]:
    """``figure`` and, beside it, ``<name>-bare``: a route on the same app that returns
    ``body`` (the page's bytes) without any work. The ratio of the medians goes in the note."""
    name = f"{figure.name}-bare"
    bench.app.extensions[SAME_BYTES][name] = body
    client = bench.app.test_client()
    floor = bench.measure(
        name,
        lambda: client.get(f"/_bench/same-bytes/{name}"),
        note="the same bytes from a route that does nothing",
    )
    ratio = f"{figure.median_ms / floor.median_ms:.1f}× the bare route"
    figure.note = f"{figure.note}; {ratio}" if figure.note else ratio
    return [figure, floor]


def measure_page(bench: Bench, name: str, client, path: str, note: str = "") -> list[Figure]:
    """A page's figure and its bare route's figure (see :func:`beside_bare`)."""
    body = bench.isolated(client.get, path).get_data()
    return beside_bare(bench, bench.measure(name, lambda: client.get(path), note=note), body)


def _home(name: str, username: str) -> Benchmark:
    def home(bench: Bench) -> list[Figure]:
        return measure_page(bench, name, bench.client(username), "/")

    home.__name__ = name.replace("-", "_")
    return home


for _name, _username in (
    ("home-pupil", "pupil"),
    ("home-tutor", "tutor"),
    ("home-careers-leader", "careers"),
    ("home-admin", "admin"),
):
    benchmark(_name)(_home(_name, _username))


@benchmark("bare")
def bare(bench: Bench) -> list[Figure]:
    """A Flask app with one route that returns the pupil home's bytes and does nothing else:
    the floor under our pages (framework and test client), so the ratio shows our own cost."""
    body = bench.isolated(bench.client("pupil").get, "/").get_data()
    floor = Flask("bare")

    @floor.get("/")
    def index() -> Response:
        return Response(body, mimetype="text/html")

    client = floor.test_client()
    figure = bench.measure("bare", lambda: client.get("/"))
    figure.note = "a Flask route returning the pupil home's bytes"
    if pupil := bench.results.get("home-pupil"):
        figure.note += f"; home-pupil takes {pupil.median_ms / figure.median_ms:.0f}× as long"
    return [figure]


# --- roster import -------------------------------------------------------------------------

ROSTER_ROWS = 2000
ROSTER_HEADER = (
    "UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,"
    "DOB,Gender,Year,Reg,SEN Status,FSM Eligible"
)


def roster_csv(rows: int = ROSTER_ROWS, *, seed: int = 7) -> bytes:
    """A valid SIMS-style export of ``rows`` pupils, with correct UPN check letters."""
    import random

    from stdnum.gb import upn as upn_lib

    from journal.calendar import school_year_of, today
    from journal.demo import FIRST_NAMES, GROUP_LETTERS, LAST_NAMES

    rng = random.Random(seed)
    this_year = school_year_of(today())
    lines = [ROSTER_HEADER]
    for serial in range(rows):
        body = f"886{5000 + serial // 1000:04d}{this_year % 100:02d}{serial % 1000:03d}"
        upn = upn_lib.calc_check_digit(body) + body
        year = 7 + serial % 7
        born = date(this_year - (year - 7 + 11), rng.randint(9, 12), rng.randint(1, 28))
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        preferred = first[:3] if rng.random() < 0.05 else ""
        group = f"{year}{rng.choice(GROUP_LETTERS[:4])}"
        sen = rng.choices("NKE", weights=(80, 13, 7))[0]
        fsm = "Y" if rng.random() < 0.22 else "N"
        lines.append(
            f"{upn},{last},{first},,{preferred},{born:%d/%m/%Y},{rng.choice('FM')},"
            f"{year},{group},{sen},{fsm}"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


@benchmark(f"roster-import-{ROSTER_ROWS}")
def roster_import(bench: Bench) -> list[Figure]:
    """Parse, plan and apply a 2,000-row file into a new school, and commit: what the
    confirm button does. Each round imports into a fresh school, removed afterwards (untimed);
    one warm-up round is not counted."""
    data = roster_csv()
    name = f"roster-import-{ROSTER_ROWS}"
    seconds: list[float] = []
    statements = 0
    for round_ in range(bench.rounds + 1):
        school_id = bench.isolated(_new_school, bench.app, round_)
        mark = len(bench.statements)
        start = time.perf_counter()
        summary = bench.isolated(_import, bench.app, school_id, data)
        elapsed = time.perf_counter() - start
        if not summary.startswith(f"imported {ROSTER_ROWS}, "):
            raise click.ClickException(f"{name}: {summary}")
        if round_:
            seconds.append(elapsed)
            statements += len(bench.statements) - mark
        bench.isolated(_remove_school, bench.app, school_id)
    figure = Figure(name, seconds, statements / bench.rounds, len(data))
    figure.note = f"{ROSTER_ROWS / (figure.median_ms / 1000):,.0f} rows/s; bytes is the file's"
    bench.results[name] = figure
    return [figure]


def _new_school(app: Flask, round_: int) -> int:
    from journal.schools.operations import create_school

    with app.app_context():
        school = create_school(
            urn=f"{9_000_000 + round_}", name="Bench import", school_type="mainstream"
        )
        db.session.commit()
        return school.id


def _import(app: Flask, school_id: int, data: bytes) -> str:
    from journal.schools.models import School
    from journal.schools.operations import apply_import, plan_import
    from journal.schools.roster import parse_roster

    with app.app_context():
        school = db.session.get(School, school_id)
        plan = plan_import(school, parse_roster(data))
        apply_import(school, plan, by=None, filename="bench.csv")
        db.session.commit()
        return plan.summary


def _remove_school(app: Flask, school_id: int) -> None:
    """Delete a benchmark school and everything imported into it (not timed)."""
    from journal.accounts.models import User, UserRole
    from journal.audit.models import AuditEvent
    from journal.schools.models import Pupil, School, TutorGroup

    with app.app_context():
        users = select(User.id).where(User.school_id == school_id)
        try:
            db.session.execute(delete(AuditEvent).where(AuditEvent.school_id == school_id))
            db.session.execute(delete(Pupil).where(Pupil.school_id == school_id))
            db.session.execute(delete(UserRole).where(UserRole.user_id.in_(users)))
            db.session.execute(delete(User).where(User.school_id == school_id))
            db.session.execute(delete(TutorGroup).where(TutorGroup.school_id == school_id))
            db.session.execute(delete(School).where(School.id == school_id))
            db.session.commit()
        except SQLAlchemyError:  # a table added later refers to it: leave it in the scratch db
            db.session.rollback()


# --- the timeline --------------------------------------------------------------------------


@benchmark(f"timeline-{TIMELINE_ENTRIES}")
def timeline(bench: Bench) -> list[Figure]:
    """The demo pupil's timeline with 500 entries: the first page, and the last (the deepest
    offset), each beside its bare route."""
    from journal.passport.entries.queries import PAGE_SIZE

    client = bench.client(SIGN_IN_AS)
    entries = bench.isolated(_entries_of, bench.app, SIGN_IN_AS)
    pages = max(1, math.ceil(entries / PAGE_SIZE))
    name = f"timeline-{TIMELINE_ENTRIES}"
    if entries != TIMELINE_ENTRIES:
        raise click.ClickException(f"{name}: the demo pupil has {entries} entries.")
    return [
        *measure_page(bench, name, client, "/passport/timeline", f"page 1 of {pages}"),
        *measure_page(
            bench, f"{name}-last", client, f"/passport/timeline?page={pages}", f"page {pages}"
        ),
    ]


def _entries_of(app: Flask, username: str) -> int:
    from journal.accounts.operations import find_by_login
    from journal.passport.entries.models import Entry

    with app.app_context():
        pupil = find_by_login(username).pupil
        return db.session.scalar(select(db.func.count(Entry.id)).where(Entry.pupil_id == pupil.id))


# --- running -------------------------------------------------------------------------------


def run(names: list[str], *, pupils: int, rounds: int, database_url: str | None) -> None:
    """Build a scratch database of ``pupils`` pupils and print the named benchmarks' figures."""
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        raise click.UsageError(
            f"Unknown benchmark{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
            f"Known: {', '.join(BENCHMARKS)}."
        )
    if rounds < 1 or pupils < 0:
        raise click.UsageError("--rounds must be at least 1 and --pupils at least 0.")
    selected = list(dict.fromkeys(names)) or list(BENCHMARKS)
    with _scratch(database_url) as (url, instance):
        app = _scratch_app(url, instance)
        try:
            started = time.perf_counter()
            _prepare(app, url, pupils)
            click.echo(
                f"bench: {make_url(url).get_backend_name()} scratch database, {pupils:,} pupils "
                f"(built in {time.perf_counter() - started:.1f} s), {rounds} rounds per figure"
            )
            bench = Bench(app=app, rounds=rounds, pupils=pupils)
            bench.count_statements()
            for name in selected:
                for figure in BENCHMARKS[name](bench):
                    click.echo(figure.line())
        finally:
            with app.app_context():
                db.engine.dispose()


@contextmanager
def _scratch(database_url: str | None) -> Iterator[tuple[str, Path]]:
    """A database URL the bench may fill and wipe, and an instance folder for the app."""
    with tempfile.TemporaryDirectory(prefix="journal-bench-") as folder:
        instance = Path(folder) / "instance"
        instance.mkdir()
        if database_url is None:
            yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}", instance
        else:
            yield _checked_url(database_url), instance


SCRATCH_WORDS = ("bench", "scratch")


def _checked_url(database_url: str) -> str:
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
        if Path(url.database).exists():
            raise click.UsageError(
                f"{url.database} already exists; the bench builds a new SQLite file."
            )
        return database_url
    raise click.UsageError("The bench runs on SQLite or PostgreSQL.")


def _scratch_app(url: str, instance: Path) -> Flask:
    """A separate app on the scratch database: production settings (argon2 cost included),
    without CSRF or rate limits, which the benchmarks' test client cannot satisfy."""
    from journal import create_app
    from journal.config import engine_options

    previous = os.environ.get("JOURNAL_INSTANCE_PATH")
    os.environ["JOURNAL_INSTANCE_PATH"] = str(instance)
    try:
        app = create_app(
            {
                "SECRET_KEY": secrets.token_urlsafe(32),
                "SQLALCHEMY_DATABASE_URI": url,
                "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url),
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
            }
        )
        _add_bare_route(app)
        return app
    finally:
        if previous is None:
            os.environ.pop("JOURNAL_INSTANCE_PATH", None)
        else:
            os.environ["JOURNAL_INSTANCE_PATH"] = previous


def _add_bare_route(app: Flask) -> None:
    """A throwaway route on the scratch app that returns a page's bytes and does nothing else
    (registered before the first request, as Flask requires)."""
    bodies: dict[str, bytes] = {}
    app.extensions[SAME_BYTES] = bodies

    @app.get("/_bench/same-bytes/<name>")
    def same_bytes(name: str) -> Response:
        return Response(bodies[name], mimetype="text/html")


def _prepare(app: Flask, url: str, pupils: int) -> None:
    """Create the tables through the real migrations, seed the demo school (passports
    included), then give the demo pupil 500 entries."""
    from flask_migrate import upgrade

    from journal.accounts.operations import find_by_login
    from journal.demo import add_demo_entries, seed_demo

    with app.app_context():
        if make_url(url).get_backend_name() == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        seed_demo(pupils=pupils)
        add_demo_entries(find_by_login(SIGN_IN_AS).pupil, TIMELINE_ENTRIES)
        db.session.commit()


def _register_domain_benchmarks() -> None:
    """Benchmarks that live with their domain, run after the page benchmarks."""
    from journal.cohort.bench import cohort_benchmark
    from journal.documents.bench import documents_benchmark
    from journal.offline.bench import bench_offline
    from journal.programme.bench import bench_programme

    benchmark("cv-export")(documents_benchmark)
    benchmark("offline")(bench_offline)
    benchmark("cohort")(cohort_benchmark)
    benchmark("programme-attendance")(bench_programme)
    from journal.reviews.bench import reviews_benchmark

    benchmark("reviews")(reviews_benchmark)


_register_domain_benchmarks()
