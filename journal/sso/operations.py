"""Writes for school sign-in: connections, the policy, sign-ins and links. They flush and
audit, never commit.

Nobody gets an account by signing in. A first sign-in links the provider's account to the
person whose email the school already holds (staff accounts, or a pupil's email from the
roster); later sign-ins find the person by the provider's stable subject, never by email, so a
renamed mailbox still works and a reused address cannot take over an account.
"""

from __future__ import annotations

from sqlalchemy import func, select

from journal.accounts.models import User
from journal.audit.operations import record
from journal.calendar import utcnow
from journal.extensions import db

from . import crypto
from .models import KINDS, SsoConnection, SsoLink, SsoPolicy, SsoUnmatched
from .providers import Identity


class SsoError(ValueError):
    """A set-up request that cannot be carried out, with a message for the admin."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class SsoRefused(Exception):
    """A sign-in refused; ``reason`` picks the page the person sees (see views.REFUSALS)."""

    def __init__(self, reason: str, **detail):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


# --- set-up ----------------------------------------------------------------------------------


def save_connection(school, kind: str, *, by: User, secret: str | None, **fields) -> SsoConnection:
    """Create or change the school's connection of this kind. A blank secret keeps the old one."""
    if kind not in KINDS:
        raise SsoError("Unknown kind of connection.")
    connection = db.session.scalar(
        select(SsoConnection).where(
            SsoConnection.school_id == school.id, SsoConnection.kind == kind
        )
    )
    if connection is None and not secret:
        raise SsoError("Paste the client secret.", field="client_secret")
    if connection is None:
        connection = SsoConnection(school_id=school.id, kind=kind, version=0)
        db.session.add(connection)
    for name, value in fields.items():
        setattr(connection, name, value.strip() if isinstance(value, str) else value)
    if secret:
        connection.client_secret_encrypted = crypto.encrypt(secret.strip())
    connection.version += 1
    connection.last_tested_at = connection.last_test_result = None
    db.session.flush()
    record(
        "sso_connection_saved",
        actor=by,
        school_id=school.id,
        kind=kind,
        enabled=connection.is_enabled,
        secret_changed=bool(secret),
    )
    return connection


def record_test(connection: SsoConnection, result: str, *, ok: bool, by: User) -> None:
    connection.last_tested_at = utcnow()
    connection.last_test_result = ("Working: " if ok else "Not working: ") + result[:480]
    record("sso_connection_tested", actor=by, school_id=connection.school_id, ok=ok)


def set_policy(school, *, staff: bool, pupils: bool, by: User) -> SsoPolicy:
    """Turn password sign-in off (or on again) for the school's staff and/or pupils."""
    if (staff or pupils) and not _has_enabled_connection(school.id):
        raise SsoError("Set up and switch on a school sign-in first, then require it.")
    policy = db.session.get(SsoPolicy, school.id) or SsoPolicy(school_id=school.id)
    db.session.add(policy)
    policy.require_for_staff, policy.require_for_pupils = staff, pupils
    db.session.flush()
    record("sso_policy_set", actor=by, school_id=school.id, staff=staff, pupils=pupils)
    return policy


def _has_enabled_connection(school_id: int) -> bool:
    return bool(
        db.session.scalar(
            select(SsoConnection.id).where(
                SsoConnection.school_id == school_id, SsoConnection.is_enabled.is_(True)
            )
        )
    )


def password_refusal(user: User) -> str | None:
    """Why this person may not use a password, or None. Family and former pupils always may."""
    policy = db.session.get(SsoPolicy, user.school_id)
    if policy is None or not _has_enabled_connection(user.school_id):
        return None
    pupil = getattr(user, "pupil", None)
    if user.is_pupil and policy.require_for_pupils and pupil is not None and not pupil.left_on:
        who = "pupils"
    elif user.is_staff and policy.require_for_staff:
        who = "staff"
    else:
        return None
    return (
        f"{user.school.name} signs its {who} in with their school account, not a password. "
        "Use the school sign-in button on this page."
    )


# --- signing in ------------------------------------------------------------------------------


