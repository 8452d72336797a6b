"""Family pages: staff inviting family members, the sign-up with a code, the family home and
a shared entry, and the pupil's own list of who is linked to them."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user

from journal.accounts.forms import ButtonForm
from journal.extensions import THROTTLED_PAGES, db, limiter
from journal.guidance import operations as guidance
from journal.media.permissions import add_reader
from journal.schools.guards import staff_pupil_or_404

from . import bp, operations, queries
from .forms import CodeForm, InviteForm, JoinForm
from .guards import family_child_or_404
from .permissions import (
    can_link_another_child,
    can_manage_family_links,
    can_see_family_links,
    family_can_mark_done,
    family_can_see_attachment,
)

CODES_KEPT = "family_codes"  # invite id -> code, in the staff member's own session, for the letter


@bp.record_once
def _media_reader(state) -> None:
    """A linked family member opens a photo through an entry shared with family."""
    add_reader(state.app, family_can_see_attachment)


# --- staff ------------------------------------------------------------------------------------


def _family_page(pupil, form, status: int = 200):
    return render_template(
        "family/pupil_family.html",
        pupil=pupil,
        links=queries.links_of_pupil(pupil),
        invites=queries.open_invites_of(pupil),
        form=form,
        button=ButtonForm(),
        can_manage=can_manage_family_links(current_user, pupil),
        shown=operations.shown,
    ), status


@bp.route("/pupils/<int:pupil_id>/family")
@login_required
def pupil_family(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_see_family_links)
    operations.staff_opened(current_user, pupil, "family")
    db.session.commit()
    return _family_page(pupil, InviteForm(formdata=None))


@bp.post("/pupils/<int:pupil_id>/family/invites")
@login_required
def new_invite(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_manage_family_links)
    form = InviteForm()
    if not form.validate_on_submit():
        return _family_page(pupil, form, 422)
    invite, code = operations.make_invite(
        pupil, by=current_user, relationship_label=form.relationship_label.data or ""
    )
    db.session.commit()
    kept = dict(list(session.get(CODES_KEPT, {}).items())[-4:])
    kept[str(invite.id)] = code
    session[CODES_KEPT] = kept
    return render_template(
        "family/invite_made.html", pupil=pupil, invite=invite, code=operations.shown(code)
    )


@bp.route("/pupils/<int:pupil_id>/family/invites/<int:invite_id>/letter")
@login_required
def invite_letter(pupil_id: int, invite_id: int):
    """The printable letter. The code is on it only in the session of the person who made the
    invite, while the invite is open: the database keeps only its hash."""
    pupil = staff_pupil_or_404(pupil_id, can_manage_family_links)
    invite = queries.invite_of(pupil, invite_id)
    code = session.get(CODES_KEPT, {}).get(str(invite.id)) if invite.is_open() else None
    operations.staff_opened(current_user, pupil, "family_letter")
    db.session.commit()
    return render_template(
        "family/letter.html",
        pupil=pupil,
        invite=invite,
        code=operations.shown(code) if code else None,
        join_url=url_for("family.join", _external=True),
    )


@bp.post("/pupils/<int:pupil_id>/family/invites/<int:invite_id>/revoke")
@login_required
def revoke_invite(pupil_id: int, invite_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_manage_family_links)
    invite = queries.invite_of(pupil, invite_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if operations.revoke_invite(invite, by=current_user):
        db.session.commit()
        flash("The invite is cancelled. Its code no longer works.", "success")
    return redirect(url_for("family.pupil_family", pupil_id=pupil.id))


@bp.post("/pupils/<int:pupil_id>/family/links/<int:link_id>/revoke")
@login_required
def revoke_link(pupil_id: int, link_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_manage_family_links)
    link = queries.link_of(pupil, link_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if operations.revoke_link(link, by=current_user):
        db.session.commit()
        flash(
            f"{link.family_user.display_name} can no longer see {pupil.first_name}'s passport.",
            "success",
        )
    return redirect(url_for("family.pupil_family", pupil_id=pupil.id))


# --- signing up with a code -------------------------------------------------------------------


def _code_failed(_response) -> bool:
    """Only a wrong, used or expired code counts towards the throttle."""
    return bool(g.get("family_code_failed"))


@bp.route("/family/join", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config.get("FAMILY_CODE_LIMIT_PER_ADDRESS", "10 per 15 minutes"),
    methods=["POST"],
    deduct_when=_code_failed,
)
@limiter.limit(
    lambda: current_app.config.get("FAMILY_CODE_LIMIT_ALL", "200 per hour"),
    key_func=lambda: "family-code-guesses",
    methods=["POST"],
    deduct_when=_code_failed,
)
def join():
    """Anyone with a code signs up here; a signed-in family member adds a further child."""
    if current_user.is_authenticated and not can_link_another_child(current_user):
        abort(403)
    if current_user.is_authenticated:
        return _link_another_child()
    if request.method == "POST" and request.form.get("step") == "details":
        return _join_details()
    form = CodeForm()
    if form.validate_on_submit():
        invite = _checked_invite(form)
        if invite is not None:
            details = JoinForm(formdata=None, data={"code": form.code.data})
            details.relationship_label.data = (
                form.relationship_label.data or invite.relationship_label
            )
            return render_template("family/join.html", form=details, step="details", invite=invite)
    return _join_page(form, "code")


def _join_page(form, step: str, invite=None):
    return render_template("family/join.html", form=form, step=step, invite=invite), (
        422 if form.errors else 200
    )


def _checked_invite(form):
    """The open invite for the code typed, or None with the message beside the code."""
    try:
        return operations.invite_for_code(form.code.data)
    except operations.FamilyError as problem:
        _code_problem(form, problem)
        return None


def _code_problem(form, problem: operations.FamilyError) -> None:
    form.code.errors = [*form.code.errors, str(problem)]
    if problem.code_failed:
        g.family_code_failed = True
        reason = "unknown" if str(problem) == operations.DOES_NOT_WORK else "used_or_expired"
        actor = current_user if current_user.is_authenticated else None
        operations.record_code_failed(form.code.data, reason, actor=actor)
        db.session.commit()


def _join_details():
    form = JoinForm()
    invite = _checked_invite(form)
    if invite is None:
        return _join_page(form, "code")
    if not form.validate_on_submit():
        return _join_page(form, "details", invite)
    try:
        user, link = operations.join(
            form.code.data,
            display_name=form.display_name.data,
            username=form.username.data,
            email=form.email.data,
            password=form.password.data,
            relationship_label=form.relationship_label.data or "",
        )
    except operations.FamilyError as problem:
        form[problem.field or "username"].errors.append(str(problem))
        return _join_page(form, "details", invite)
    db.session.commit()
    login_user(user, remember=False)
    flash(f"Welcome. You can now see what {link.pupil.first_name} shares with you.", "success")
    return redirect(url_for("home.index"))


def _link_another_child():
    form = CodeForm()
    if form.validate_on_submit():
        try:
            link = operations.link_with_code(
                current_user, form.code.data, form.relationship_label.data or ""
            )
        except operations.FamilyError as problem:
            _code_problem(form, problem)
        else:
            db.session.commit()
            flash(f"Your account is now linked to {link.pupil.first_name} too.", "success")
            return redirect(url_for("home.index"))
    return _join_page(form, "code")


def _throttled(_error):
    form = CodeForm(formdata=None)
    operations.record_code_failed(
        request.form.get("code", ""),
        "throttled",
        actor=current_user if current_user.is_authenticated else None,
    )
    db.session.commit()
    message = (
        "Too many codes tried. For safety, this is paused for a while. "
        "Wait 15 minutes and try again, or ask the school for help."
    )
    return render_template(
        "family/join.html", form=form, step="code", invite=None, throttled=message
    ), 429


THROTTLED_PAGES["family.join"] = _throttled


# --- the family member's own pages ------------------------------------------------------------


@bp.route("/family/children/<int:pupil_id>/entries/<int:entry_id>")
@login_required
def child_entry(pupil_id: int, entry_id: int):
    pupil = family_child_or_404(pupil_id)
    entry = queries.shared_entry(pupil, entry_id)
    page = render_template("family/entry.html", pupil=pupil, entry=entry)
    operations.viewed(current_user, pupil, "entry", entry_id=entry.id)
    db.session.commit()
    return page


@bp.post("/family/children/<int:pupil_id>/actions/<int:action_id>/done")
@login_required
def mark_done(pupil_id: int, action_id: int):
    """The family ticks off an action the family owns."""
    pupil = family_child_or_404(pupil_id)
    action = queries.family_action(pupil, action_id)
    if not family_can_mark_done(current_user, action):
        abort(403)
    if not ButtonForm().validate_on_submit():
        abort(400)
    guidance.set_action_status(action, "done", by=current_user, pupil=pupil)
    db.session.commit()
    flash("Thank you. That is marked as done.", "success")
    return redirect(url_for("home.index") + f"#child-{pupil.id}")


# --- the pupil --------------------------------------------------------------------------------


@bp.route("/account/family")
@login_required
def my_family():
    """Who is linked to the pupil's passport, and can see what they share with family."""
    pupil = current_user.pupil if current_user.is_pupil else None
    if pupil is None:
        abort(403)
    return render_template("family/my_family.html", links=queries.linked_family_of(pupil))
