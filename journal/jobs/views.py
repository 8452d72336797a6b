"""A job's page (its progress, polled by htmx every second and refreshed without JavaScript
every three), its file, and a retry for a job that failed."""

from __future__ import annotations

from flask import Response, abort, redirect, render_template, url_for
from flask_login import current_user, login_required

from journal.extensions import db, htmx
from journal.media.storage import storage

from . import bp, operations
from .models import DONE, FAILED, Job
from .permissions import can_see_job


def job_for(user, job_id: int) -> Job:
    """Load a job ``user`` may see, or 404: another person's job looks like no job."""
    job = db.session.get(Job, job_id)
    if job is None or not can_see_job(user, job):
        abort(404)
    return job


def start_and_show(kind: str, *, pupil_id: int | None, **params):
    """Start a job for the signed-in person (the caller has checked permission and added its
    audit row), commit, queue it, and send them to its page."""
    job = operations.start(kind, user=current_user, pupil_id=pupil_id, **params)
    db.session.commit()
    operations.enqueue(job)
    return redirect(url_for("jobs.show", job_id=job.id), code=303)


@bp.route("/jobs/<int:job_id>")
@login_required
def show(job_id: int):
    job = job_for(current_user, job_id)
    if htmx:
        return render_template("jobs/_status.html", job=job)
    return render_template("jobs/show.html", job=job)


@bp.route("/jobs/<int:job_id>/file")
@login_required
def file(job_id: int):
    job = job_for(current_user, job_id)
    if job.state != DONE or job.result_key is None:
        abort(404)
    response = Response(storage().get(job.result_key), mimetype=job.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
@login_required
def retry(job_id: int):
    job = job_for(current_user, job_id)
    if job.state != FAILED:
        return redirect(url_for("jobs.show", job_id=job.id), code=303)
    operations.retry(job)
    db.session.commit()
    operations.enqueue(job)
    return redirect(url_for("jobs.show", job_id=job.id), code=303)
