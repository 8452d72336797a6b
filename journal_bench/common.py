"""What every benchmark uses: the :class:`Figure` a benchmark returns (one printed line), the
:class:`Bench` that measures requests against the scratch app, the :class:`Server` that runs
the scratch app under gunicorn for the pages' figures (over HTTP, with the app process's CPU
time of each request), and the "-bare" route beside a page (the same bytes from a route that
does nothing, through the same gunicorn)."""

from __future__ import annotations

import contextvars
import http.client
import json
import math
import multiprocessing
import os
import signal
import socket
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import click
from flask import Flask, Response, request
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
    cpu: list[float] = field(default_factory=list)  # the app process's CPU time, if measured

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95_ms(self) -> float:
        """The 95th percentile by the nearest-rank method (the maximum for under 20 rounds)."""
        return _p95(self.seconds) * 1000

    @property
    def cpu_median_ms(self) -> float:
        return statistics.median(self.cpu) * 1000 if self.cpu else 0.0

    @property
    def cpu_p95_ms(self) -> float:
        return _p95(self.cpu) * 1000 if self.cpu else 0.0

    def line(self) -> str:
        queries = (
            f"{self.queries:,.0f}" if self.queries == int(self.queries) else f"{self.queries:,.1f}"
        )
        text_ = (
            f"{self.name:<22} median {self.median_ms:8.1f} ms  p95 {self.p95_ms:8.1f} ms  "
            f"queries {queries}  bytes {self.size:,}"
        )
        if self.cpu:
            text_ += f"  cpu {self.cpu_median_ms:.1f} ms p95 {self.cpu_p95_ms:.1f} ms"
        return f"{text_}  ({self.note})" if self.note else text_


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


# --- the bench -----------------------------------------------------------------------------


