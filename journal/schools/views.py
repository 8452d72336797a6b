from __future__ import annotations

import segno
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from journal.accounts import operations as accounts
from journal.accounts.forms import ButtonForm
from journal.extensions import db

from . import bp, uploads
from .forms import CareerSendGroupForm, RosterConfirmForm, RosterUploadForm
from .models import Pupil, TutorGroup
from .operations import apply_import, key_fingerprint, plan_import, set_career_send_group
from .permissions import (
    can_change_school_settings,
    can_edit_pupil_needs,
    can_list_pupils,
    can_manage_roster,
    can_open_cards,
    can_print_cards,
)
from .queries import pupil_for, pupils_in_scope, search_pupils, tutor_groups_for_school
from .roster import RosterFileError, parse_roster


@bp.route("/pupils")
@login_required
def pupil_list():
    if not can_list_pupils(current_user):
        abort(403)
    q = request.args.get("q", "")
    return render_template("schools/pupil_list.html", pupils=search_pupils(current_user, q), q=q)


# --- roster import ---------------------------------------------------------------------------


def _require_roster_manager() -> None:
    if not can_manage_roster(current_user):
        abort(403)


@bp.route("/admin/roster", methods=["GET", "POST"])
@login_required
def roster_upload():
    _require_roster_manager()
    form = RosterUploadForm()
    if form.validate_on_submit():
        data = form.roster.data.read(uploads.MAX_ROSTER_BYTES + 1)
        if len(data) > uploads.MAX_ROSTER_BYTES:
            form.roster.errors.append("That file is bigger than 5 MB. Is it the pupil export?")
        else:
            try:
                parsed = parse_roster(data)
            except RosterFileError as problem:
                form.roster.errors.append(str(problem))
            else:
                key = uploads.keep(current_user.school_id, data)
                plan = plan_import(current_user.school, parsed)
                return render_template(
                    "schools/roster_preview.html",
                    plan=plan,
                    parsed=parsed,
                    form=RosterConfirmForm(upload=key),
                    filename=form.roster.data.filename,
                )
    return render_template("schools/roster_upload.html", form=form), (422 if form.errors else 200)


@bp.post("/admin/roster/confirm")
@login_required
def roster_confirm():
    _require_roster_manager()
    form = RosterConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    data = uploads.load(current_user.school_id, form.upload.data)
    if data is None:
        flash("That preview has expired. Please upload the file again.", "error")
        return redirect(url_for("schools.roster_upload"))
    school_id = current_user.school_id
    plan = plan_import(current_user.school, parse_roster(data))
    filename = request.form.get("filename", "")
    apply_import(current_user.school, plan, by=current_user, filename=filename)
    flash(f"Roster imported: {plan.summary}.", "success")
    # Render before committing: the commit expires every pupil, and the page would then
    # reload each updated pupil with its own SELECT.
    page = render_template("schools/roster_done.html", plan=plan)
    db.session.commit()
    uploads.discard(school_id, form.upload.data)
    return page


# --- sign-in cards ---------------------------------------------------------------------------


@bp.route("/cards")
@login_required
def cards():
    if not can_open_cards(current_user):
        abort(403)
    groups = [
        g
        for g in tutor_groups_for_school(current_user.school_id)
        if can_print_cards(current_user, g)
    ]
    return render_template("schools/cards.html", groups=groups, form=ButtonForm())


@bp.post("/cards/<int:group_id>/print")
@login_required
def cards_print(group_id: int):
    """Issue fresh cards for a tutor group and show the printable sheet (old cards stop working)."""
    group = db.session.get(TutorGroup, group_id)
    if group is None or group.school_id != current_user.school_id:
        abort(404)
    if not can_print_cards(current_user, group) or not ButtonForm().validate_on_submit():
        abort(403)
    pupils = db.session.scalars(
        pupils_in_scope(current_user)
        .where(Pupil.tutor_group_id == group.id, Pupil.user_id.is_not(None))
        .order_by(Pupil.legal_last_name, Pupil.legal_first_name)
    ).all()
    sheet = [_card(p, accounts.issue_card(p.user, by=current_user)) for p in pupils]
    db.session.commit()
    return render_template("schools/cards_sheet.html", group=group, sheet=sheet)


@bp.post("/pupils/<int:pupil_id>/card")
@login_required
def card_reissue(pupil_id: int):
    pupil = pupil_for(current_user, pupil_id)
    group = pupil.tutor_group
    if group is None or not can_print_cards(current_user, group) or pupil.user is None:
        abort(403)
    if not ButtonForm().validate_on_submit():
        abort(400)
    sheet = [_card(pupil, accounts.issue_card(pupil.user, by=current_user))]
    db.session.commit()
    return render_template("schools/cards_sheet.html", group=group, sheet=sheet)


@bp.post("/pupils/<int:pupil_id>/card/revoke")
@login_required
def card_revoke(pupil_id: int):
    pupil = pupil_for(current_user, pupil_id)
    group = pupil.tutor_group
    if group is None or not can_print_cards(current_user, group) or pupil.user is None:
        abort(403)
    if not ButtonForm().validate_on_submit():
        abort(400)
    count = accounts.revoke_cards(pupil.user, by=current_user)
    db.session.commit()
    flash(
        f"{pupil.first_name}'s card no longer works."
        if count
        else f"{pupil.first_name} had no card to revoke.",
        "success",
    )
    return redirect(url_for("home.pupil_record", pupil_id=pupil.id))


def _card(pupil: Pupil, token: str) -> dict:
    url = url_for("accounts.card", token=token, _external=True)
    qr = segno.make(url, error="m")
    return {
        "first_name": pupil.first_name,
        "qr": qr.svg_inline(scale=4, omitsize=True, title=None),
        "url": url,
    }


# --- school settings -------------------------------------------------------------------------


@bp.route("/admin/school")
@login_required
def settings():
    if not can_change_school_settings(current_user):
        abort(403)
    school = current_user.school
    counts = {
        "pupils": db.session.scalar(
            select(db.func.count()).select_from(pupils_in_scope(current_user).subquery())
        ),
    }
    return render_template(
        "schools/settings.html", school=school, counts=counts, fingerprint=key_fingerprint(school)
    )


@bp.post("/pupils/<int:pupil_id>/career-send-group")
@login_required
def career_send_group(pupil_id: int):
    pupil = pupil_for(current_user, pupil_id)
    if not can_edit_pupil_needs(current_user, pupil):
        abort(403)
    form = CareerSendGroupForm()
    if not form.validate_on_submit():
        abort(400)
    set_career_send_group(pupil, int(form.career_send_group.data or 0) or None, by=current_user)
    db.session.commit()
    flash("Career SEND group saved.", "success")
    return redirect(url_for("home.pupil_record", pupil_id=pupil.id))
