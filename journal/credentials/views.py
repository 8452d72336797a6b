"""The pupil's credentials (choose, download one or a bundle), staff agreeing for an under-13
pupil, the school's DID document and status list (public), and the public verify page."""

from __future__ import annotations

import io
import json
import zipfile

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from journal.extensions import db, limiter
from journal.schools.guards import own_pupil_or_403, staff_pupil_or_404

from . import bp, issuing, operations, queries, verification
from .forms import MAX_TOKEN_CHARS, ChooseForm, VerifyForm
from .permissions import can_agree, can_choose, needs_staff_agreement

JWT_TYPE = "application/vc+jwt"


def _choose_form(pupil, offers, formdata=None) -> ChooseForm:
    form = ChooseForm(formdata=formdata)
    form.chosen.choices = [(o.key, o.title) for o in offers if o.existing is None]
    if formdata is None:
        form.subject_name.data = pupil.full_name
    return form


@bp.route("/credentials", methods=["GET", "POST"])
@login_required
def mine():
    """What the school stands behind that the pupil may have as Open Badges, and what they
    have: nothing is issued until they choose it here."""
    pupil = own_pupil_or_403(can_choose)
    offers = queries.offers_for(pupil)
    form = _choose_form(pupil, offers, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        chosen = operations.choose(
            pupil,
            form.chosen.data,
            subject_name=form.subject_name.data,
            own_words=form.own_words.data,
            by=current_user,
        )
        db.session.commit()
        flash(_chosen_words(chosen), "success")
        return redirect(url_for("credentials.mine"))
    return _mine_page(pupil, form, offers), (422 if request.method == "POST" else 200)


def _chosen_words(chosen) -> str:
    """What the pupil reads once they have chosen: ready now, or waiting for staff."""
    if any(not c.is_issued for c in chosen):
        return "Your choice is saved. Careers staff will agree to it, then you can download them."
    plural = "s are" if len(chosen) != 1 else " is"
    return f"Your {len(chosen)} badge{plural} ready: download them below."


def _mine_page(pupil, form, offers) -> str:
    return render_template(
        "credentials/mine.html",
        form=form,
        offers=offers,
        credentials=queries.credentials_of(pupil),
        revoked=queries.revoked_indices(pupil.school),
        needs_staff=needs_staff_agreement(pupil, _today()),
    )


def _today():
    from journal.calendar import today

    return today()


@bp.route("/credentials/<int:credential_id>.jwt")
@login_required
def download(credential_id: int):
    """One credential, the VC-JWT exactly as issued."""
    pupil = own_pupil_or_403(can_choose)
    credential = queries.credential_of(pupil, credential_id)
    if credential is None or not credential.is_issued:
        abort(404)
    response = Response(credential.token + "\n", mimetype=JWT_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{credential.uuid}.jwt"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/credentials/bundle.zip")
@login_required
def bundle():
    """The chosen credentials (``?id=1&id=2``, or all issued) in one zip, one .jwt each."""
    pupil = own_pupil_or_403(can_choose)
    wanted = set(request.args.getlist("id", type=int))
    chosen = [c for c in queries.issued_of(pupil) if not wanted or c.id in wanted]
    if not chosen:
        abort(404)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for credential in chosen:
            archive.writestr(f"{credential.uuid}.jwt", credential.token + "\n")
    response = Response(out.getvalue(), mimetype="application/zip")
    response.headers["Content-Disposition"] = 'attachment; filename="credentials.zip"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/pupils/<int:pupil_id>/credentials")
@login_required
def pupil_credentials(pupil_id: int):
    """A pupil's credentials for careers staff, and the choices waiting for their agreement."""
    pupil = staff_pupil_or_404(pupil_id, can_agree)
    return render_template(
        "credentials/pupil.html",
        pupil=pupil,
        credentials=queries.credentials_of(pupil),
        revoked=queries.revoked_indices(pupil.school),
    )


@bp.route("/pupils/<int:pupil_id>/credentials/<int:credential_id>/agree", methods=["POST"])
@login_required
def agree(pupil_id: int, credential_id: int):
    """Careers staff agree to an under-13 pupil's choice: the credential is issued."""
    pupil = staff_pupil_or_404(pupil_id, can_agree)
    credential = queries.credential_of(pupil, credential_id)
    if credential is None:
        abort(404)
    operations.agree(credential, by=current_user)
    db.session.commit()
    flash(f"You agreed. {pupil.first_name} can now download “{credential.title}”.", "success")
    return redirect(url_for("credentials.pupil_credentials", pupil_id=pupil.id))


@bp.route("/credentials/schools/<urn>/did.json")
def did_document(urn: str):
    """The school's did:web document: its passport-signing key as a JWK. Public."""
    school = queries.school_by_urn(urn) or abort(404)
    return _public(json.dumps(issuing.did_document(school), indent=1), "application/did+json")


@bp.route("/credentials/status/<urn>.jwt")
def status_list(urn: str):
    """The school's Bitstring Status List (revocation), a signed VC-JWT good for a day. Public."""
    school = queries.school_by_urn(urn) or abort(404)
    token = issuing.signed_status_list(school, queries.revoked_indices(school))
    response = _public(token, JWT_TYPE)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def _public(body: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/verify", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config.get("VERIFY_LIMIT_PER_ADDRESS", "30 per 5 minutes"),
    methods=["POST"],
)
def verify():
    """Anyone, signed in or not, checks a credential file or a pasted one (CSRF-protected,
    throttled by address): who issued it, to whom, for what, when, and whether it holds."""
    form = VerifyForm()
    verdict = None
    if form.validate_on_submit():
        token = _token_from(form)
        if token is None:
            form.token.errors = [*form.token.errors, "Choose a credential file or paste one."]
        else:
            verdict = verification.verify(token)
    status = 422 if request.method == "POST" and verdict is None else 200
    return render_template("credentials/verify.html", form=form, verdict=verdict), status


def _token_from(form: VerifyForm) -> str | None:
    upload = form.file.data
    if upload and getattr(upload, "filename", ""):
        text = upload.read(MAX_TOKEN_CHARS + 1).decode("utf-8", "replace")
    else:
        text = form.token.data or ""
    text = text.strip()
    return text[:MAX_TOKEN_CHARS] or None
