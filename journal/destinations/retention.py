"""The retention rule for former pupils' destinations (explained to families on the page
``destinations.retention_explained``; the same words are in docs/destinations-exchange.md).

Schools keep destinations for at least three years after a pupil leaves (Gatsby Benchmark 3).
Here a leaver is asked at three checkpoints (1 November one, two and three years after the
school year they left). The school then keeps the full record for ``KEEP_AFTER_LAST_CHECKPOINT``
more, so it can report that year's figures to governors and to the local authority. After that:

1. the former pupil's sign-in is closed (no password, no email, sessions ended);
2. their role-model listing is removed;
3. their destination records keep only what the school's figures need (stage, NCCIS code,
   dates, where it came from); the provider or employer name and any note are erased.

The pupil record itself (name, UPN, date of birth) and the passport are not touched here: they
follow the school's general records policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, or_, select, update

from journal.accounts.models import User
from journal.audit.operations import record
from journal.calendar import destination_checkpoints, today
from journal.extensions import db
from journal.schools.models import Pupil

from .models import DestinationRecord, RoleModel

KEEP_AFTER_LAST_CHECKPOINT = timedelta(days=365)


def retention_ends(left_on: date) -> date:
    """The day after which a leaver's destination records are reduced and sign-in closed."""
    return destination_checkpoints(left_on)[-1] + KEEP_AFTER_LAST_CHECKPOINT


@dataclass
class RetentionResult:
    pupils: int = 0
    accounts_closed: int = 0
    records_reduced: int = 0
    role_models_removed: int = 0


def due_pupils(on: date, school_id: int | None = None) -> list[Pupil]:
    """Former pupils whose retention period has ended on ``on`` (one query)."""
    # retention ends at least four years and two months after leaving: narrow in SQL first
    query = select(Pupil).where(Pupil.left_on <= on - timedelta(days=4 * 365))
    if school_id is not None:
        query = query.where(Pupil.school_id == school_id)
    return [p for p in db.session.scalars(query) if retention_ends(p.left_on) <= on]


def apply_retention(
    on: date | None = None, *, school_id: int | None = None, dry_run: bool = False
) -> RetentionResult:
    """Apply the rule to every former pupil past their retention period. Running it again
    changes nothing more. A fixed number of queries whatever the number of pupils."""
    on = on or today()
    pupils = due_pupils(on, school_id)
    result = RetentionResult(pupils=len(pupils))
    ids = [p.id for p in pupils]
    user_ids = [p.user_id for p in pupils if p.user_id is not None]
    if not ids:
        return result
    open_accounts = select(User.id).where(
        User.id.in_(user_ids),
        or_(User.is_enabled.is_(True), User.password_hash.is_not(None), User.email.is_not(None)),
    )
    detailed = (DestinationRecord.pupil_id.in_(ids)) & (
        (DestinationRecord.provider != "") | (DestinationRecord.note != "")
    )
    result.accounts_closed = len(db.session.scalars(open_accounts).all())
    result.records_reduced = db.session.scalar(
        select(db.func.count(DestinationRecord.id)).where(detailed)
    )
    result.role_models_removed = db.session.scalar(
        select(db.func.count(RoleModel.id)).where(RoleModel.pupil_id.in_(ids))
    )
    if dry_run:
        return result
    db.session.execute(
        update(User)
        .where(User.id.in_(user_ids))
        .values(
            is_enabled=False,
            password_hash=None,
            email=None,
            session_version=User.session_version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(DestinationRecord)
        .where(detailed)
        .values(provider="", note="")
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        delete(RoleModel)
        .where(RoleModel.pupil_id.in_(ids))
        .execution_options(synchronize_session=False)
    )
    changed = result.accounts_closed or result.records_reduced or result.role_models_removed
    for school in sorted({p.school_id for p in pupils}) if changed else ():
        record(
            "destinations_retention_applied",
            school_id=school,
            on=on.isoformat(),
            pupils=sum(1 for p in pupils if p.school_id == school),
        )
    return result
