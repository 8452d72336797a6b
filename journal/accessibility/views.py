from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from jinja2 import pass_context
from markupsafe import escape

from journal.audit.operations import record
from journal.extensions import db
from journal.schools.queries import pupil_for

from . import bp
from .forms import PupilDefaultsForm, ViewSettingsForm, choice_labels, form_data, values_from
from .models import OWN, STAFF_DEFAULT
from .operations import forget_own_preferences, save_own_preferences, set_pupil_defaults
from .permissions import can_set_view_defaults
from .queries import current_view_settings, effective_settings, preference_rows
from .symbols import symbolise_html, symbolise_text


@bp.app_template_global()
def view_settings():
    """The signed-in person's view settings (``view_settings().classes`` goes on ``<html>``)."""
    return current_view_settings()


@bp.app_template_filter("symbolise")
@pass_context  # never constant-folded at compile time: the result depends on who is asking
def symbolise(context, text):
    """Text with picture symbols above key words when the person has symbols on; else escaped."""
    if text is None:
        return ""
    if not current_view_settings().symbols:
        return escape(text)
    prefix = url_for("static", filename="vendor/openmoji/")
    return symbolise_text(text, lambda hexcode: f"{prefix}{hexcode}.svg")


@bp.app_template_filter("symbolise_html")
@pass_context
def symbolise_html_filter(context, markup):
    """Safe HTML (pupils' writing after the markdown filter) with symbols when they are on."""
    if not current_view_settings().symbols:
        return markup
    prefix = url_for("static", filename="vendor/openmoji/")
    return symbolise_html(markup, lambda hexcode: f"{prefix}{hexcode}.svg")


@bp.route("/settings/view", methods=["GET", "POST"])
@login_required
def settings():
    """Everyone's own view settings; they win over any default staff set."""
    rows = preference_rows(current_user.id)
    if request.method == "POST" and request.form.get("action") == "reset":
        forget_own_preferences(current_user)
        db.session.commit()
        flash("Your view is back to the usual settings.", "success")
        return redirect(url_for(".settings"))
    form = ViewSettingsForm(data=effective_settings(current_user, rows).as_form_data())
    if form.validate_on_submit():
        save_own_preferences(current_user, values_from(form))
        db.session.commit()
        flash("Saved. Pages now look the way you chose.", "success")
        return redirect(url_for(".settings"))
    return render_template(
        "accessibility/settings.html",
        form=form,
        has_own=OWN in rows,
        has_staff_default=STAFF_DEFAULT in rows,
    )


@bp.route("/pupils/<int:pupil_id>/view-settings", methods=["GET", "POST"])
@login_required
def pupil_defaults(pupil_id: int):
    """The view a pupil starts with, set by careers staff or their tutor; audited."""
    pupil = pupil_for(current_user, pupil_id)
    if not can_set_view_defaults(current_user, pupil):
        abort(403)
    if pupil.user is None:
        return render_template("accessibility/pupil_defaults.html", pupil=pupil, form=None)
    rows = preference_rows(pupil.user_id)
    form = PupilDefaultsForm(data=form_data(rows.get(STAFF_DEFAULT)))
    if form.validate_on_submit():
        set_pupil_defaults(pupil, values_from(form), by=current_user)
        db.session.commit()
        flash(f"Saved the view {pupil.first_name} starts with.", "success")
        return redirect(url_for(".pupil_defaults", pupil_id=pupil.id))
    if request.method == "GET":
        record("pupil_view_settings_opened", actor=current_user, pupil=pupil)
        db.session.commit()
    own = choice_labels(rows[OWN]) if OWN in rows else {}
    return render_template("accessibility/pupil_defaults.html", pupil=pupil, form=form, own=own)
