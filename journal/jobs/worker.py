"""``flask --app journal jobs worker``: the huey consumer beside the app (``./dev start`` runs
one). Before taking work it warms the PDF engines (so the first PDF after a start is not the
slow one) and queues again any job a dead worker left; then it sweeps for such jobs every
``JOBS_SWEEP_SECONDS``."""

from __future__ import annotations

import threading
import time

import click
from flask import Flask, current_app

from . import bp
from .kinds import WARMERS
from .operations import rescue
from .queue import huey


def warm_engines(app: Flask) -> float:
    """Run what the domains asked to run before a worker takes work (``kinds.WARMERS``: the PDF
    engines' imports and fonts); returns the seconds."""
    started = time.perf_counter()
    with app.app_context():
        for warm in WARMERS:
            warm()
    return time.perf_counter() - started


def _sweep(app: Flask, every: float) -> None:
    while True:
        time.sleep(every)
        try:
            with app.app_context():
                rescue()
        except Exception:  # a database hiccup must not end the sweeping
            app.logger.exception("job sweep failed")


@bp.cli.command("worker")
@click.option("--threads", default=1, show_default=True, help="Jobs run at once.")
@click.option("--no-warm", is_flag=True, help="Do not warm the PDF engines first.")
def worker_cmd(threads: int, no_warm: bool) -> None:
    """Run jobs from the queue until stopped."""
    from huey.consumer import Consumer

    app = current_app._get_current_object()
    if not no_warm:
        click.echo(f"jobs: PDF engines warmed in {warm_engines(app):.2f} s")
    queued = rescue()
    if queued:
        click.echo(f"jobs: queued again {len(queued)} job(s) a stopped worker left")
    every = float(app.config.get("JOBS_SWEEP_SECONDS", 30))
    threading.Thread(target=_sweep, args=(app, every), daemon=True, name="job-sweep").start()
    Consumer(huey(), workers=threads, worker_type="thread").run()
