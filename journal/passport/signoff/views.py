"""Signing off entries: the queue of entries waiting, and deciding on one (sign off, or return
with a comment). Each decision works as a plain form and, with htmx, in place in the queue."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length

from journal.audit.operations import record
from journal.extensions import db, htmx
from journal.passport.blueprint import bp
from journal.passport.entries.permissions import staff_can_see_entry
from journal.passport.signoff import operations
from journal.passport.signoff import queries as signoff_queries
from journal.passport.signoff.permissions import (
    can_sign_off,
    can_use_sign_off_queue,
    signer_role_for,
)
from journal.schools.queries import pupil_for

ROLE_WORDS = {
    "tutor": "tutor",
    "careers_leader": "careers leader",
    "careers_adviser": "careers adviser",
    "senco": "SENCO",
}
STALE = (
    "{name} changed this entry after you opened it (or someone else has already signed it). "
    "Here is what it says now."
)


class DecisionForm(FlaskForm):
    """One decision on the revision the person saw. Prefixed with the entry's id, so a queue
    of many items has unique field ids. (The app's CSRFProtect checks the token.)"""

    class Meta:
        csrf = False

    revision_id = IntegerField(validators=[InputRequired()])
    decision = StringField(validators=[AnyOf(["signed", "returned"])])
    comment = TextAreaField(
        "Comment (needed if you return it)",
        description="Say what to add or change. Short sentences help.",
        validators=[Length(max=2000)],
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.decision.data == "returned" and not (self.comment.data or "").strip():
            self.comment.errors = [*self.comment.errors, "Write a comment to say what to change."]
            return False
        return valid


def decision_form(entry, formdata=None) -> DecisionForm:
    form = DecisionForm(formdata=formdata, prefix=f"e{entry.id}")
    if formdata is None:
        form.revision_id.data = entry.current_revision_id
    return form


@bp.route("/sign-off")
@login_required
def queue():
    """Entries waiting for this person to sign off, oldest first. Opening it is audited."""
    if not can_use_sign_off_queue(current_user):
        abort(403)
    record("sign_off_queue_opened", actor=current_user)
    db.session.commit()
    page = signoff_queries.waiting_for(current_user, page=request.args.get("page", 1, type=int))
    return render_template("passport/queue.html", page=page, single=False)


@bp.route("/sign-off/<int:entry_id>", methods=["POST"])
@login_required
def decide(entry_id: int):
    """Sign off or return the revision the person saw; 409 with the entry as it is now if it
    changed (or was decided) since."""
    pupil, entry = _entry_to_decide(entry_id)
    form = decision_form(entry, request.form)
    if form.revision_id.errors or not form.validate():
        if form.revision_id.errors or form.decision.errors:
            abort(400)
        return _item(entry, form, status=422)
    try:
        sign_off = operations.decide_sign_off(
            entry,
            revision_id=form.revision_id.data,
            decision=form.decision.data,
            signer=current_user,
            signer_role=signer_role_for(current_user, pupil),
            comment=form.comment.data or "",
        )
    except operations.StaleVersion:
        return _stale(pupil, entry_id, form)
    _audit(sign_off, pupil)
    db.session.commit()
    return _decided(pupil, entry_id, sign_off)


def _stale(pupil, entry_id: int, form: DecisionForm):
    """The entry as it is now, with the comment they wrote kept, to decide again (409)."""
    db.session.rollback()
    entry = signoff_queries.queue_item(pupil, entry_id)
    fresh = decision_form(entry)
    fresh.comment.data = form.comment.data
    return _item(entry, fresh, status=409, stale=True)


class WithdrawForm(FlaskForm):
    """Withdrawing a sign-off that stands, with the reason the pupil reads."""

    class Meta:
        csrf = False

    sign_off_id = IntegerField(validators=[InputRequired()])
    reason = TextAreaField(
        "Why are you withdrawing it?",
        description="The pupil reads this. Any credential made from this sign-off is revoked.",
        validators=[InputRequired("Write why you are withdrawing it."), Length(max=1000)],
    )


def _withdraw(pupil, entry, sign_off, reason: str) -> None:
    """Withdraw, audit and commit, or say nothing was withdrawn if the entry changed."""
    try:
        operations.withdraw_sign_off(entry, sign_off=sign_off, by=current_user, reason=reason)
    except operations.StaleVersion:
        db.session.rollback()
        flash("The entry changed since you opened it: nothing was withdrawn.", "error")
        return
    record(
        "sign_off_withdrawn",
        actor=current_user,
        pupil=pupil,
        entry_id=entry.id,
        sign_off_id=sign_off.id,
    )
    db.session.commit()
    flash(
        f"You withdrew the sign-off of “{entry.title}”. {pupil.first_name} can see why.", "success"
    )


@bp.route("/sign-off/<int:entry_id>/withdraw", methods=["POST"])
@login_required
def withdraw(entry_id: int):
    """Withdraw a sign-off that stands: the entry goes back to the pupil with the reason, and
    what stands on it (an Open Badges credential) is revoked. Audited."""
    pupil, entry = _entry_to_decide(entry_id)
    form = WithdrawForm(request.form)
    sign_off = signoff_queries.standing_sign_off(entry)
    if not form.validate() or sign_off is None or sign_off.id != form.sign_off_id.data:
        flash(
            "Nothing was withdrawn: write a reason, and check the entry is still signed off.",
            "error",
        )
        return redirect(url_for("passport.pupil_entry", pupil_id=pupil.id, entry_id=entry.id))
    _withdraw(pupil, entry, sign_off, form.reason.data)
    return redirect(url_for("passport.pupil_entry", pupil_id=pupil.id, entry_id=entry.id))


def _entry_to_decide(entry_id: int):
    """The entry, loaded through its pupil in the person's scope: 403 for anyone not staff,
    404 outside scope or for a draft (staff never see drafts), 403 if they may not sign it."""
    if not current_user.is_staff:
        abort(403)
    pupil = pupil_for(current_user, signoff_queries.pupil_id_of_entry(entry_id))
    entry = signoff_queries.queue_item(pupil, entry_id)
    if not staff_can_see_entry(entry):
        abort(404)
    if not can_sign_off(current_user, entry):
        abort(403)
    return pupil, entry


def _audit(sign_off, pupil) -> None:
    action = "entry_signed_off" if sign_off.decision == "signed" else "entry_returned"
    record(
        action,
        actor=current_user,
        pupil=pupil,
        entry_id=sign_off.entry_id,
        revision=sign_off.revision.number,
    )


def _decided(pupil, entry_id: int, sign_off):
    entry = signoff_queries.queue_item(pupil, entry_id)
    if htmx:
        return _item(entry, None, outcome=sign_off)
    if sign_off.decision == "signed":
        flash(f"You signed off {pupil.first_name}'s entry “{entry.title}”.", "success")
    else:
        flash(f"You returned “{entry.title}” to {pupil.first_name} with your comment.", "success")
    if request.form.get("back") == "entry":
        return redirect(url_for("passport.pupil_entry", pupil_id=pupil.id, entry_id=entry.id))
    return redirect(url_for("passport.queue"))


def _item(entry, form, *, status: int = 200, stale: bool = False, outcome=None):
    """The queue item alone for htmx; without JavaScript, a page holding just that item."""
    context = {"entry": entry, "form": form, "stale": stale, "outcome": outcome}
    if htmx:
        return render_template("passport/_queue_item.html", **context), status
    page = signoff_queries.QueuePage([entry], 1, False)
    return render_template(
        "passport/queue.html", page=page, single=True, forms={entry.id: form}, **context
    ), status


def sign_off_helpers() -> dict:
    """Sign-off's helpers (given to the passport's templates by ``journal.templating``)."""
    return {
        "decision_form": decision_form,
        "withdraw_form": WithdrawForm,
        "can_sign_off": can_sign_off,
        "sign_offs_of": signoff_queries.sign_offs_of,
        "latest_decision": signoff_queries.latest_decision,
        "entry_conversation": signoff_queries.conversation,
        "broken_among": signoff_queries.broken_among,
        "role_words": ROLE_WORDS,
        "stale_message": STALE,
    }
