from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user, login_required

from journal.schools.permissions import can_read_audit_log

from . import bp
from .queries import events_for_school


@bp.route("/admin/audit")
@login_required
def log():
    if not can_read_audit_log(current_user):
        abort(403)
    filters = {
        "pupil_id": request.args.get("pupil", type=int),
        "actor_id": request.args.get("person", type=int),
        "pupil_text": request.args.get("pupil_q", ""),
        "actor_text": request.args.get("person_q", ""),
    }
    page = events_for_school(
        current_user.school_id, page=request.args.get("page", 1, type=int), **filters
    )
    return render_template("audit/log.html", page=page, filters=filters)
