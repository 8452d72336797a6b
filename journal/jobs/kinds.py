"""What each kind of job makes, run as the person who asked with the same permission checks as
the download it replaces. A kind that is refused raises :class:`Refused` with plain words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from werkzeug.exceptions import HTTPException

from journal.accounts.models import User
from journal.extensions import db
from journal.schools.models import Pupil

from .models import Job


class Refused(Exception):
    """The person may no longer have this file; the message says why in plain words."""


@dataclass(frozen=True)
class Made:
    data: bytes
    name: str
    media_type: str


@dataclass(frozen=True)
class Kind:
    label: str
    make: Callable[[Job, User, Callable[[str], None]], Made]
    may_see: Callable[[User, Job], bool]


def _passport_pupil(job: Job, user: User) -> Pupil:
    """The pupil whose passport this is, checked as ``journal.portable.views`` checks it."""
    from journal.portable.permissions import can_export_own, can_transfer
    from journal.schools.queries import pupil_for

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
    from journal.portable.export import download_name, passport_zip

    pupil = _passport_pupil(job, user)
    say("Gathering the record and making the PDF copy")
    data = passport_zip(pupil, include_drafts=bool(job.params.get("include_drafts")))
    return Made(data, download_name(pupil), "application/zip")


def _may_see_passport(user: User, job: Job) -> bool:
    """Staff see a leaver's file (never a pupil's own copy, which holds drafts) if they could
    download it themselves."""
    from journal.portable.permissions import can_transfer

    if job.params.get("include_drafts") or job.pupil_id is None:
        return False
    pupil = db.session.get(Pupil, job.pupil_id)
    return pupil is not None and can_transfer(user, pupil)


KINDS: dict[str, Kind] = {
    "passport": Kind("Passport file", _make_passport, _may_see_passport),
}
