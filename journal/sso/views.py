"""School sign-in: the redirect to the school's provider and back, and the admins' set-up page."""

from __future__ import annotations

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user
from joserfc.errors import BadSignatureError, ClaimError, JoseError

from journal.accounts.forms import ButtonForm
from journal.extensions import db, limiter

from . import bp, discovery, operations, providers, queries
from .client import client_for
from .crypto import SecretUnreadable
from .forms import FORMS, LinkForm, PolicyForm
from .permissions import can_manage_sso

# reason -> (status, title, what the person reads). {school} and {admins} are filled in.
REFUSALS = {
    "unknown": (
        403,
        "Your school account is not linked yet",
        "You signed in as {email}, but nobody at {school} has that email in Careers Passport, "
        "so we did not sign you in. Ask {admins} to link your school account to you. "
        "Until then, sign in with your username and password or your sign-in card.",
    ),
    "wrong_organisation": (
        403,
        "That account is not from {school}",
        "You signed in with an account from another organisation. Sign out of it at the "
        "provider, then sign in with your {school} account.",
    ),
    "invalid_token": (
        400,
        "We could not check that sign-in",
        "The answer from the sign-in service did not pass our security checks, so we did not "
        "sign you in. Try again; if it happens again, tell your school's IT team.",
    ),
    "replayed": (
        400,
        "That sign-in had already been used",
        "For your safety each sign-in works once only. Go back to the sign-in page and start "
        "again.",
    ),
    "expired": (
        400,
        "That sign-in has expired",
        "The sign-in was not started here, was already used, or took too long. Go back to the "
        "sign-in page and start again.",
    ),
    "cancelled": (
        400,
        "Sign-in was cancelled",
        "The sign-in service did not sign you in. Go back to the sign-in page to try again.",
    ),
    "disabled": (
        403,
        "This account cannot sign in",
        "Your Careers Passport account is switched off. Ask {admins} for help.",
    ),
    "unavailable": (
        503,
        "We could not reach the sign-in service",
        "The school's sign-in service did not answer. Try again in a few minutes, or sign in "
        "with your username and password.",
    ),
}


def _failed(response) -> bool:
    return response.status_code != 302


@bp.get("/sso/<int:connection_id>/start")
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], deduct_when=_failed)
def start(connection_id: int):
    """Send the person to their school's provider; Authlib keeps state, nonce and PKCE verifier."""
    connection = queries.enabled_connection(connection_id)
    if connection is None:
        abort(404)
    session["sso_connection"] = connection.id
    session["sso_next"] = _safe_next()
    try:
        return client_for(connection).authorize_redirect(
            url_for("sso.callback", _external=True), **providers.authorize_params(connection)
        )
    except (requests.RequestException, SecretUnreadable, OAuthError, ValueError) as problem:
        return _refuse(connection, "unavailable", error=type(problem).__name__)


@bp.get("/sso/callback")
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], deduct_when=_failed)
def callback():
    """Back from the provider: Authlib checks state, swaps the code (with the PKCE verifier) and
    validates the ID token; then the school's own checks and the link to a person."""
    connection = queries.enabled_connection(session.get("sso_connection") or 0)
    if connection is None:
        return _refuse(None, "expired")
    try:
        identity = _identity(connection)
        user = operations.sign_in(connection, identity)
    except operations.SsoRefused as refused:
        return _refuse(connection, refused.reason, **refused.detail)
    next_page = session.get("sso_next")
    db.session.commit()
    session.clear()  # nothing of the flow, or of a previous person, outlives the sign-in
    login_user(user, remember=False)
    return redirect(next_page or url_for("home.index"))


def _identity(connection) -> providers.Identity:
    """The validated identity, or SsoRefused naming why not."""
    try:
        token = client_for(connection).authorize_access_token()
    except MismatchingStateError as problem:
        raise operations.SsoRefused("expired") from problem
    except OAuthError as problem:
        reason = {"invalid_grant": "replayed", "access_denied": "cancelled"}.get(
            problem.error, "invalid_token"
        )
        raise operations.SsoRefused(reason, error=problem.error) from problem
    except ClaimError as problem:
        reason = {"iss": "wrong_organisation", "nonce": "replayed"}.get(
            problem.claim, "invalid_token"
        )
        raise operations.SsoRefused(reason, claim=problem.claim) from problem
    except (BadSignatureError, JoseError, ValueError) as problem:
        raise operations.SsoRefused("invalid_token", error=type(problem).__name__) from problem
    except (requests.RequestException, SecretUnreadable) as problem:
        raise operations.SsoRefused("unavailable", error=type(problem).__name__) from problem
    claims = token.get("userinfo")
    if not claims:  # no ID token, or no nonce kept: never sign in on an access token alone
        raise operations.SsoRefused("invalid_token", error="no ID token")
    try:
        return providers.identity_from(connection, dict(claims))
    except providers.WrongOrganisation as problem:
        raise operations.SsoRefused("wrong_organisation", why=str(problem)) from problem


