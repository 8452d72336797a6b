"""Starting, running, retrying and rescuing jobs.

A job's row is claimed atomically (``queued`` → ``running``, attempts + 1, a lease), and a
thread renews the lease while the job runs. A worker killed mid-job leaves a ``running`` row
whose lease passes; :func:`rescue` (at worker start and every ``JOBS_SWEEP_SECONDS``) puts it
back on the queue, so it runs again, up to ``MAX_ATTEMPTS`` times."""

from __future__ import annotations

import threading
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update

from journal.accounts.models import User
from journal.calendar import utcnow
from journal.database import READ_ONLY
from journal.extensions import db
from journal.media.storage import storage

from . import queue
from .kinds import KINDS, Refused
from .models import DONE, FAILED, QUEUED, RUNNING, Job

MAX_ATTEMPTS = 3
LOST = (
    "The computer making this file stopped {n} times before it was finished. "
    "Please try again in a few minutes; if it happens again, tell the school's office."
)
BROKE = (
    "Something went wrong while making this file, and it was not made. The problem has been "
    "recorded. Please try again; if it happens again, tell the school's office."
)


def lease() -> timedelta:
    return timedelta(seconds=current_app.config.get("JOBS_LEASE_SECONDS", 60))


def start(kind: str, *, user: User, pupil_id: int | None, **params) -> Job:
    """A new queued job (the caller commits, then calls :func:`enqueue`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job(kind=kind, user_id=user.id, pupil_id=pupil_id, params=params, state=QUEUED)
    db.session.add(job)
    db.session.flush()
    return job


def enqueue(job: Job) -> None:
    queue.enqueue(job.id)


def retry(job: Job) -> None:
    """A failed job, queued again from its first attempt (the caller commits, then enqueues)."""
    job.state, job.attempts, job.error, job.progress = QUEUED, 0, "", ""
    job.queued_at, job.finished_at, job.lease_until = utcnow(), None, None


def _claim(job_id: int) -> bool:
    """Take the job if it is still queued: one worker runs it, however often it was queued."""
    now = utcnow()
    claimed = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == QUEUED)
        .values(
            state=RUNNING,
            attempts=Job.attempts + 1,
            started_at=now,
            lease_until=now + lease(),
            progress="Started",
        )
    ).rowcount
    db.session.commit()
    return claimed == 1


class _Heartbeat(threading.Thread):
    """Renews the lease every third of it, on its own connection, until stopped."""

    def __init__(self, app, job_id: int) -> None:
        super().__init__(daemon=True, name=f"job-{job_id}-heartbeat")
        self.app, self.job_id, self.stopping = app, job_id, threading.Event()

    def run(self) -> None:
        with self.app.app_context():
            every = lease().total_seconds() / 3
            while not self.stopping.wait(every):
                with db.engine.begin() as connection:
                    connection.execute(
                        update(Job)
                        .where(Job.id == self.job_id, Job.state == RUNNING)
                        .values(lease_until=utcnow() + lease())
                    )


def run_job(job_id: int) -> None:
    """Run one job as the person who asked; its file goes to storage, or its error to the row."""
    if not _claim(job_id):
        return
    heartbeat = _Heartbeat(current_app._get_current_object(), job_id)
    heartbeat.start()
    # The work itself only reads: in a transaction that takes no write lock (SQLite), ended
    # before the result is written.
    db.session.connection(execution_options={READ_ONLY: True})
    job = db.session.get(Job, job_id)
    kind = job.kind
    outcome = {"state": DONE, "progress": "Ready", "error": ""}
    try:
        user = db.session.get(User, job.user_id)
        made = KINDS[kind].make(job, user, lambda words: _say(job_id, words))
        outcome |= {
            "result_key": storage().put(made.data, made.media_type),
            "result_name": made.name,
            "media_type": made.media_type,
        }
    except Refused as refused:
        outcome |= {"state": FAILED, "error": str(refused)}
    except Exception:
        current_app.logger.exception("job %s (%s) failed", job_id, kind)
        outcome |= {"state": FAILED, "error": BROKE}
    finally:
        heartbeat.stopping.set()
        db.session.rollback()
    db.session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(finished_at=utcnow(), lease_until=None, **outcome)
    )
    db.session.commit()


def _say(job_id: int, words: str) -> None:
    """Progress for the page to show, written on a connection of its own."""
    with db.engine.begin() as connection:
        connection.execute(update(Job).where(Job.id == job_id).values(progress=words[:200]))


def rescue() -> list[int]:
    """Queue again every job whose worker died (a running job past its lease, or a queued job
    whose message was lost, queued longer than a lease ago); fail those out of attempts.
    Returns the ids queued again."""
    now = utcnow()
    stale = db.session.scalars(
        select(Job).where(
            or_(
                and_(Job.state == RUNNING, Job.lease_until < now),
                and_(Job.state == QUEUED, Job.queued_at < now - lease()),
            )
        )
    ).all()
    again = []
    for job in stale:
        if job.attempts >= MAX_ATTEMPTS:
            job.state, job.error, job.finished_at = FAILED, LOST.format(n=job.attempts), now
            continue
        job.state, job.queued_at, job.lease_until = QUEUED, now, None
        again.append(job.id)
    db.session.commit()
    for job_id in again:
        queue.enqueue(job_id)
    return again
