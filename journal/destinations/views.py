"""Destinations pages: a pupil's destinations for staff, the leavers' overview, the exchange
with the local authority, role models, and a former pupil's own checkpoint and role-model
pages. Views load, check permission, call an operation, commit, render."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from journal.accounts.forms import ButtonForm
from journal.calendar import destination_checkpoints, today
from journal.extensions import db
from journal.passport.plans.queries import latest_destinations
from journal.reference import destinations
from journal.schools import uploads
from journal.schools.guards import own_pupil_or_403, staff_pupil_or_404

from . import bp, exchange, operations, queries
from .forms import (
    CheckpointForm,
    ConfirmImportForm,
    DestinationForm,
    GuaranteeForm,
    ImportForm,
    LeavingForm,
    RoleModelForm,
)
from .models import GUARANTEE_STATUSES, SOURCES, STAGES
from .permissions import (
    can_edit_destinations,
    can_exchange,
    can_record_leaving,
    can_see_destinations,
    can_see_role_models,
)
from .queries import nccis_label
from .retention import KEEP_AFTER_LAST_CHECKPOINT, retention_ends

GUARANTEE_YEARS = {11: "guarantee_11", 12: "guarantee_12"}


def destination_words() -> dict:
    """The destinations pages' words (given to their templates by ``journal.templating``)."""
    return {
        "activity_label": destinations.activity_label,  # a pupil's own choice, in their words
        "nccis_label": nccis_label,
        "activity_codes": destinations.ACTIVITIES,
        "stages": STAGES,
        "statuses": GUARANTEE_STATUSES,
        "sources": SOURCES,
        "now_doing_label": lambda code: destinations.NOW_DOING.get(code) or nccis_label(code),
    }


def _stages_shown(pupil) -> list[str]:
    """Intended, the guarantee for the pupil's year (or any recorded), leaving, checkpoints."""
    return ["intended_16", "intended_18", *_guarantees(pupil), "leaving", *queries.CHECKPOINTS]


def _guarantees(pupil) -> list[str]:
    return [stage for year, stage in GUARANTEE_YEARS.items() if pupil.year_group >= year]


def _blank_form(stage: str):
    form_class = GuaranteeForm if stage.startswith("guarantee") else DestinationForm
    source = "staff" if stage.startswith(("intended", "guarantee")) else ""
    return form_class(formdata=None, prefix=stage, data={"source": source})


def _destinations_page(pupil, *, posted=None, leaving_form=None, status: int = 200):
    forms = {stage: _blank_form(stage) for stage in _stages_shown(pupil)}
    if posted is not None:
        forms[posted._prefix.rstrip("-")] = posted
    return render_template(
        "destinations/pupil_destinations.html",
        pupil=pupil,
        history=queries.records_of(pupil),
        passport=latest_destinations(pupil),
        checkpoints=queries.checkpoint_dates(pupil),
        on=today(),
        forms=forms,
        guarantees=_guarantees(pupil),
        open_stage=posted._prefix.rstrip("-") if posted is not None else None,
        leaving_form=leaving_form or LeavingForm(formdata=None, data={"left_on": pupil.left_on}),
        can_edit=can_edit_destinations(current_user, pupil),
        can_leave=can_record_leaving(current_user, pupil),
        button=ButtonForm(),
        stages=STAGES,
        statuses=GUARANTEE_STATUSES,
        sources=SOURCES,
    ), status


@bp.route("/pupils/<int:pupil_id>")
@login_required
def pupil_destinations(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_see_destinations)
    operations.staff_opened(current_user, pupil)
    page = _destinations_page(pupil)  # before the commit, which would expire what it shows
    db.session.commit()
    return page


