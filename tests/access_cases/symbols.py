"""Access cases for a school's own symbols: the admin pages and the picture route."""

from __future__ import annotations

import io

from werkzeug.datastructures import FileStorage

from journal.extensions import db
from tests.access_support import everyone, only

MANAGERS = {"school_admin", "careers_leader", "senco"}
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>'


def symbol_of(school_id: int):
    """A symbol of this school for "work" (made on first use, again after a removal)."""
    from journal.accessibility.models import SchoolSymbol
    from journal.accessibility.school_symbols import add_symbol
    from journal.accounts.models import User
    from journal.schools.models import School

    found = db.session.scalar(db.select(SchoolSymbol).where(SchoolSymbol.school_id == school_id))
    if found is None:
        school = db.session.get(School, school_id)
        uploader = db.session.scalar(db.select(User).where(User.school_id == school_id))
        found = add_symbol(school, "work", FileStorage(io.BytesIO(SVG), "w.svg"), by=uploader)
    return found


def ours(w):
    return symbol_of(w.pupil.school_id)


def theirs(w):
    return symbol_of(w.foreign_pupil.school_id)


CASES = {
    "accessibility.school_symbols": [
        ("GET", lambda w: "/admin/symbols", only(MANAGERS)),
        ("POST", lambda w: "/admin/symbols", only(MANAGERS, 422)),
    ],
    "accessibility.school_symbol": [
        ("GET", lambda w: f"/admin/symbols/{ours(w).id}", only(MANAGERS)),
        ("POST", lambda w: f"/admin/symbols/{ours(w).id}", only(MANAGERS, 422)),
        ("GET", lambda w: f"/admin/symbols/{theirs(w).id}", only(MANAGERS, 404)),
    ],
    "accessibility.remove_school_symbol": [
        ("POST", lambda w: f"/admin/symbols/{theirs(w).id}/remove", only(MANAGERS, 404)),
        ("POST", lambda w: f"/admin/symbols/{ours(w).id}/remove", only(MANAGERS, 302)),
    ],
    "accessibility.school_symbol_file": [
        ("GET", lambda w: f"/symbols/{ours(w).id}", everyone(200)),
        ("GET", lambda w: f"/symbols/{theirs(w).id}", everyone(404)),
    ],
}