@dataclass
class Bench:
    """The scratch app and what benchmarks need to measure it."""

    app: Flask
    rounds: int
    pupils: int
    results: dict[str, Figure] = field(default_factory=dict)
    statements: list[str] = field(default_factory=list)
    _server: Server | None = None

    def server(self) -> Server:
        """The scratch app under gunicorn, started on first use (stopped by :meth:`close`)."""
        if self._server is None:
            self._server = Server(self.app)
            self._server.start()
        return self._server

    def close(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def measure_http(
        self, name: str, path: str, *, cookie: str | None = None, expect: int = 200, note: str = ""
    ) -> Figure:
        """Time ``rounds`` GETs of ``path`` over HTTP through gunicorn (after one warm-up
        request that is not counted), with the worker's CPU time and statements of each."""
        server = self.server()
        status, body = server.get(path, cookie)
        self._check_status(name, status, expect)
        server.meter()  # forget the warm-up
        seconds = []
        for _ in range(self.rounds):
            start = time.perf_counter()
            status, body = server.get(path, cookie)
            seconds.append(time.perf_counter() - start)
            self._check_status(name, status, expect)
        seen = server.meter()
        statements = sum(count for _cpu, count in seen) / max(len(seen), 1)
        figure = Figure(name, seconds, statements, len(body), note, cpu=[c for c, _ in seen])
        self.results[name] = figure
        return figure

    @staticmethod
    def _check_status(name: str, status: int, expect: int) -> None:
        if status != expect:
            raise click.ClickException(
                f"{name}: expected HTTP {expect}, got {status}; not measured."
            )

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
    """``figure`` and, beside it, ``<name>-bare``: a route on the same app, through the same
    gunicorn, that returns ``body`` (the page's bytes) without any work (and without the
    session cookie, so no one is loaded). The ratios of the medians, the 95th percentiles and
    the CPU times go in the note."""
    name = f"{figure.name}-bare"
    bench.server().put(f"/_bench/same-bytes/{name}", body)
    floor = bench.measure_http(
        name,
        f"/_bench/same-bytes/{name}",
        note="the same bytes from a route that does nothing, same gunicorn",
    )
    ratio = f"{figure.median_ms / floor.median_ms:.1f}× the bare route"
    if figure.cpu and floor.cpu_median_ms:
        ratio = (
            f"p95 {figure.p95_ms / floor.p95_ms:.1f}×, "
            f"cpu {figure.cpu_median_ms / floor.cpu_median_ms:.1f}×; {ratio}"
        )
    figure.note = f"{figure.note}; {ratio}" if figure.note else ratio
    return [figure, floor]


def session_cookie(client) -> str | None:
    """The ``Cookie`` header of a test client signed in by :meth:`Bench.client`."""
    cookie = client.get_cookie("session")
    return f"session={cookie.value}" if cookie else None


def measure_page(bench: Bench, name: str, client, path: str, note: str = "") -> list[Figure]:
    """A page's figure over HTTP through gunicorn, signed in as ``client`` is, and its bare
    route's figure (see :func:`beside_bare`)."""
    cookie = session_cookie(client)
    status, body = bench.server().get(path, cookie)
    bench._check_status(name, status, 200)
    figure = bench.measure_http(name, path, cookie=cookie, note=note)
    return beside_bare(bench, figure, body)


# --- the server --------------------------------------------------------------------------------

STATEMENTS = [0]  # statements sent in this process (transaction BEGINs left out)


def _count(_conn, _cursor, statement: str, *_args) -> None:
    if not statement.lstrip().upper().startswith("BEGIN"):
        STATEMENTS[0] += 1


class Meter:
    """WSGI middleware in the gunicorn worker: each request's CPU time (this thread's, with
    the body made) and statements, read and cleared by ``GET /_bench/meter``."""

    def __init__(self, app) -> None:
        self.app = app
        self.seen: list[tuple[float, int]] = []

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == "/_bench/meter":
            body = json.dumps(self.seen).encode()
            self.seen = []
            start_response("200 OK", [("Content-Type", "application/json")])
            return [body]
        cpu, before = time.thread_time(), STATEMENTS[0]
        result = self.app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        self.seen.append((time.thread_time() - cpu, STATEMENTS[0] - before))
        return [body]


def _serve(app: Flask, port: int) -> None:
    """Run ``app`` under gunicorn: one sync worker, as in deployment but for the count. In a
    process group of its own, so that stopping it stops its worker too."""
    from gunicorn.app.base import BaseApplication

    os.setsid()

    class Gunicorn(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"127.0.0.1:{port}",
                "workers": 1,
                "worker_class": "sync",
                "timeout": 120,
                "loglevel": "warning",
                "accesslog": None,
            }.items():
                self.cfg.set(key, value)

        def load(self):
            return Meter(app)

    Gunicorn().run()


class Server:
    """The scratch app under gunicorn in a forked process, on a free local port."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.port = 0
        self.process = None

    def start(self) -> None:
        with self.app.app_context():
            from journal.extensions import db as database

            database.engine.dispose()  # the worker opens its own connections
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = multiprocessing.get_context("fork").Process(
            target=_serve, args=(self.app, self.port), daemon=True
        )
        self.process.start()
        deadline = time.monotonic() + 60
        while True:
            try:
                self.meter()
                return
            except OSError:
                if time.monotonic() > deadline or not self.process.is_alive():
                    raise click.ClickException("gunicorn did not start for the bench.") from None
                time.sleep(0.1)

    def stop(self) -> None:
        """Stop gunicorn and its worker: SIGTERM to the group, SIGKILL if it lingers. A process
        left behind would keep the files the parent had open (a test run's browser driver's
        pipes among them) and hold up whoever waits for them to close."""
        if self.process is None:
            return
        for sent, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.process.pid, sent)
            except ProcessLookupError:
                break
            self.process.join(wait)
            if not self.process.is_alive():
                break
        self.process = None

    def _request(self, method: str, path: str, headers: dict, body: bytes | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def get(self, path: str, cookie: str | None = None) -> tuple[int, bytes]:
        return self._request("GET", path, {"Cookie": cookie} if cookie else {})

    def put(self, path: str, body: bytes) -> None:
        status, _ = self._request("PUT", path, {"Content-Type": "application/octet-stream"}, body)
        if status != 204:
            raise click.ClickException(f"the bench's bare route refused {path}: HTTP {status}")

    def meter(self) -> list[tuple[float, int]]:
        _status, body = self._request("GET", "/_bench/meter", {})
        return [tuple(row) for row in json.loads(body)]


def add_bare_route(app: Flask) -> None:
    """Throwaway routes on the scratch app that store (PUT) and return (GET) a page's bytes
    and do nothing else (registered before the first request, as Flask requires), and the
    count of statements the server's meter reads."""
    bodies: dict[str, bytes] = {}
    app.extensions[SAME_BYTES] = bodies
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", _count)

    @app.get("/_bench/same-bytes/<name>")
    def same_bytes(name: str) -> Response:
        return Response(bodies[name], mimetype="text/html")

    @app.put("/_bench/same-bytes/<name>")
    def keep_bytes(name: str) -> Response:
        bodies[name] = request.get_data()
        return Response(status=204)
