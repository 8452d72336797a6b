"""Who is signed in: loading the user from the session, and holding someone who must change
their password to that page."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from journal.accounts.models import User
from journal.extensions import db

# Pages a person who must change their password can still open.
OPEN_DURING_PASSWORD_CHANGE = {
    "accounts.change_password",
    "accounts.sign_out",
    # A card scanned on a shared device signs the previous person out, then the card's owner in.
    "accounts.card",
    "accounts.card_sign_in",
    "static",
    "home.about",
    "home.health",
}


def load_user(session_id: str) -> User | None:
    """Sessions carry "id:version"; a bumped version (sign out everywhere) voids old sessions."""
    try:
        user_id, version = (int(part) for part in session_id.split(":"))
    except ValueError:
        return None
    user = db.session.scalar(select(User).where(User.id == user_id))
    if user is None or user.session_version != version or not user.is_enabled:
        return None
    return user


def require_password_change():
    """Before each request: someone who must change their password goes to that page first."""
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in OPEN_DURING_PASSWORD_CHANGE
    ):
        flash("Please choose a new password before you carry on.", "info")
        return redirect(url_for("accounts.change_password"))
    return None
