"""Reading the audit log, always within one school."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from journal.accounts.models import User
from journal.extensions import db
from journal.schools.models import Pupil

from .models import AuditEvent

PAGE_SIZE = 50


def events_for_school(
    school_id: int,
    *,
    pupil_id: int | None = None,
    actor_id: int | None = None,
    pupil_text: str = "",
    actor_text: str = "",
    page: int = 1,
):
    """A page of events, newest first, filtered by pupil or person (by id or by name)."""
    query = select(AuditEvent).where(AuditEvent.school_id == school_id)
    if pupil_id:
        query = query.where(AuditEvent.pupil_id == pupil_id)
    if actor_id:
        query = query.where(AuditEvent.actor_id == actor_id)
    if pupil_text.strip():
        like = f"%{pupil_text.strip().lower()}%"
        pupils = select(Pupil.id).where(
            Pupil.school_id == school_id,
            or_(
                Pupil.upn == pupil_text.strip().upper(),
                func.lower(Pupil.legal_first_name + " " + Pupil.legal_last_name).like(like),
                func.lower(
                    func.coalesce(Pupil.preferred_first_name, "") + " " + Pupil.legal_last_name
                ).like(like),
            ),
        )
        query = query.where(AuditEvent.pupil_id.in_(pupils))
    if actor_text.strip():
        like = f"%{actor_text.strip().lower()}%"
        people = select(User.id).where(
            User.school_id == school_id,
            or_(func.lower(User.display_name).like(like), func.lower(User.username).like(like)),
        )
        query = query.where(AuditEvent.actor_id.in_(people))
    query = query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)
