from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from journal.extensions import THROTTLED_PAGES, db, limiter
from journal.schools.models import TutorAssignment
from journal.schools.permissions import can_manage_accounts
from journal.schools.queries import tutor_groups_for_school

from . import bp, operations
from .forms import ButtonForm, ChangePasswordForm, PersonForm, SignInForm
from .hooks import other_sign_in_choices
from .queries import people_of_school, person_in_school


def _account_key() -> str:
    return "account:" + (request.form.get("identifier") or "").strip().lower()[:254]


def _failed(response) -> bool:
    return response.status_code != 302


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ACCOUNT"],
    key_func=_account_key,
    methods=["POST"],
    deduct_when=_failed,
)
@limiter.limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    deduct_when=_failed,
)
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = operations.authenticate(form.identifier.data, form.password.data)
        except operations.AccountError as refused:
            user = None
            form.password.errors.append(str(refused))
        db.session.commit()
        if user:
            login_user(user, remember=False)
            return redirect(_safe_next() or url_for("home.index"))
        if not form.password.errors:
            form.password.errors.append(
                "That username and password do not match. Check them and try again, "
                "or ask your tutor for a new password."
            )
    return _sign_in_page(form), (422 if form.errors else 200)


def _sign_in_page(form, **context):
    """The sign-in page, with the school sign-in buttons of other methods (see hooks.py)."""
    buttons, notices = other_sign_in_choices(request.args.get("school"))
    return render_template(
        "accounts/sign_in.html", form=form, other_buttons=buttons, notices=notices, **context
    )


def _throttled(_error):
    form = SignInForm()
    form.validate()
    operations.record_throttled(form.identifier.data or "")
    db.session.commit()
    message = (
        "Too many tries. For your safety, signing in is paused for a few minutes. "
        "Wait, then try again — or ask your tutor or the school office for help."
    )
    return _sign_in_page(form, throttled=message), 429


THROTTLED_PAGES["accounts.sign_in"] = _throttled


def _safe_next() -> str | None:
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.post("/sign-out")
def sign_out():
    form = ButtonForm()
    response = redirect(url_for("accounts.sign_in"))
    if form.validate_on_submit() and current_user.is_authenticated:
        logout_user()
        flash("You have signed out.", "info")
        # A shared phone keeps nothing of the last person: kept pages, queue, service worker.
        response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.route("/account")
@login_required
def account():
    return render_template("accounts/account.html", form=ButtonForm())


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    if not ButtonForm().validate_on_submit():
        abort(400)
    operations.sign_out_everywhere(current_user)
    db.session.commit()
    logout_user()
    flash("You have been signed out on every device.", "info")
    response = redirect(url_for("accounts.sign_in"))
    response.headers["Clear-Site-Data"] = '"cache", "storage"'  # this device keeps nothing
    return response


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            operations.change_password(current_user, form.new_password.data)
        except operations.AccountError as problem:
            form.new_password.errors.append(str(problem))
        else:
            db.session.commit()
            flash("Your new password is saved.", "success")
            return redirect(url_for("home.index"))
    return render_template("accounts/change_password.html", form=form), (
        422 if form.errors else 200
    )


@bp.get("/card/<token>")
def card(token: str):
    """What a scanned QR card opens: a button to confirm (link previews must not sign in)."""
    found = operations.card_for_token(token)
    if found is None:
        return render_template("accounts/card_invalid.html"), 404
    return render_template("accounts/card.html", card=found, form=ButtonForm())


@bp.post("/card/<token>")
@limiter.limit("20 per minute")
def card_sign_in(token: str):
    found = operations.card_for_token(token)
    if found is None or not ButtonForm().validate_on_submit():
        return render_template("accounts/card_invalid.html"), 404
    if current_user.is_authenticated:
        logout_user()
    user = operations.sign_in_with_card(found)
    db.session.commit()
    login_user(user)
    return redirect(url_for("home.index"))


# --- people (school admins) ---------------------------------------------------------------


def _require_account_manager() -> None:
    if not can_manage_accounts(current_user):
        abort(403)


@bp.route("/admin/people")
@login_required
def people():
    _require_account_manager()
    people = people_of_school(current_user.school_id, request.args.get("q", ""))
    return render_template("accounts/people.html", people=people, q=request.args.get("q", ""))


@bp.route("/admin/people/new", methods=["GET", "POST"])
@login_required
def new_person():
    _require_account_manager()
    form = PersonForm()
    groups = tutor_groups_for_school(current_user.school_id)
    form.tutor_groups.choices = [(g.id, g.name) for g in groups]
    user = _create_person(form) if form.validate_on_submit() else None
    if user is not None:
        temporary = operations.set_temporary_password(user, by=current_user)
        operations.record_person_created(user, by=current_user)
        db.session.commit()
        return render_template("accounts/temporary_password.html", person=user, temporary=temporary)
    return render_template("accounts/person_form.html", form=form), (422 if form.errors else 200)


def _create_person(form: PersonForm):
    """The new account with its tutor groups, or None with the problem on its field."""
    try:
        user = operations.create_user(
            school=current_user.school,
            username=form.username.data,
            display_name=form.display_name.data,
            roles=form.roles.data,
            email=form.email.data,
            password=None,
        )
    except operations.AccountError as problem:
        form[problem.field or "username"].errors.append(str(problem))
        return None
    for group_id in form.tutor_groups.data or []:
        db.session.add(TutorAssignment(tutor_group_id=group_id, user_id=user.id))
    return user


@bp.route("/admin/people/<int:user_id>")
@login_required
def person(user_id: int):
    _require_account_manager()
    person = person_in_school(current_user.school_id, user_id)
    return render_template("accounts/person.html", person=person, form=ButtonForm())


@bp.post("/admin/people/<int:user_id>/temporary-password")
@login_required
def temporary_password(user_id: int):
    _require_account_manager()
    person = person_in_school(current_user.school_id, user_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if person.id == current_user.id:
        abort(403)
    temporary = operations.set_temporary_password(person, by=current_user)
    db.session.commit()
    return render_template("accounts/temporary_password.html", person=person, temporary=temporary)
