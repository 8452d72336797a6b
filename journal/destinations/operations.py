"""Writes about destinations. Each flushes and audits; the request commits once.

Records are never edited: a correction is a new record, so the history says who said what and
when. Leaving school does not close a pupil's account: they keep their sign-in as a former
pupil (alumnus) until the retention rule closes it (``journal.destinations.retention``).
"""

from __future__ import annotations

from datetime import date

from journal.accounts.models import User
from journal.audit.operations import record
from journal.calendar import utcnow
from journal.extensions import db
from journal.passport.plans.queries import latest_destinations
from journal.reference import destinations
from journal.schools.models import Pupil

from .models import GUARANTEE_STATUSES, SOURCES, STAGES, DestinationRecord, RoleModel


class DestinationError(ValueError):
    """A change that cannot be made, with a message for the person."""


def staff_opened(user: User, pupil: Pupil) -> None:
    """Staff reading a pupil's destinations is written to the audit log."""
    record("destinations_viewed", actor=user, pupil=pupil)


def record_destination(
    pupil: Pupil,
    stage: str,
    *,
    by: User | None,
    source: str,
    activity_code: str | None = None,
    guarantee_status: str | None = None,
    provider: str = "",
    effective_on: date | None = None,
    note: str = "",
) -> DestinationRecord:
    """Add a record for ``pupil`` at ``stage`` (it becomes the current one)."""
    if stage not in STAGES or source not in SOURCES:
        raise DestinationError(f"unknown stage {stage!r} or source {source!r}")
    if stage.startswith("guarantee"):
        if guarantee_status not in GUARANTEE_STATUSES:
            raise DestinationError("Choose the September Guarantee status.")
    elif activity_code not in destinations.ACTIVITIES:
        raise DestinationError("Choose an activity from the list.")
    row = DestinationRecord(
        pupil_id=pupil.id,
        stage=stage,
        activity_code=activity_code,
        guarantee_status=guarantee_status,
        provider=(provider or "").strip()[:200],
        effective_on=effective_on,
        source=source,
        note=(note or "").strip(),
        recorded_by_id=getattr(by, "id", None),
        recorded_at=utcnow(),
    )
    db.session.add(row)
    db.session.flush()
    record(
        "destination_recorded",
        actor=by,
        pupil=pupil,
        stage=stage,
        code=activity_code or guarantee_status,
        source=source,
    )
    return row


def confirm_intended(pupil: Pupil, passport_stage: str, *, by: User) -> DestinationRecord:
    """Staff confirm the pupil's own intended destination at 16 or 18: the passport's current
    choice becomes an ``intended_16``/``intended_18`` record, source staff."""
    choice = latest_destinations(pupil).get(passport_stage)
    if choice is None or choice.category not in destinations.ACTIVITIES:
        raise DestinationError(
            f"{pupil.first_name} has not chosen a destination here yet: use “Correct” instead."
        )
    return record_destination(
        pupil,
        f"intended_{passport_stage}",
        by=by,
        source="staff",
        activity_code=choice.category,
        provider=choice.detail,
        note="Confirmed from the pupil's passport.",
    )


def record_leaving(pupil: Pupil, left_on: date, *, by: User) -> None:
    """Record the day a pupil left. Their account stays open: they become a former pupil
    who is asked about their destination at each checkpoint."""
    if left_on < pupil.record_began_on:
        raise DestinationError("The leaving date is before the record began.")
    pupil.left_on = left_on
    db.session.flush()
    record("pupil_left", actor=by, pupil=pupil, left_on=left_on.isoformat())


def undo_leaving(pupil: Pupil, *, by: User) -> None:
    """A leaving date recorded by mistake is removed (the records made meanwhile stay)."""
    pupil.left_on = None
    db.session.flush()
    record("pupil_left_undone", actor=by, pupil=pupil)


def alumnus_update(
    pupil: Pupil, stage: str, code: str, *, provider: str = "", started_on: date | None = None
) -> DestinationRecord:
    """A former pupil says what they are doing now, at a checkpoint (source pupil)."""
    if code not in destinations.NOW_DOING:
        raise DestinationError("Choose what you are doing now.")
    return record_destination(
        pupil,
        stage,
        by=pupil.user,
        source="pupil",
        activity_code=code,
        provider=provider,
        effective_on=started_on,
    )


def agree_role_model(pupil: Pupil, *, now_doing: str, happy_to: str) -> RoleModel:
    """A former pupil agrees to be listed for careers staff (or changes what they said)."""
    found = db.session.query(RoleModel).filter_by(pupil_id=pupil.id).one_or_none()
    if found is None:
        found = RoleModel(pupil_id=pupil.id)
        db.session.add(found)
    found.now_doing = now_doing.strip()[:300]
    found.happy_to = happy_to.strip()[:300]
    found.agreed_at = utcnow()
    found.withdrawn_at = None
    db.session.flush()
    record("role_model_agreed", actor=pupil.user, pupil=pupil)
    return found


def withdraw_role_model(pupil: Pupil) -> bool:
    """The former pupil is no longer listed; what they wrote is cleared. True if they were."""
    found = db.session.query(RoleModel).filter_by(pupil_id=pupil.id).one_or_none()
    if found is None or found.withdrawn_at is not None:
        return False
    found.withdrawn_at = utcnow()
    found.now_doing = ""
    found.happy_to = ""
    db.session.flush()
    record("role_model_withdrawn", actor=pupil.user, pupil=pupil)
    return True
