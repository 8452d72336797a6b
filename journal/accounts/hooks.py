"""Other ways of signing in plug into the sign-in page here, so accounts imports none of them.

A method (school sign-in, in ``journal/sso``) registers two functions on the app: the buttons
and notices the sign-in page shows, and a check that may refuse a person's password."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app


@dataclass(frozen=True)
class SignInMethod:
    choices: Callable[[str | None], tuple[list, list[str]]]  # school URN -> (buttons, notices)
    password_refusal: Callable[[object], str | None]  # user -> why no password, or None


def add_sign_in_method(app: Flask, method: SignInMethod) -> None:
    app.extensions.setdefault("sign_in_methods", []).append(method)


def _methods() -> list[SignInMethod]:
    return current_app.extensions.get("sign_in_methods", [])


def other_sign_in_choices(school_urn: str | None) -> tuple[list, list[str]]:
    """Every method's buttons and notices for the sign-in page."""
    buttons, notices = [], []
    for method in _methods():
        more_buttons, more_notices = method.choices(school_urn)
        buttons += more_buttons
        notices += more_notices
    return buttons, notices


def password_refusal(user) -> str | None:
    """Why this person may not sign in with a password (their school requires another way)."""
    for method in _methods():
        if reason := method.password_refusal(user):
            return reason
    return None
