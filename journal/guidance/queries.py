"""Reads of guidance records. Anything a pupil (or, later, their family) sees goes through
``visible_to_pupil``, so a staff-only note cannot reach them by a page or by its id."""

from __future__ import annotations

from datetime import date

from flask import abort
from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import joinedload

from journal.accounts.models import User, UserRole
from journal.accounts.roles import STAFF
from journal.audit.models import AuditEvent
from journal.calendar import today
from journal.extensions import db
from journal.schools.models import Pupil
from journal.schools.queries import pupils_in_scope

from .models import STAFF_ONLY, Action, Comment, GuidanceInterview, GuidanceNote

MODELS = {
    "note": GuidanceNote,
    "action": Action,
    "interview": GuidanceInterview,
}


def visible_to_pupil(query: Select, model) -> Select:
    """Leave out staff-only records: what the pupil may see of ``model``."""
    return query.where(model.visibility != STAFF_ONLY)


def _of(model, pupil: Pupil, *, for_pupil: bool) -> Select:
    query = select(model).where(model.pupil_id == pupil.id)
    return visible_to_pupil(query, model) if for_pupil else query


def interviews_of(pupil: Pupil, *, for_pupil: bool) -> list[GuidanceInterview]:
    query = _of(GuidanceInterview, pupil, for_pupil=for_pupil).options(
        joinedload(GuidanceInterview.adviser)
    )
    order = (GuidanceInterview.held_on.desc(), GuidanceInterview.id.desc())
    return list(db.session.scalars(query.order_by(*order)))


def notes_of(pupil: Pupil, *, for_pupil: bool, kind: str | None = None) -> list[GuidanceNote]:
    """Advice and decisions, newest first (``kind`` keeps one of them)."""
    query = _of(GuidanceNote, pupil, for_pupil=for_pupil).options(
        joinedload(GuidanceNote.author), joinedload(GuidanceNote.interview)
    )
    if kind:
        query = query.where(GuidanceNote.kind == kind)
    order = (GuidanceNote.created_at.desc(), GuidanceNote.id.desc())
    return list(db.session.scalars(query.order_by(*order)))


def _action_order(on: date) -> tuple:
    """Open first; among open ones, overdue first, then by due date (no date last)."""
    return (
        case((Action.status == "open", 0), else_=1),
        case((and_(Action.due_on.is_not(None), Action.due_on < on), 0), else_=1),
        Action.due_on.is_(None),
        Action.due_on,
        Action.id.desc(),
    )


def actions_of(
    pupil: Pupil, *, for_pupil: bool, open_only: bool = False, limit: int | None = None
) -> list[Action]:
    """The pupil's actions: open ones first, overdue ones first among those."""
    query = _of(Action, pupil, for_pupil=for_pupil).options(joinedload(Action.owner_user))
    if open_only:
        query = query.where(Action.status == "open")
    query = query.order_by(*_action_order(today())).limit(limit)
    return list(db.session.scalars(query))


def latest_advice(pupil: Pupil) -> GuidanceNote | None:
    """The newest advice the pupil may see."""
    query = _of(GuidanceNote, pupil, for_pupil=True).where(GuidanceNote.kind == "advice")
    return db.session.scalar(
        query.order_by(GuidanceNote.created_at.desc(), GuidanceNote.id.desc()).limit(1)
    )


def record_of(subject_type: str, pupil: Pupil, record_id: int, *, for_pupil: bool):
    """One interview, note or action of this pupil, or 404: another pupil's record, and (for
    the pupil) a staff-only one, look like no record at all."""
    model = MODELS.get(subject_type)
    if model is None:
        abort(404)
    return db.first_or_404(_of(model, pupil, for_pupil=for_pupil).where(model.id == record_id))


def subject_of(subject_type: str, pupil: Pupil, subject_id: int, *, for_pupil: bool):
    """What a comment is about: a saved entry of the pupil, or one of their guidance records."""
    if subject_type == "entry":
        from journal.passport.entries.queries import entry_of

        entry = entry_of(pupil, subject_id)
        if entry.is_draft:
            abort(404)
        return entry
    return record_of(subject_type, pupil, subject_id, for_pupil=for_pupil)


def comments_on(subject_type: str, subject_id: int, *, for_pupil: bool) -> list[Comment]:
    """The thread on one subject, oldest first."""
    query = select(Comment).where(
        Comment.subject_type == subject_type, Comment.subject_id == subject_id
    )
    if for_pupil:
        query = visible_to_pupil(query, Comment)
    query = query.options(joinedload(Comment.author)).order_by(Comment.id)
    return list(db.session.scalars(query))


def threads_for(pupil: Pupil, *, for_pupil: bool) -> dict[tuple[str, int], list[Comment]]:
    """Every comment on the pupil's record, by ``(subject_type, subject_id)``: one query."""
    query = select(Comment).where(Comment.pupil_id == pupil.id)
    if for_pupil:
        query = visible_to_pupil(query, Comment)
    threads: dict[tuple[str, int], list[Comment]] = {}
    for comment in db.session.scalars(
        query.options(joinedload(Comment.author)).order_by(Comment.id)
    ):
        threads.setdefault((comment.subject_type, comment.subject_id), []).append(comment)
    return threads


def staff_of_school(school_id: int) -> list[User]:
    """The school's staff who can own an action, by name."""
    query = (
        select(User)
        .where(
            User.school_id == school_id,
            User.is_enabled.is_(True),
            User.id.in_(select(UserRole.user_id).where(UserRole.role.in_([str(r) for r in STAFF]))),
        )
        .order_by(User.display_name)
    )
    return list(db.session.scalars(query))


def overdue_actions_owned_by(user: User, *, limit: int = 50) -> list[tuple[Action, Pupil]]:
    """Open actions this person owns whose due date has passed, with their pupil, among pupils
    they can see; the longest overdue first."""
    in_scope = pupils_in_scope(user).with_only_columns(Pupil.id)
    query = (
        select(Action, Pupil)
        .join(Pupil, Pupil.id == Action.pupil_id)
        .where(
            Action.owner_user_id == user.id,
            Action.status == "open",
            Action.due_on < today(),
            Action.pupil_id.in_(in_scope),
        )
        .order_by(Action.due_on, Action.id)
        .limit(limit)
    )
    return [(action, pupil) for action, pupil in db.session.execute(query)]


def recently_opened_pupils(user: User, *, limit: int = 10) -> list[Pupil]:
    """The latest ``limit`` different pupils whose record this person opened (from the audit
    log), newest first, among pupils they can still see: one query."""
    latest = (
        select(AuditEvent.pupil_id, func.max(AuditEvent.id).label("latest"))
        .where(AuditEvent.actor_id == user.id, AuditEvent.pupil_id.is_not(None))
        .group_by(AuditEvent.pupil_id)
        .subquery()
    )
    query = (
        pupils_in_scope(user)
        .join(latest, latest.c.pupil_id == Pupil.id)
        .order_by(latest.c.latest.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
