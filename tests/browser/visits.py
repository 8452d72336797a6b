"""Ways to reach a page in the browser walk, shared by ``test_pages_a11y`` and the page sets."""

from __future__ import annotations

from sqlalchemy import select

from journal.accounts.models import User
from journal.extensions import db
from journal.schools.models import Pupil


def _goto(path: str):
    def visit(page, live_server):
        response = page.goto(path)
        return response.status

    return visit


def pupil_id_of(live_server, username: str) -> int:
    """The id of the pupil record linked to a demo account."""
    with live_server.app.app_context():
        return db.session.scalar(
            select(Pupil.id).join(User, Pupil.user_id == User.id).where(User.username == username)
        )


def _about_pupil(path: str):
    """A staff page about the demo pupil: ``path`` holds ``{pupil}``."""

    def visit(page, live_server):
        return page.goto(path.format(pupil=pupil_id_of(live_server, "pupil"))).status

    return visit
