"""Offline use's figures for ``flask --app journal bench``: what a phone downloads for the app
to work offline, and how fast the server takes entries sent from the queue.

Registered in ``journal_bench/run.py`` as the ``offline`` benchmark (``bench_offline`` takes
the :class:`journal_bench.common.Bench`). Figures:

- ``offline-record-form``: the record form page; the note gives the gzipped bytes of the
  JavaScript the pupil's pages load (and of ``offline.js`` alone);
- ``offline-worker``: the service worker script; the note gives the precache (files, bytes,
  gzipped bytes);
- ``offline-queued-send``: one entry sent from the queue (a new client id each round); the
  note gives the server's time for 20 (the browser test prints the whole round trip).
"""

from __future__ import annotations

import gzip
import re
import uuid
from pathlib import Path

from journal import assets
from journal.offline import precache

from .common import Bench, Figure

SCRIPT = re.compile(r'<script[^>]+src="/static/([^"?]+)')


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def sent_gzipped(app, name: str) -> int:
    """The bytes sent for the static file ``name`` (hashed or plain; minified) to a browser
    that accepts gzip (pictures are sent as they are)."""
    found = app.extensions[assets.EXTENSION_KEY]
    asset = found.by_hashed.get(name) or found.asset(name)
    return len(asset.encoded("gzip")) if asset.text else len(asset.body)


def _scripts_of(html: str) -> list[str]:
    return list(dict.fromkeys(SCRIPT.findall(html)))


def bench_offline(bench: Bench) -> list[Figure]:
    app = bench.app
    client = bench.client("pupil")
    static = Path(app.static_folder)

    form_html = bench.isolated(client.get, "/passport/new/encounter").get_data(as_text=True)
    home_html = bench.isolated(client.get, "/").get_data(as_text=True)
    scripts = _scripts_of(form_html + home_html)
    js = sum(sent_gzipped(app, name) for name in scripts)
    own = sent_gzipped(app, "js/offline.js")
    form = bench.measure(
        "offline-record-form",
        lambda: client.get("/passport/new/encounter"),
        note=f"pupil pages load {len(scripts)} scripts, {js:,} bytes gzipped (offline.js {own:,})",
    )

    files = [static / name for name in precache.PRECACHE]
    size = sum(p.stat().st_size for p in files)
    packed = sum(sent_gzipped(app, name) for name in precache.PRECACHE)
    worker = bench.measure(
        "offline-worker",
        lambda: client.get("/service-worker.js"),
        note=f"precache {len(files)} files, {size:,} bytes ({packed:,} gzipped)",
    )

    def send():
        data = {
            "client_id": str(uuid.uuid4()),
            "kind": "encounter",
            "category": "fe_college",
            "organisation": "Bench College",
            "occurred_on": "2026-10-14",
            "what_i_did": "Looked round.",
            "save": "Save",
        }
        if app.config.get("WTF_CSRF_ENABLED", True):
            data["csrf_token"] = client.get("/offline/token").get_json()["csrf_token"]
        return client.post("/passport/new/encounter", data=data, headers={"X-Queued-Entry": "1"})

    queued = bench.measure("offline-queued-send", send)
    queued.note = f"20 queued entries ≈ {queued.median_ms * 20:,.0f} ms of server time"
    return [form, worker, queued]
