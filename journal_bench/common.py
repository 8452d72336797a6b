"""What every benchmark uses: the :class:`Figure` a benchmark returns (one printed line), the
:class:`Bench` that measures requests against the scratch app, and the "-bare" route beside
a page (the same bytes from a route that does nothing)."""

from __future__ import annotations

import contextvars
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import click
from flask import Flask, Response
from sqlalchemy import event

from journal.accounts.operations import find_by_login
from journal.extensions import db

SIGN_IN_AS = "pupil"  # the demo pupil, who has a password
TIMELINE_ENTRIES = 500  # the demo pupil's entries in the scratch database
SAME_BYTES = "bench_same_bytes"  # app.extensions key: the bodies the bare route returns


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


Benchmark = Callable[[Bench], list[Figure]]  # what ``journal_bench.run.BENCHMARKS`` holds


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


def add_bare_route(app: Flask) -> None:
    """A throwaway route on the scratch app that returns a page's bytes and does nothing else
    (registered before the first request, as Flask requires)."""
    bodies: dict[str, bytes] = {}
    app.extensions[SAME_BYTES] = bodies

    @app.get("/_bench/same-bytes/<name>")
    def same_bytes(name: str) -> Response:
        return Response(bodies[name], mimetype="text/html")
