"""Writes for accounts: creating people, passwords, sign-in cards. They flush, never commit."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from sqlalchemy import func, or_, select

from journal.audit.operations import record
from journal.calendar import utcnow
from journal.extensions import db

from . import hooks, passwords
from .models import SignInCard, User, UserRole
from .roles import Role


class AccountError(ValueError):
    """A request about an account that cannot be carried out, with a message for the person."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field  # the form field the message belongs beside, when there is one


def find_by_login(identifier: str) -> User | None:
    """The person whose username or email is ``identifier`` (case-insensitive)."""
    ident = identifier.strip().lower()
    if not ident:
        return None
    return db.session.scalar(
        select(User).where(or_(func.lower(User.username) == ident, func.lower(User.email) == ident))
    )


def authenticate(identifier: str, password: str) -> User | None:
    """Check a password; audit the attempt; upgrade the hash if its parameters are old.

    Raises AccountError, after a correct password only, when the person's school requires its
    own sign-in for them (so a wrong password learns nothing about the account)."""
    user = find_by_login(identifier)
    if user is None or not passwords.verify(user.password_hash, password) or not user.is_enabled:
        if user is None:
            passwords.verify(None, password)
        record(
            "sign_in_failed",
            actor=user,
            school_id=getattr(user, "school_id", None),
            identifier=identifier.strip()[:80],
        )
        return None
    if refusal := hooks.password_refusal(user):
        record("sign_in_refused", actor=user, reason="school sign-in required")
        raise AccountError(refusal, field="password")
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_signed_in_at = utcnow()
    record("sign_in", actor=user)
    return user


def create_user(
    *,
    school,
    username: str,
    display_name: str,
    roles: Iterable[Role],
    password: str | None = None,
    email: str | None = None,
    temporary: bool = False,
) -> User:
    """Create a person with roles. Usernames and emails are unique across the deployment."""
    username = username.strip().lower()
    email = (email or "").strip().lower() or None  # blank is no email, not a duplicate ""
    if find_by_login(username):
        raise AccountError(f"The username {username!r} is already taken.", field="username")
    if email and find_by_login(email):
        raise AccountError(f"The email {email!r} is already in use.", field="email")
    user = User(
        school=school,
        username=username,
        email=email,
        display_name=display_name.strip(),
        password_hash=passwords.hash_password(password) if password else None,
        must_change_password=temporary,
    )
    user.role_rows = [UserRole(role=Role(r).value) for r in set(roles)]
    db.session.add(user)
    db.session.flush()
    return user


def change_password(user: User, new_password: str) -> None:
    """Set a password the person chose (other devices stay signed in)."""
    problem = passwords.weakness(new_password, username=user.username)
    if problem:
        raise AccountError(problem)
    user.password_hash = passwords.hash_password(new_password)
    user.must_change_password = False
    record("password_changed", actor=user)


def set_temporary_password(user: User, *, by: User) -> str:
    """A temporary password, to change at first sign-in; signs the person out elsewhere."""
    temporary = "-".join(secrets.token_hex(2) for _ in range(3))
    user.password_hash = passwords.hash_password(temporary)
    user.must_change_password = True
    user.session_version += 1
    record(
        "temporary_password_set",
        actor=by,
        pupil=getattr(user, "pupil", None),
        school_id=user.school_id,
        user_id=user.id,
    )
    return temporary


def sign_out_everywhere(user: User) -> None:
    """Void every session this person has, on every device."""
    user.session_version += 1
    record("signed_out_everywhere", actor=user)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_card(user: User, *, by: User) -> str:
    """Issue a new QR sign-in card for a person, revoking any card they had. Returns the secret."""
    revoke_cards(user, by=by, audit=False)
    token = secrets.token_urlsafe(24)
    db.session.add(SignInCard(user=user, token_sha256=_token_hash(token), issued_by_id=by.id))
    record(
        "card_issued",
        actor=by,
        pupil=getattr(user, "pupil", None),
        school_id=user.school_id,
        user_id=user.id,
    )
    return token


def revoke_cards(user: User, *, by: User, audit: bool = True) -> int:
    cards = db.session.scalars(
        select(SignInCard).where(SignInCard.user_id == user.id, SignInCard.revoked_at.is_(None))
    ).all()
    for card in cards:
        card.revoked_at = utcnow()
    if audit and cards:
        record(
            "card_revoked",
            actor=by,
            pupil=getattr(user, "pupil", None),
            school_id=user.school_id,
            user_id=user.id,
        )
    return len(cards)


def card_for_token(token: str) -> SignInCard | None:
    """The live card with this secret, or None (revoked, unknown or its holder disabled)."""
    card = db.session.scalar(
        select(SignInCard).where(SignInCard.token_sha256 == _token_hash(token))
    )
    if card is None or not card.is_live or not card.user.is_enabled:
        return None
    return card


def sign_in_with_card(card: SignInCard) -> User:
    card.last_used_at = utcnow()
    card.user.last_signed_in_at = card.last_used_at
    record("card_sign_in", actor=card.user, pupil=getattr(card.user, "pupil", None))
    return card.user


def record_throttled(identifier: str) -> None:
    user = find_by_login(identifier) if identifier else None
    record(
        "sign_in_throttled",
        actor=user,
        school_id=getattr(user, "school_id", None),
        identifier=identifier.strip()[:80],
    )


def record_person_created(user: User, *, by: User) -> None:
    record(
        "person_created",
        actor=by,
        school_id=user.school_id,
        user_id=user.id,
        roles=sorted(r.value for r in user.roles),
    )
