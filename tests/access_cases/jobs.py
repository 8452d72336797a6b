"""Access cases for jobs: a job's page, file and retry are for the person who asked, and for
staff who could have downloaded the same file (a leaver's passport: careers staff and admins of
the pupil's school); everyone else gets a 404, as for no job at all."""

from __future__ import annotations

from journal.extensions import db
from journal.jobs.models import DONE, FAILED, Job
from journal.media.storage import storage
from tests.access_support import ROLES, only

TRANSFER = ("careers_leader", "careers_adviser", "senco", "school_admin")


def job_of(w, *, own: bool, state: str) -> Job:
    """A finished passport job (made on first use): the pupil's own copy, or a leaver's file
    asked for by the careers leader."""
    user = w.users["pupil"] if own else w.users["careers_leader"]
    params = {"include_drafts": own, "access_case": state}
    for job in db.session.scalars(db.select(Job).where(Job.user_id == user.id)):
        if job.params == params:
            return job
    job = Job(kind="passport", user_id=user.id, pupil_id=w.pupil.id, params=params, state=state)
    if state == DONE:
        job.result_key = storage().put(b"PK a file", "application/zip")
        job.result_name, job.media_type = "Maya-passport.passport.zip", "application/zip"
    else:
        job.error = "It went wrong."
    db.session.add(job)
    db.session.commit()
    return job


def _url(suffix: str, *, own: bool, state: str = DONE):
    return lambda w: f"/jobs/{job_of(w, own=own, state=state).id}{suffix}"


OWN = only({"pupil"}, others=404)
LEAVER = only(TRANSFER, others=404)
NONE = {role: (302 if role == "anonymous" else 404) for role in ROLES}

CASES = {
    "jobs.show": [
        ("GET", _url("", own=True), OWN),
        ("GET", _url("", own=False), LEAVER),
        ("GET", lambda w: "/jobs/999999", NONE),
    ],
    "jobs.file": [
        ("GET", _url("/file", own=True), OWN),
        ("GET", _url("/file", own=False), LEAVER),
        ("GET", _url("/file", own=True, state=FAILED), only({"pupil"}, 404, others=404)),
    ],
    "jobs.retry": [
        # retrying runs the job again as the person who asked (the careers leader): 303 to it
        ("POST", _url("/retry", own=False, state=FAILED), only(TRANSFER, 303, others=404)),
        ("POST", _url("/retry", own=True, state=DONE), only({"pupil"}, 303, others=404)),
    ],
}