@bp.post("/pupils/<int:pupil_id>/record/<stage>")
@login_required
def record(pupil_id: int, stage: str):
    pupil = staff_pupil_or_404(pupil_id, can_edit_destinations)
    if stage not in _stages_shown(pupil):
        abort(404)
    form_class = GuaranteeForm if stage.startswith("guarantee") else DestinationForm
    form = form_class(prefix=stage)
    if not form.validate_on_submit():
        return _destinations_page(pupil, posted=form, status=422)
    operations.record_destination(
        pupil,
        stage,
        by=current_user,
        source=form.source.data,
        activity_code=getattr(form, "activity_code", None) and form.activity_code.data,
        guarantee_status=getattr(form, "guarantee_status", None) and form.guarantee_status.data,
        provider=form.provider.data or "",
        effective_on=form.effective_on.data,
        note=form.note.data or "",
    )
    db.session.commit()
    flash(f"Saved: {STAGES[stage].lower()}.", "success")
    return redirect(url_for(".pupil_destinations", pupil_id=pupil.id, _anchor=stage))


@bp.post("/pupils/<int:pupil_id>/confirm/<any('16', '18'):passport_stage>")
@login_required
def confirm_intended(pupil_id: int, passport_stage: str):
    pupil = staff_pupil_or_404(pupil_id, can_edit_destinations)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        operations.confirm_intended(pupil, passport_stage, by=current_user)
    except operations.DestinationError as problem:
        flash(str(problem), "error")
    else:
        db.session.commit()
        flash(f"Confirmed {pupil.first_name}'s intended destination.", "success")
    return redirect(
        url_for(".pupil_destinations", pupil_id=pupil.id, _anchor=f"intended_{passport_stage}")
    )


@bp.post("/pupils/<int:pupil_id>/left")
@login_required
def record_left(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_record_leaving)
    form = LeavingForm()
    if form.validate_on_submit():
        try:
            operations.record_leaving(pupil, form.left_on.data, by=current_user)
        except operations.DestinationError as problem:
            form.left_on.errors.append(str(problem))
        else:
            db.session.commit()
            flash(f"{pupil.first_name} is now a former pupil. Their sign-in stays open.", "success")
            return redirect(url_for(".pupil_destinations", pupil_id=pupil.id, _anchor="leaving"))
    return _destinations_page(pupil, leaving_form=form, status=422)


@bp.post("/pupils/<int:pupil_id>/left/undo")
@login_required
def undo_left(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_record_leaving)
    if not ButtonForm().validate_on_submit():
        abort(400)
    operations.undo_leaving(pupil, by=current_user)
    db.session.commit()
    flash("The leaving date is removed.", "success")
    return redirect(url_for(".pupil_destinations", pupil_id=pupil.id, _anchor="leaving"))


# --- the careers team's pages ----------------------------------------------------------------


def _require(allowed) -> None:
    if not allowed(current_user):
        abort(403)


@bp.route("/")
@login_required
def overview():
    """Former pupils with their destination and checkpoints; links to the exchange."""
    _require(lambda u: u.is_careers_staff or u.is_school_admin)
    return render_template(
        "destinations/overview.html",
        leavers=queries.leavers(current_user.school_id),
        on=today(),
        stages=STAGES,
        can_exchange=can_exchange(current_user),
    )


