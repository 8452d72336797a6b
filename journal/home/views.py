"""The pages composed at the top: each role's home page and the staff pupil record. Each
gathers what it shows from the domains' queries (``pages``), then renders."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user, login_required
from sqlalchemy import text

from journal.accounts.forms import ButtonForm
from journal.audit.operations import record
from journal.extensions import db
from journal.family import operations as family
from journal.family.queries import home_for
from journal.schools.queries import pupil_for

from . import bp, pages


@bp.route("/")
@login_required
def index():
    """Each role's home page."""
    if current_user.is_pupil:
        return render_template("home/pupil.html", **pages.pupil_home(current_user))
    if current_user.is_staff:
        return render_template("home/staff.html", **pages.staff_home(current_user))
    return _family_home(current_user)


def _family_home(user):
    """The family home: each linked child at a glance. Every child shown is recorded in the
    audit log."""
    children = home_for(user)
    # Rendered before the commit: committing expires what was loaded, and reloading it row by
    # row would make the page's queries grow with the records.
    page = render_template("home/family.html", children=children, button=ButtonForm())
    for child in children:
        family.viewed(user, child.pupil, "home")
    db.session.commit()
    return page


@bp.route("/pupils/<int:pupil_id>")
@login_required
def pupil_record(pupil_id: int):
    """The staff view of a pupil's record; every opening is audited."""
    if not current_user.is_staff:
        abort(403)
    pupil = pupil_for(current_user, pupil_id)
    record("pupil_record_opened", actor=current_user, pupil=pupil)
    db.session.commit()
    return render_template("home/pupil_record.html", **pages.pupil_record(current_user, pupil))


@bp.route("/about")
def about():
    return render_template("home/about.html")


@bp.route("/healthz")
def health():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
