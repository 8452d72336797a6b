"""Downloading a passport file, the school's public key, and importing a file (upload, check,
preview, confirm) for a joining pupil, by staff or by the pupil."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from journal.audit.operations import record
from journal.extensions import db
from journal.jobs.views import start_and_show
from journal.schools.guards import staff_pupil_or_404
from journal.schools.models import Pupil
from journal.schools.queries import school_by_urn

from . import bp, formats, uploads
from .forms import KeyConfirmForm, PassportConfirmForm, PassportUploadForm
from .importer import confirm_issuer_key, import_passport, key_fingerprint, previous_import
from .permissions import can_export_own, can_transfer
from .queries import import_of
from .verify import Refused, check


@bp.route("/.well-known/careers-passport/schools/<urn>.pub")
def public_key(urn: str):
    """The school's passport-signing public key, PEM (SubjectPublicKeyInfo). Public."""
    school = school_by_urn(urn)
    if school is None:
        abort(404)
    pem = Ed25519PublicKey.from_public_bytes(school.signing_key_public).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    response = Response(pem, mimetype="application/x-pem-file")
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/passport/download", methods=["GET", "POST"])
@login_required
def export_mine():
    """The pupil's own copy, drafts included: it is also their subject-access copy. Made by a
    job (journal.jobs): GET offers the button, POST starts it and shows its progress."""
    if not can_export_own(current_user):
        abort(403)
    pupil = current_user.pupil
    if request.method == "GET":
        return _offer(
            "Download my passport",
            "Your whole careers record in one file, with a "
            "PDF copy to read or print. It can take a moment to make.",
        )
    record("passport_exported", actor=current_user, pupil=pupil, drafts=True)
    return start_and_show("passport", pupil_id=pupil.id, include_drafts=True)


@bp.route("/pupils/<int:pupil_id>/passport.zip", methods=["GET", "POST"])
@login_required
def export_pupil(pupil_id: int):
    """A leaving pupil's passport for the next school: saved entries only, never drafts."""
    pupil = staff_pupil_or_404(pupil_id, can_transfer)
    if request.method == "GET":
        return _offer(
            f"Download {pupil.first_name}'s passport file",
            "Saved entries only, never drafts, signed by the school, for the pupil's next school.",
        )
    record("passport_exported", actor=current_user, pupil=pupil, drafts=False)
    return start_and_show("passport", pupil_id=pupil.id, include_drafts=False)


def _offer(title: str, explain: str):
    return render_template(
        "jobs/start.html", title=title, explain=explain, action=request.path, button=title
    )


@bp.route("/pupils/<int:pupil_id>/passport/import", methods=["GET", "POST"])
@login_required
def import_for_pupil(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_transfer)
    done = url_for("home.pupil_record", pupil_id=pupil.id)
    return _import(pupil, here=request.path, done=done, staff=True)


@bp.route("/passport/import", methods=["GET", "POST"])
@login_required
def import_mine():
    if not can_export_own(current_user):
        abort(403)
    return _import(
        current_user.pupil, here=request.path, done=url_for("passport.timeline"), staff=False
    )


def _import(pupil: Pupil, *, here: str, done: str, staff: bool):
    """Upload → check → preview → confirm. A refused file: the reason beside the field, 422,
    nothing written."""
    if "upload" in request.form:
        return _confirm(pupil, done=done, here=here, staff=staff)
    form = PassportUploadForm()
    context = {"pupil": pupil, "form": form, "here": here, "staff": staff, "limit": _limit()}
    if not form.validate_on_submit():
        return render_template("portable/import.html", **context), (422 if form.errors else 200)
    data = form.passport.data.read()
    try:
        checked = check(data, receiving=pupil.school, pupil=pupil)
    except Refused as problem:
        form.passport.errors.append(str(problem))
        record("passport_refused", actor=current_user, pupil=pupil, reason=str(problem)[:300])
        db.session.commit()
        return render_template("portable/import.html", **context), 422
    key = uploads.keep(pupil.id, data)
    return render_template(
        "portable/preview.html",
        checked=checked,
        made_on=formats.parse_timestamp(checked.document["exported_at"]),
        earlier=previous_import(pupil, checked),
        confirm=PassportConfirmForm(upload=key),
        **context,
    )


def _confirm(pupil: Pupil, *, done: str, here: str, staff: bool):
    form = PassportConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    data = uploads.load(pupil.id, form.upload.data)
    if data is None:
        flash("That check has expired. Please upload the file again.", "error")
        return redirect(here)
    try:
        checked = check(data, receiving=pupil.school, pupil=pupil)
        result, written = import_passport(
            pupil,
            checked,
            by=current_user,
            fingerprint_compared=staff and form.fingerprint_compared.data,
        )
    except Refused as problem:
        db.session.rollback()
        flash(str(problem), "error")
        return redirect(here)
    if not written and staff and form.fingerprint_compared.data and not result.key_verified:
        _key_confirmed(result)  # the same file again, to confirm its school's key this time
    elif written:
        flash(f"Passport from {result.issuer_name} imported.", "success")
    elif staff and not result.key_verified:
        flash(
            "This passport was imported before: nothing changed. Its sign-offs are not "
            f"verified until you confirm {result.issuer_name}'s key.",
            "error",
        )
        done = url_for("portable.confirm_key", pupil_id=pupil.id, import_id=result.id)
    else:
        flash("This passport was imported before: nothing changed.", "success")
    db.session.commit()
    uploads.discard(pupil.id, form.upload.data)
    return redirect(done)


def _key_confirmed(done) -> None:
    count = confirm_issuer_key(done, by=current_user)
    said = f"{done.issuer_name}'s key is confirmed"
    if count:
        said += (
            ": 1 sign-off is now verified"
            if count == 1
            else f": {count} sign-offs are now verified"
        )
    flash(f"{said}.", "success")


@bp.route("/pupils/<int:pupil_id>/passport/imports/<int:import_id>/key", methods=["GET", "POST"])
@login_required
def confirm_key(pupil_id: int, import_id: int):
    """Staff compare the issuing school's key fingerprint after the import (a pupil may have
    imported the file themselves): once confirmed, its sign-offs show as verified."""
    pupil = staff_pupil_or_404(pupil_id, can_transfer)
    done = import_of(pupil, import_id)
    if done is None:
        abort(404)
    form = KeyConfirmForm()
    if not done.key_verified and form.validate_on_submit():
        _key_confirmed(done)
        db.session.commit()
        return redirect(url_for("home.pupil_record", pupil_id=pupil.id))
    return render_template(
        "portable/confirm_key.html",
        pupil=pupil,
        done=done,
        fingerprint=key_fingerprint(done),
        form=form,
    ), (422 if form.errors else 200)


def _limit() -> str:
    return f"{(current_app.config.get('MAX_CONTENT_LENGTH') or 0) // (1024 * 1024)} MB"