def sign_in(connection: SsoConnection, identity: Identity) -> User:
    """The person this identity belongs to, linking it on a first sign-in by the school's email.

    Raises SsoRefused("unknown") when nobody matches (the sign-in is kept for an admin to link by
    hand), and SsoRefused("disabled") for a disabled account."""
    link = db.session.scalar(
        select(SsoLink).where(
            SsoLink.issuer == identity.issuer, SsoLink.subject == identity.subject
        )
    )
    if link is None:
        user = _match_by_email(connection, identity)
        if user is None:
            _keep_unmatched(connection, identity)
            raise SsoRefused("unknown", email=identity.email)
        link = _link(connection, identity, user, by=None)
    user = link.user
    if user.school_id != connection.school_id or not user.is_enabled:
        raise SsoRefused("disabled", user_id=user.id)
    link.last_signed_in_at = user.last_signed_in_at = utcnow()
    if user.must_change_password and password_refusal(user):
        user.must_change_password = False  # a password they may not use need not be changed
    record(
        "sso_sign_in",
        actor=user,
        pupil=getattr(user, "pupil", None),
        kind=connection.kind,
        issuer=identity.issuer,
    )
    return user


def _match_by_email(connection: SsoConnection, identity: Identity) -> User | None:
    """The school's own staff member or pupil with this email, if they have no link yet here.

    A person already linked to another account of this provider is not taken over by a new
    account that arrives with their old address."""
    if not identity.email:
        return None
    user = db.session.scalar(
        select(User).where(
            User.school_id == connection.school_id, func.lower(User.email) == identity.email
        )
    )
    if user is None or user.is_family or not (user.is_staff or user.is_pupil):
        return None
    already = db.session.scalar(
        select(SsoLink.id).where(SsoLink.user_id == user.id, SsoLink.connection_id == connection.id)
    )
    return None if already else user


def _keep_unmatched(connection: SsoConnection, identity: Identity) -> None:
    found = db.session.scalar(
        select(SsoUnmatched).where(
            SsoUnmatched.issuer == identity.issuer, SsoUnmatched.subject == identity.subject
        )
    ) or SsoUnmatched(connection_id=connection.id, issuer=identity.issuer, subject=identity.subject)
    found.tenant_id, found.email, found.name = identity.tenant_id, identity.email, identity.name
    found.tried_at = utcnow()
    db.session.add(found)
    db.session.flush()


def _link(connection, identity: Identity, user: User, *, by: User | None) -> SsoLink:
    link = SsoLink(
        user=user,
        connection=connection,
        issuer=identity.issuer,
        subject=identity.subject,
        tenant_id=identity.tenant_id,
        email_at_link=identity.email,
        linked_by_id=getattr(by, "id", None),
    )
    db.session.add(link)
    db.session.flush()
    record(
        "sso_linked",
        actor=by or user,
        pupil=getattr(user, "pupil", None),
        school_id=connection.school_id,
        user_id=user.id,
        kind=connection.kind,
        matched_by="admin" if by else "email",
    )
    return link


def record_refusal(connection: SsoConnection | None, reason: str, **detail) -> None:
    """Audit a refused school sign-in (there is nobody to name as the actor)."""
    record(
        "sso_sign_in_failed",
        school_id=getattr(connection, "school_id", None),
        kind=getattr(connection, "kind", None),
        reason=reason,
        **{k: (str(v)[:200] if v is not None else None) for k, v in detail.items()},
    )


# --- linking by hand -------------------------------------------------------------------------


def link_by_hand(unmatched: SsoUnmatched, user: User, *, by: User) -> SsoLink:
    """Link a sign-in nobody matched to a person of the school, as an admin chose."""
    connection = unmatched.connection
    if user.school_id != connection.school_id or user.is_family:
        raise SsoError("Choose a member of staff or a pupil of this school.", field="person")
    if db.session.scalar(
        select(SsoLink.id).where(SsoLink.user_id == user.id, SsoLink.connection_id == connection.id)
    ):
        raise SsoError(
            f"{user.display_name} is already linked to a {connection.kind_label} account. "
            "Unlink that one first.",
            field="person",
        )
    identity = Identity(
        unmatched.issuer, unmatched.subject, unmatched.tenant_id, unmatched.email, unmatched.name
    )
    db.session.delete(unmatched)
    return _link(connection, identity, user, by=by)


def unlink(link: SsoLink, *, by: User) -> None:
    """Remove a link; the person's next school sign-in matches by email again."""
    record(
        "sso_unlinked",
        actor=by,
        pupil=getattr(link.user, "pupil", None),
        school_id=link.connection.school_id,
        user_id=link.user_id,
        kind=link.connection.kind,
    )
    db.session.delete(link)
    db.session.flush()