def _refuse(connection, reason: str, **detail):
    operations.record_refusal(connection, reason, **detail)
    db.session.commit()
    for key in ("sso_connection", "sso_next"):
        session.pop(key, None)
    status, title, message = REFUSALS[reason]
    school = connection.school.name if connection else "your school"
    admins = queries.admin_names(connection.school_id) if connection else []
    ask = f"{_and(admins)} (your school admin at {school})" if admins else "your school office"
    words = message.format(
        school=school, email=detail.get("email") or "an account with no email", admins=ask
    )
    return render_template(
        "sso/refused.html", title=title.format(school=school), message=words
    ), status


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _safe_next() -> str | None:
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


# --- set-up (school admins) ----------------------------------------------------------------


def _require_manager() -> None:
    if not can_manage_sso(current_user):
        abort(403)


@bp.get("/admin/school-sign-in")
@login_required
def setup():
    _require_manager()
    return _setup_page()


def _setup_page(status: int = 200, *, policy=None, link=None, **posted):
    """The set-up page; a form that was posted with errors comes back as it was typed."""
    school_id = current_user.school_id
    connections = queries.connections_of(school_id)
    forms = {
        kind: posted.get(kind) or form_class(obj=connections.get(kind), formdata=None, prefix=kind)
        for kind, form_class in FORMS.items()
    }
    return render_template(
        "sso/setup.html",
        forms=forms,
        connections=connections,
        policy_form=policy or PolicyForm(obj=queries.policy_of(school_id), formdata=None),
        link_form=link or LinkForm(formdata=None),
        links=queries.links_of(school_id),
        unmatched=queries.unmatched_of(school_id),
        redirect_uri=url_for("sso.callback", _external=True),
    ), status


@bp.post("/admin/school-sign-in/<any(microsoft, google, oidc):kind>")
@login_required
def save(kind: str):
    _require_manager()
    form = FORMS[kind](prefix=kind)
    if form.validate_on_submit() and _saved_connection(kind, form):
        db.session.commit()
        flash("Saved. Now test the connection.", "success")
        return redirect(url_for("sso.setup") + f"#{kind}")
    return _setup_page(422, **{kind: form})


def _saved_connection(kind: str, form) -> bool:
    """Save the school's connection from the form; False with the problem on its field."""
    names = ("tenant_id", "domain", "issuer_url", "label")
    fields = {name: form[name].data for name in names if name in form}
    try:
        operations.save_connection(
            current_user.school,
            kind,
            by=current_user,
            secret=form.client_secret.data,
            client_id=form.client_id.data,
            is_enabled=form.is_enabled.data,
            **fields,
        )
    except operations.SsoError as problem:
        form[problem.field or "client_id"].errors.append(str(problem))
        return False
    return True


@bp.post("/admin/school-sign-in/<int:connection_id>/test")
@login_required
def test_connection(connection_id: int):
    _require_manager()
    connection = queries.connection_in_school(current_user.school_id, connection_id)
    if connection is None:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    result = discovery.check(connection)
    operations.record_test(connection, result.message, ok=result.ok, by=current_user)
    db.session.commit()
    flash(connection.last_test_result, "success" if result.ok else "error")
    return redirect(url_for("sso.setup") + f"#{connection.kind}")


@bp.post("/admin/school-sign-in/policy")
@login_required
def policy():
    _require_manager()
    form = PolicyForm()
    if form.validate_on_submit():
        try:
            operations.set_policy(
                current_user.school,
                staff=form.require_for_staff.data,
                pupils=form.require_for_pupils.data,
                by=current_user,
            )
        except operations.SsoError as problem:
            form.require_for_staff.errors.append(str(problem))
        else:
            db.session.commit()
            flash("Saved who must use the school sign-in.", "success")
            return redirect(url_for("sso.setup") + "#policy")
    return _setup_page(422, policy=form)


@bp.post("/admin/school-sign-in/links/<int:link_id>/unlink")
@login_required
def unlink(link_id: int):
    _require_manager()
    link = queries.link_in_school(current_user.school_id, link_id)
    if link is None:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    name = link.user.display_name
    operations.unlink(link, by=current_user)
    db.session.commit()
    flash(f"Unlinked {name}'s school account.", "success")
    return redirect(url_for("sso.setup") + "#links")


@bp.post("/admin/school-sign-in/unmatched/<int:unmatched_id>/link")
@login_required
def link(unmatched_id: int):
    _require_manager()
    found = queries.unmatched_in_school(current_user.school_id, unmatched_id)
    if found is None:
        abort(404)
    form = LinkForm()
    if form.validate_on_submit():
        person = queries.person_by_login(current_user.school_id, form.person.data)
        if person is None:
            form.person.errors.append("Nobody at this school has that username or email.")
        else:
            try:
                operations.link_by_hand(found, person, by=current_user)
            except operations.SsoError as problem:
                form.person.errors.append(str(problem))
            else:
                db.session.commit()
                flash(f"Linked to {person.display_name}.", "success")
                return redirect(url_for("sso.setup") + "#links")
    return _setup_page(422, link=form)
