from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy import text

from journal.extensions import db
from journal.passport.queries import drafts_of
from journal.schools.queries import tutor_groups_of

from . import bp


@bp.route("/")
@login_required
def index():
    """Each role's home page."""
    if current_user.is_pupil:
        pupil = current_user.pupil
        drafts = drafts_of(pupil) if pupil else []
        return render_template("home/pupil.html", pupil=pupil, drafts=drafts)
    if current_user.is_staff:
        return render_template("home/staff.html", groups=tutor_groups_of(current_user))
    return render_template("home/family.html")


@bp.route("/about")
def about():
    return render_template("home/about.html")


@bp.route("/healthz")
def health():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
