"""Reads for school sign-in: a school's connections, policy, links and unmatched sign-ins, and
the buttons the sign-in page shows."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from journal.accounts.models import User, UserRole
from journal.accounts.roles import Role
from journal.extensions import db
from journal.schools.models import School

from .models import SsoConnection, SsoLink, SsoPolicy, SsoUnmatched


def connections_of(school_id: int) -> dict[str, SsoConnection]:
    """The school's connections by kind."""
    found = db.session.scalars(select(SsoConnection).where(SsoConnection.school_id == school_id))
    return {c.kind: c for c in found}


def connection_in_school(school_id: int, connection_id: int) -> SsoConnection | None:
    connection = db.session.get(SsoConnection, connection_id)
    return connection if connection and connection.school_id == school_id else None


def enabled_connection(connection_id: int) -> SsoConnection | None:
    connection = db.session.get(SsoConnection, connection_id)
    return connection if connection and connection.is_enabled else None


def policy_of(school_id: int) -> SsoPolicy:
    return db.session.get(SsoPolicy, school_id) or SsoPolicy(
        school_id=school_id, require_for_staff=False, require_for_pupils=False
    )


def links_of(school_id: int) -> list[SsoLink]:
    return list(
        db.session.scalars(
            select(SsoLink)
            .join(SsoConnection, SsoLink.connection_id == SsoConnection.id)
            .where(SsoConnection.school_id == school_id)
            .options(joinedload(SsoLink.user), joinedload(SsoLink.connection))
            .order_by(SsoLink.linked_at.desc())
        )
    )


def link_in_school(school_id: int, link_id: int) -> SsoLink | None:
    link = db.session.get(SsoLink, link_id)
    return link if link and link.connection.school_id == school_id else None


def unmatched_of(school_id: int, limit: int = 50) -> list[SsoUnmatched]:
    return list(
        db.session.scalars(
            select(SsoUnmatched)
            .join(SsoConnection, SsoUnmatched.connection_id == SsoConnection.id)
            .where(SsoConnection.school_id == school_id)
            .order_by(SsoUnmatched.tried_at.desc())
            .limit(limit)
        )
    )


def unmatched_in_school(school_id: int, unmatched_id: int) -> SsoUnmatched | None:
    found = db.session.get(SsoUnmatched, unmatched_id)
    return found if found and found.connection.school_id == school_id else None


def person_by_login(school_id: int, identifier: str) -> User | None:
    """A person of the school by username or email (case-insensitive)."""
    ident = identifier.strip().lower()
    return db.session.scalar(
        select(User).where(
            User.school_id == school_id,
            (db.func.lower(User.username) == ident) | (db.func.lower(User.email) == ident),
        )
    )


def admin_names(school_id: int, limit: int = 3) -> list[str]:
    """Whom a refused person should ask: the school's admins."""
    return list(
        db.session.scalars(
            select(User.display_name)
            .join(UserRole, UserRole.user_id == User.id)
            .where(
                User.school_id == school_id,
                UserRole.role == Role.SCHOOL_ADMIN.value,
                User.is_enabled.is_(True),
            )
            .order_by(User.display_name)
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class SignInChoice:
    label: str
    url: str
    kind: str


def sign_in_choices(school_urn: str | None = None) -> tuple[list[SignInChoice], list[str]]:
    """The school sign-in buttons for the sign-in page, and what it must say about passwords.

    Only connections that are switched on are shown. With several schools on one deployment the
    school's name is added to each button; ``?school=<URN>`` narrows the page to one school."""
    query = (
        select(SsoConnection, School)
        .join(School, School.id == SsoConnection.school_id)
        .where(SsoConnection.is_enabled.is_(True))
        .order_by(School.name, SsoConnection.kind)
    )
    if school_urn:
        query = query.where(School.urn == school_urn)
    rows = db.session.execute(query).all()
    several = len({school.id for _, school in rows}) > 1
    choices = [
        SignInChoice(
            f"{c.button_label} ({school.name})" if several else c.button_label,
            url_for("sso.start", connection_id=c.id),
            c.kind,
        )
        for c, school in rows
    ]
    return choices, _password_notices({school.id: school for _, school in rows})


def _password_notices(schools: dict[int, School]) -> list[str]:
    if not schools:
        return []
    notices = []
    for policy in db.session.scalars(select(SsoPolicy).where(SsoPolicy.school_id.in_(schools))):
        who = [w for w, on in (("staff", policy.require_for_staff),
                               ("pupils", policy.require_for_pupils)) if on]  # fmt: skip
        if who:
            notices.append(
                f"{schools[policy.school_id].name}: {' and '.join(who)} sign in with their "
                "school account, not a password. Family members and former pupils use their "
                "password."
            )
    return notices