@bp.route("/export.csv")
@login_required
def export():
    _require(can_exchange)
    text = exchange.export_csv(current_user.school, by=current_user)
    db.session.commit()
    name = f"destinations-{current_user.school.urn}-{today().isoformat()}.csv"
    return Response(
        "\ufeff" + text,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_upload():
    _require(can_exchange)
    form = ImportForm()
    if form.validate_on_submit():
        data = form.file.data.read(uploads.MAX_ROSTER_BYTES + 1)
        if len(data) > uploads.MAX_ROSTER_BYTES:
            form.file.errors.append("That file is bigger than 5 MB. Is it the right file?")
        else:
            try:
                plan = exchange.plan_import(current_user.school, data)
            except exchange.ExchangeFileError as problem:
                form.file.errors.append(str(problem))
            else:
                filename = (form.file.data.filename or "")[:200]
                confirm = ConfirmImportForm(
                    upload=uploads.keep(current_user.school_id, data), filename=filename
                )
                return render_template(
                    "destinations/import_preview.html", plan=plan, form=confirm, filename=filename
                )
    return render_template("destinations/import_upload.html", form=form), (
        422 if form.errors else 200
    )


@bp.post("/import/confirm")
@login_required
def import_confirm():
    _require(can_exchange)
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(400)
    data = uploads.load(current_user.school_id, form.upload.data)
    if data is None:
        flash("That preview has expired. Please upload the file again.", "error")
        return redirect(url_for(".import_upload"))
    plan = exchange.plan_import(current_user.school, data)
    exchange.apply_import(
        current_user.school, plan, by=current_user, filename=form.filename.data or ""
    )
    page = render_template("destinations/import_done.html", plan=plan, filename=form.filename.data)
    db.session.commit()
    uploads.discard(current_user.school_id, form.upload.data)
    return page


@bp.route("/role-models")
@login_required
def role_models():
    _require(can_see_role_models)
    return render_template(
        "destinations/role_models.html", role_models=queries.role_models(current_user.school_id)
    )


@bp.route("/how-long-we-keep-records")
def retention_explained():
    """Plain words a school can show a parent: what is kept after a pupil leaves, how long."""
    example = today().replace(month=7, day=20)
    return render_template(
        "destinations/retention.html",
        example_left=example,
        example_checkpoints=destination_checkpoints(example),
        example_end=retention_ends(example),
        keep_days=KEEP_AFTER_LAST_CHECKPOINT.days,
    )


# --- a former pupil's own pages --------------------------------------------------------------


@bp.route("/mine", methods=["GET", "POST"])
@login_required
def my_destination():
    """A former pupil says what they do now, at the checkpoint that is due."""
    pupil = own_pupil_or_403()
    due = queries.checkpoint_due(pupil) if pupil.left_on else None
    form = CheckpointForm()
    if due and form.validate_on_submit():
        operations.alumnus_update(
            pupil,
            due[0],
            form.doing.data,
            provider=form.provider.data or "",
            started_on=form.started_on.data,
        )
        db.session.commit()
        flash("Thank you. Your school has your update.", "success")
        return redirect(url_for(".my_destination"))
    return _mine_page(pupil, due, form)


def _mine_page(pupil, due, form: CheckpointForm):
    """The checkpoint question when one is due, and what they told the school before."""
    history = queries.records_of(pupil) if pupil.left_on else {}
    return render_template(
        "destinations/mine.html",
        pupil=pupil,
        due=due,
        form=form,
        history=history,
        checkpoints=queries.checkpoint_dates(pupil),
        stages=STAGES,
    ), (422 if form.errors else 200)


@bp.route("/mine/role-model", methods=["GET", "POST"])
@login_required
def my_role_model():
    """A former pupil agrees (or not) to be listed for careers staff as a role model."""
    pupil = own_pupil_or_403()
    if pupil.left_on is None:
        return render_template("destinations/role_model_mine.html", pupil=pupil, form=None)
    found = queries.role_model_of(pupil)
    listed = found is not None and found.is_listed
    form = RoleModelForm(
        data={"now_doing": found.now_doing, "happy_to": found.happy_to} if listed else None
    )
    if form.validate_on_submit():
        operations.agree_role_model(
            pupil, now_doing=form.now_doing.data, happy_to=form.happy_to.data or ""
        )
        db.session.commit()
        flash("Thank you. Careers staff at your school can now see this.", "success")
        return redirect(url_for(".my_role_model"))
    return render_template(
        "destinations/role_model_mine.html",
        pupil=pupil,
        form=form,
        listed=listed,
        button=ButtonForm(),
    ), (422 if form.errors else 200)


@bp.post("/mine/role-model/withdraw")
@login_required
def withdraw_role_model():
    pupil = own_pupil_or_403()
    if not ButtonForm().validate_on_submit():
        abort(400)
    if operations.withdraw_role_model(pupil):
        db.session.commit()
        flash("You are no longer listed. What you wrote has been removed.", "success")
    return redirect(url_for(".my_role_model"))
