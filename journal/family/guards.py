"""The family member's view guard: load the child a page is about, then check, in one place
(the staff and pupil guards are in ``journal.schools.guards``)."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from journal.schools.models import Pupil

from .queries import child_for


def family_child_or_404(pupil_id: int) -> Pupil:
    """A child the signed-in family member is linked to now: 403 for anyone not family, 404
    for a pupil they are not (or no longer) linked to."""
    if not current_user.is_family:
        abort(403)
    return child_for(current_user, pupil_id)
