"""Who may set up school sign-in: the school's admins, for their own school only."""

from __future__ import annotations

from journal.accounts.models import User


def can_manage_sso(user: User) -> bool:
    return user.is_authenticated and user.is_school_admin
