"""Reads about people, always within one school."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from journal.extensions import db

from .models import User


def people_of_school(school_id: int, text: str = "", *, limit: int = 200) -> list[User]:
    query = select(User).where(User.school_id == school_id)
    if text.strip():
        like = f"%{text.strip().lower()}%"
        query = query.where(
            or_(func.lower(User.display_name).like(like), func.lower(User.username).like(like))
        )
    return list(db.session.scalars(query.order_by(User.display_name).limit(limit)))


def person_in_school(school_id: int, user_id: int) -> User:
    """A person of this school, or 404 (people of other schools do not exist here)."""
    return db.first_or_404(select(User).where(User.id == user_id, User.school_id == school_id))
