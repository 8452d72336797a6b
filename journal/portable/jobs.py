"""The passport file as a job (``journal.jobs``): the pupil's own copy and a leaver's copy for
staff, made by a worker with the same checks as the download page."""

from __future__ import annotations

from collections.abc import Callable

from werkzeug.exceptions import HTTPException

from journal.accounts.models import User
from journal.extensions import db
from journal.jobs.kinds import Kind, Made, Refused, register
from journal.jobs.models import Job
from journal.schools.models import Pupil
from journal.schools.queries import pupil_for

from .export import download_name, passport_zip
from .permissions import can_export_own, can_transfer


def _passport_pupil(job: Job, user: User) -> Pupil:
    """The pupil whose passport this is, checked as ``journal.portable.views`` checks it."""
    if job.params.get("include_drafts"):
        if not can_export_own(user) or user.pupil.id != job.pupil_id:
            raise Refused("Only you can download your own passport.")
        return user.pupil
    try:
        pupil = pupil_for(user, job.pupil_id)
    except HTTPException as refused:
        raise Refused("You can no longer see this pupil's record.") from refused
    if not can_transfer(user, pupil):
        raise Refused("Only careers staff and school admins can download a passport file.")
    return pupil


def _make_passport(job: Job, user: User, say: Callable[[str], None]) -> Made:
    pupil = _passport_pupil(job, user)
    say("Gathering the record and making the PDF copy")
    data = passport_zip(pupil, include_drafts=bool(job.params.get("include_drafts")))
    return Made(data, download_name(pupil), "application/zip")


def _may_see_passport(user: User, job: Job) -> bool:
    """Staff see a leaver's file (never a pupil's own copy, which holds drafts) if they could
    download it themselves."""
    if job.params.get("include_drafts") or job.pupil_id is None:
        return False
    pupil = db.session.get(Pupil, job.pupil_id)
    return pupil is not None and can_transfer(user, pupil)


register("passport", Kind("Passport file", _make_passport, _may_see_passport))
