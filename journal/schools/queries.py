"""Reads about schools and pupils.

``pupils_in_scope`` is the one scoping helper: every query that lists or loads pupils for a
person starts from it, so a new page cannot forget whom the person may see.
"""

from __future__ import annotations

from sqlalchemy import Select, false, or_, select
from sqlalchemy.orm import joinedload

from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.extensions import db

from .models import Pupil, School, TutorAssignment, TutorGroup


def pupils_in_scope(user: User) -> Select:
    """A SELECT of the pupils ``user`` may see: never across schools.

    Careers staff and school admins see their whole school; a tutor sees their tutor groups;
    a pupil sees themself; anyone else (a family member before the families issue links them)
    sees nobody.
    """
    query = select(Pupil).where(Pupil.school_id == user.school_id)
    if user.is_careers_staff or user.is_school_admin:
        return query
    conditions = []
    if user.is_pupil:
        conditions.append(Pupil.user_id == user.id)
    if user.has_role(Role.TUTOR):
        groups = select(TutorAssignment.tutor_group_id).where(TutorAssignment.user_id == user.id)
        conditions.append(Pupil.tutor_group_id.in_(groups))
    return query.where(or_(*conditions) if conditions else false())


def pupil_for(user: User, pupil_id: int) -> Pupil:
    """Load one pupil ``user`` may see, or 404: a pupil outside scope must look like no pupil."""
    return db.first_or_404(
        pupils_in_scope(user).where(Pupil.id == pupil_id).options(joinedload(Pupil.tutor_group))
    )


def search_pupils(user: User, text: str = "", *, limit: int = 50) -> list[Pupil]:
    """Pupils in scope whose name or UPN matches ``text``, by year, group and surname."""
    query = pupils_in_scope(user).options(joinedload(Pupil.tutor_group))
    text = text.strip()
    if text:
        like = f"%{text.lower()}%"
        query = query.where(
            or_(
                Pupil.upn == text.upper(),
                db.func.lower(Pupil.legal_first_name + " " + Pupil.legal_last_name).like(like),
                db.func.lower(
                    db.func.coalesce(Pupil.preferred_first_name, Pupil.legal_first_name)
                    + " "
                    + db.func.coalesce(Pupil.preferred_last_name, Pupil.legal_last_name)
                ).like(like),
            )
        )
    query = query.order_by(Pupil.year_group, Pupil.legal_last_name, Pupil.legal_first_name)
    return list(db.session.scalars(query.limit(limit)))


def tutor_groups_of(user: User) -> list[TutorGroup]:
    return list(
        db.session.scalars(
            select(TutorGroup)
            .join(TutorAssignment, TutorAssignment.tutor_group_id == TutorGroup.id)
            .where(TutorAssignment.user_id == user.id)
            .order_by(TutorGroup.year_group, TutorGroup.name)
        )
    )


def tutor_groups_for_school(school_id: int) -> list[TutorGroup]:
    return list(
        db.session.scalars(
            select(TutorGroup)
            .where(TutorGroup.school_id == school_id)
            .order_by(TutorGroup.year_group, TutorGroup.name)
        )
    )


def school_by_urn(urn: str) -> School | None:
    return db.session.scalar(select(School).where(School.urn == urn))
