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
from .operations import rescue
from .queue import huey


def warm_engines(app: Flask) -> float:
    """Import WeasyPrint and Typst and make one small PDF with each; returns the seconds."""
    from journal.documents.exports import html_to_pdf
    from journal.documents.typeset import font_folder

    started = time.perf_counter()
    with app.app_context():
        html_to_pdf("<!doctype html><html lang='en-GB'><title>warm</title><p>Warm</p></html>")
        import typst

        typst.compile(
            b"#set document(title: [warm])\nWarm",
            format="pdf",
            font_paths=[font_folder()],
            ignore_system_fonts=True,
        )
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
