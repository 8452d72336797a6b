"""View guards: load the pupil a page is about, then check, in one place (as flaskr's
``get_post(id, check_author)``). Every view that is about a pupil starts with one of these.

The answers are part of the access rules (``tests/test_access.py``): someone of the wrong kind
gets 403; a pupil outside the person's scope gets 404, so it looks like no pupil at all; someone
of the right kind and in scope but without the right (``allowed``) gets 403.
The family member's guard is ``journal.family.guards.family_child_or_404``.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort
from flask_login import current_user

from journal.accounts.models import User

from .models import Pupil
from .queries import pupil_for

Rule = Callable[[User, Pupil], bool]


def staff_pupil_or_404(pupil_id: int, allowed: Rule | None = None) -> Pupil:
    """The pupil, for the signed-in member of staff: 403 for anyone not staff, 404 for a pupil
    outside their scope, 403 when ``allowed(user, pupil)`` says no."""
    if not current_user.is_staff:
        abort(403)
    pupil = pupil_for(current_user, pupil_id)
    if allowed is not None and not allowed(current_user, pupil):
        abort(403)
    return pupil


def own_pupil_or_403(allowed: Rule | None = None) -> Pupil:
    """The signed-in pupil's own record: 403 for anyone who is not a pupil with a record, and
    when ``allowed(user, pupil)`` says no."""
    pupil = current_user.pupil if current_user.is_pupil else None
    if pupil is None or (allowed is not None and not allowed(current_user, pupil)):
        abort(403)
    return pupil
