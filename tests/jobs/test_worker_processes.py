"""Real worker processes on a real queue (SqliteHuey in the instance folder): a worker killed
with SIGKILL in the middle of a 500-entry passport export leaves a job that a second worker
runs to completion; and the same export asked for over HTTP from gunicorn with a 30 s timeout
comes back as the file. Both check the file with the project's own importer."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask_migrate import upgrade

from journal.accounts.operations import find_by_login
from journal.database import READ_ONLY
from journal.extensions import db
from journal.jobs import operations
from journal.jobs.models import DONE, RUNNING, Job
from journal.media.storage import storage
from journal.portable.verify import check
from journal_demo.common import DEMO_PASSWORD
from journal_demo.passports import add_demo_entries
from journal_demo.school import seed_demo
from journal_demo.scratch import scratch_app
from tests.factories import Factory

ROOT = Path(__file__).resolve().parents[2]
FLASK = str(Path(sys.executable).with_name("flask"))
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
ENTRIES = 500

# A deployment of its own on disk (file SQLite), whatever TEST_DATABASE_URL says: the split
# guard sees its SQL, so it is marked as talking to a database.
pytestmark = pytest.mark.database


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """A scratch deployment on disk (file SQLite, its own instance folder) whose demo pupil has
    500 entries, a joining pupil at another school to import into, and the environment that
    makes a worker or gunicorn use it."""
    folder = tmp_path_factory.mktemp("jobs-deployment")
    app = scratch_app(folder, JOBS_IMMEDIATE=False)
    with app.app_context():
        upgrade()
        seed_demo(pupils=3)
        pupil = find_by_login("pupil").pupil
        add_demo_entries(pupil, ENTRIES)
        make = Factory()
        other = make.school("Hilltop School", urn="200002")
        make.pupil(
            other,
            first=pupil.first_name,
            last=pupil.last_name,
            upn=pupil.upn,
            date_of_birth=pupil.date_of_birth,
        )
        db.session.commit()
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env |= {
        "JOURNAL_INSTANCE_PATH": str(folder / "instance"),
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "JOBS_LEASE_SECONDS": "2",
        "JOBS_SWEEP_SECONDS": "1",
        "RATELIMIT_ENABLED": "0",
        "FLASK_APP": "journal",
    }
    yield app, env
    with app.app_context():
        db.engine.dispose()


def _worker(env) -> subprocess.Popen:
    log = open(Path(env["JOURNAL_INSTANCE_PATH"]) / "worker.log", "ab")  # noqa: SIM115
    return subprocess.Popen(
        [FLASK, "jobs", "worker", "--no-warm"], cwd=ROOT, env=env, stdout=log, stderr=log
    )


def _job(app, job_id: int) -> SimpleNamespace:
    """The job's row as it is now, read in a transaction that ends at once (SQLite
    transactions here begin IMMEDIATE: an open one would lock the worker out)."""
    db.session.expire_all()
    db.session.rollback()
    db.session.connection(execution_options={READ_ONLY: True})
    job = db.session.get(Job, job_id)
    seen = SimpleNamespace(**{c.key: getattr(job, c.key) for c in Job.__table__.columns})
    db.session.rollback()
    return seen


def _wait(app, job_id: int, until, seconds: float) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = _job(app, job_id)
        if until(job):
            return job
        time.sleep(0.01)
    raise AssertionError(f"job {job_id} still {job.state} after {seconds} s")


def _imports(app, data: bytes) -> None:
    """The project's own importer accepts the file for the joining pupil at Hilltop."""
    from journal.schools.models import Pupil, School

    hilltop = db.session.scalar(db.select(School).where(School.urn == "200002"))
    joiner = db.session.scalar(db.select(Pupil).where(Pupil.school_id == hilltop.id))
    checked = check(data, receiving=hilltop, pupil=joiner)
    assert checked.counts["entries"] == ENTRIES


def test_a_worker_killed_mid_job_has_its_job_run_again_to_completion(deployment):
    app, env = deployment
    with app.app_context():
        pupil = find_by_login("pupil").pupil
        job = operations.start("passport", user=pupil.user, pupil_id=pupil.id, include_drafts=True)
        db.session.commit()
        operations.enqueue(job)
        first = _worker(env)
        try:
            running = _wait(app, job.id, lambda j: j.state == RUNNING, 60)
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        finally:
            first.kill()
        killed = _job(app, job.id)
        assert (killed.state, killed.attempts, killed.result_key) == (RUNNING, 1, None)
        assert running.lease_until is not None

        second = _worker(env)
        try:
            done = _wait(app, job.id, lambda j: j.state == DONE, 180)
        finally:
            second.terminate()
            second.wait(10)
        assert done.attempts == 2
        assert done.error == ""
        _imports(app, storage().get(done.result_key))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _csrf(html: str) -> str:
    return (
        re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"|'
            r'name="csrf_token" value="([^"]+)"',
            html,
        )
        .group(0)
        .split('value="')[1][:-1]
    )


def test_a_500_entry_export_through_gunicorn_with_a_30_s_timeout(deployment):
    app, env = deployment
    port = _free_port()
    server = subprocess.Popen(
        [GUNICORN, "--bind", f"127.0.0.1:{port}", "--timeout", "30", "--workers", "1", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = _worker(env)
    try:
        jar = http.cookiejar.CookieJar()
        web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                page = web.open(f"{base}/sign-in", timeout=10).read().decode()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

        def post(path: str, fields: dict, token: str):
            body = urllib.parse.urlencode(fields | {"csrf_token": token}).encode()
            return web.open(f"{base}{path}", data=body, timeout=30)

        post("/sign-in", {"identifier": "pupil", "password": DEMO_PASSWORD}, _csrf(page))
        home = web.open(f"{base}/", timeout=30).read().decode()
        started = post("/passport/download", {}, _csrf(home))  # follows the 303 to the job
        job_url = started.geturl()
        assert re.fullmatch(rf"{base}/jobs/\d+", job_url)
        deadline = time.monotonic() + 180
        while 'data-job-state="done"' not in (
            status := web.open(job_url, timeout=30).read().decode()
        ):
            assert 'data-job-state="failed"' not in status
            assert time.monotonic() < deadline, status
            time.sleep(0.5)
        response = web.open(f"{job_url}/file", timeout=30)
        assert response.headers["Content-Type"] == "application/zip"
        with app.app_context():
            _imports(app, response.read())
    finally:
        for process in (worker, server):
            process.terminate()
            process.wait(10)
