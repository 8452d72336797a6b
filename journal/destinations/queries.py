"""Reads of destination records, alumni and role models. Each function runs a fixed number of
queries, whatever the number of pupils or records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from journal.calendar import destination_checkpoints, today
from journal.extensions import db
from journal.passport.plans.models import IntendedDestination
from journal.reference import destinations
from journal.schools.models import Pupil

from .models import DestinationRecord, RoleModel

CHECKPOINTS = ("checkpoint_1", "checkpoint_2", "checkpoint_3")


def nccis_label(code: str | None) -> str:
    """The NCCIS name of an activity code (not the pupil-facing wording of a choice)."""
    found = destinations.ACTIVITIES.get(code or "")
    return found.label if found else "Not recorded"


def records_of(pupil: Pupil) -> dict[str, list[DestinationRecord]]:
    """Stage -> the pupil's records there, newest first (one query). The first is current."""
    rows = db.session.scalars(
        select(DestinationRecord)
        .where(DestinationRecord.pupil_id == pupil.id)
        .options(joinedload(DestinationRecord.recorded_by))
        .order_by(DestinationRecord.id.desc())
    )
    history: dict[str, list[DestinationRecord]] = {}
    for row in rows:
        history.setdefault(row.stage, []).append(row)
    return history


def checkpoint_dates(pupil: Pupil) -> dict[str, date]:
    """Checkpoint stage -> the day it is due, for a leaver; empty for a pupil on roll."""
    if pupil.left_on is None:
        return {}
    return dict(zip(CHECKPOINTS, destination_checkpoints(pupil.left_on), strict=True))


def checkpoint_due(pupil: Pupil, on: date | None = None) -> tuple[str, date] | None:
    """The checkpoint a former pupil should be asked about now: the latest one whose day has
    come and that has no record yet (one query), or None."""
    on = on or today()
    due = [(stage, day) for stage, day in checkpoint_dates(pupil).items() if day <= on]
    if not due:
        return None
    stage, day = due[-1]
    answered = db.session.scalar(
        select(func.count(DestinationRecord.id)).where(
            DestinationRecord.pupil_id == pupil.id, DestinationRecord.stage == stage
        )
    )
    return None if answered else (stage, day)


@dataclass
class Leaver:
    pupil: Pupil
    current: dict[str, DestinationRecord]
    checkpoints: dict[str, date]


def leavers(school_id: int, *, limit: int = 300) -> list[Leaver]:
    """The school's former pupils, most recent leavers first, each with their current leaving
    and checkpoint records (two queries)."""
    pupils = list(
        db.session.scalars(
            select(Pupil)
            .where(Pupil.school_id == school_id, Pupil.left_on.is_not(None))
            .order_by(Pupil.left_on.desc(), Pupil.legal_last_name, Pupil.legal_first_name)
            .limit(limit)
        )
    )
    current = current_records([p.id for p in pupils], stages=("leaving", *CHECKPOINTS))
    return [Leaver(p, current.get(p.id, {}), checkpoint_dates(p)) for p in pupils]


def current_records(
    pupil_ids: list[int], *, stages: tuple[str, ...] | None = None
) -> dict[int, dict[str, DestinationRecord]]:
    """pupil id -> stage -> newest record (one query)."""
    if not pupil_ids:
        return {}
    newest = select(func.max(DestinationRecord.id)).where(DestinationRecord.pupil_id.in_(pupil_ids))
    if stages:
        newest = newest.where(DestinationRecord.stage.in_(stages))
    newest = newest.group_by(DestinationRecord.pupil_id, DestinationRecord.stage)
    found: dict[int, dict[str, DestinationRecord]] = {}
    for row in db.session.scalars(
        select(DestinationRecord).where(DestinationRecord.id.in_(newest))
    ):
        found.setdefault(row.pupil_id, {})[row.stage] = row
    return found


def role_models(school_id: int) -> list[RoleModel]:
    """The school's alumni who agreed to be role models and have not withdrawn (one query)."""
    return list(
        db.session.scalars(
            select(RoleModel)
            .join(Pupil, RoleModel.pupil_id == Pupil.id)
            .where(
                Pupil.school_id == school_id,
                RoleModel.agreed_at.is_not(None),
                RoleModel.withdrawn_at.is_(None),
            )
            .options(joinedload(RoleModel.pupil))
            .order_by(Pupil.left_on.desc(), Pupil.legal_last_name)
        )
    )


def role_model_of(pupil: Pupil) -> RoleModel | None:
    return db.session.scalar(select(RoleModel).where(RoleModel.pupil_id == pupil.id))


def passport_intentions(school_id: int) -> dict[int, dict[str, IntendedDestination]]:
    """pupil id -> passport stage ("16", "18") -> the pupil's own current choice (one query)."""
    newest = (
        select(func.max(IntendedDestination.id))
        .join(Pupil, IntendedDestination.pupil_id == Pupil.id)
        .where(Pupil.school_id == school_id, IntendedDestination.stage.in_(("16", "18")))
        .group_by(IntendedDestination.pupil_id, IntendedDestination.stage)
    )
    found: dict[int, dict[str, IntendedDestination]] = {}
    for row in db.session.scalars(
        select(IntendedDestination).where(IntendedDestination.id.in_(newest))
    ):
        found.setdefault(row.pupil_id, {})[row.stage] = row
    return found
