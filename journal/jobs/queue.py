"""The queue under the jobs: huey. ``SqliteHuey`` in the instance folder serves one server with
no other service; ``RedisHuey`` when ``REDIS_URL`` is set serves several app servers and
workers. In tests (``JOBS_IMMEDIATE``) huey runs each job as it is enqueued, in-process.

huey only carries a job's id: the ``jobs`` row is the truth (see ``operations``), because huey
removes a message from the queue before running it, so a worker killed mid-job would lose it."""

from __future__ import annotations

import os

from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey

TASK = "journal.jobs.run"


def make_huey(app: Flask) -> Huey:
    """The app's huey, with the one task that runs a job row by id inside ``app``."""
    immediate = app.config.get("JOBS_IMMEDIATE", app.testing)
    if app.config.get("REDIS_URL") and not immediate:
        huey = RedisHuey("careers-passport", url=app.config["REDIS_URL"])
    else:
        filename = os.path.join(app.instance_path, "jobs-queue.sqlite3")
        huey = SqliteHuey("careers-passport", filename=filename, immediate=immediate)

    def run(job_id: int) -> None:
        from .operations import run_job

        if immediate:  # in-process: the request's own app and session
            run_job(job_id)
            return
        with app.app_context():
            run_job(job_id)

    huey.run_job = huey.task(name=TASK, retries=0)(run)
    return huey


def huey() -> Huey:
    return current_app.extensions["huey"]


def enqueue(job_id: int) -> None:
    """Put a job on the queue (after the transaction that made its row has committed)."""
    huey().run_job(job_id)
