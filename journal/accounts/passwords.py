"""Password hashing with argon2id (argon2-cffi).

Werkzeug's default scrypt cost is below OWASP's minimum; argon2id at 46 MiB, two passes,
is above it (the parameters come from the configuration). Hashes made with older
parameters are upgraded the next time the person signs in.
"""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

MIN_LENGTH = 10
# A dummy hash to verify against when the account does not exist, so timing does not leak it.
_DUMMY_PASSWORD = "not-a-real-password"  # noqa: S105


def hasher() -> PasswordHasher:
    params = current_app.config["PASSWORD_HASH"]
    return PasswordHasher(type=Type.ID, **params)


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        hasher().hash(_DUMMY_PASSWORD)
        return False
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher().check_needs_rehash(password_hash)


def weakness(password: str, *, username: str = "") -> str | None:
    """A plain-English reason a new password is too weak, or None."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters. A short sentence is easy to remember."
    if username and username.lower() in password.lower():
        return "Do not use your username in your password."
    if len(set(password)) < 4:
        return "Use a mix of different characters."
    return None
