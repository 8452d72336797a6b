"""The pages' benchmarks: the sign-in page and a real sign-in, each role's home, the bare floor
under them, and the demo pupil's timeline with 500 entries (first and last page)."""

from __future__ import annotations

import math

import click
from flask import Flask, Response
from sqlalchemy import select

from journal.accounts.operations import find_by_login
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.entries.queries import PAGE_SIZE
from journal_demo.common import DEMO_PASSWORD

from .common import SIGN_IN_AS, TIMELINE_ENTRIES, Bench, Benchmark, Figure, measure_page

HOMES = (  # (benchmark, who signs in)
    ("home-pupil", "pupil"),
    ("home-tutor", "tutor"),
    ("home-careers-leader", "careers"),
    ("home-admin", "admin"),
)


def sign_in_page(bench: Bench) -> list[Figure]:
    client = bench.client()
    return [bench.measure("sign-in-page", lambda: client.get("/sign-in"))]


def sign_in(bench: Bench) -> list[Figure]:
    """A real sign-in: argon2id verifies the password with the configured (real) cost."""

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


def home(name: str, username: str) -> Benchmark:
    """The benchmark of the home page of ``username``, named ``name``."""

    def page(bench: Bench) -> list[Figure]:
        return measure_page(bench, name, bench.client(username), "/")

    page.__name__ = name.replace("-", "_")
    return page


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


def timeline(bench: Bench) -> list[Figure]:
    """The demo pupil's timeline with 500 entries: the first page, and the last (the deepest
    offset), each beside its bare route."""
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
    with app.app_context():
        pupil = find_by_login(username).pupil
        return db.session.scalar(select(db.func.count(Entry.id)).where(Entry.pupil_id == pupil.id))
