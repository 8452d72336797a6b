"""The edit page of every kind of entry, reached from the demo's own entries: the pupil's
encounter, work experience, diary day and achievement, and the former pupil's diary day (a diary
day's edit page once answered with a server error, and the walk had not visited one)."""

from __future__ import annotations

from sqlalchemy import select

from journal.accounts.models import User
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.schools.models import Pupil


def _edit_latest(kind: str, username: str = "pupil"):
    """The edit page of the newest saved entry of ``kind`` written by a demo account."""

    def visit(page, live_server):
        with live_server.app.app_context():
            entry_id = db.session.scalar(
                select(Entry.id)
                .join(Pupil, Entry.pupil_id == Pupil.id)
                .join(User, Pupil.user_id == User.id)
                .where(User.username == username, Entry.kind == kind, Entry.state != "draft")
                .order_by(Entry.occurred_on.desc(), Entry.id.desc())
                .limit(1)
            )
        assert entry_id is not None, f"the demo gives {username} no {kind} entry"
        status = page.goto(f"/passport/entries/{entry_id}/edit").status
        assert page.get_by_role("button", name="Save", exact=True).is_visible()
        return status

    return visit


PAGES = {
    "edit-encounter": ("pupil", _edit_latest("encounter"), True),
    "edit-workplace": ("pupil", _edit_latest("workplace"), True),
    "edit-diary": ("pupil", _edit_latest("diary"), True),
    "edit-achievement": ("pupil", _edit_latest("achievement"), True),
    "edit-diary-former-pupil": ("alumnus", _edit_latest("diary", "alumnus"), True),
}
