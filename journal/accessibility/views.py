from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from jinja2 import pass_context
from markupsafe import escape

from journal.audit.operations import record
from journal.extensions import db
from journal.media.storage import storage
from journal.media.views import CACHE_CONTROL
from journal.schools.queries import pupil_for

from . import bp
from .forms import PupilDefaultsForm, ViewSettingsForm, choice_labels, form_data, values_from
from .models import OWN, STAFF_DEFAULT
from .operations import forget_own_preferences, save_own_preferences, set_pupil_defaults
from .permissions import can_manage_school_symbols, can_see_school_symbol, can_set_view_defaults
from .queries import current_view_settings, effective_settings, preference_rows
from .school_symbols import (
    SVG,
    SymbolProblem,
    SymbolReplaceForm,
    SymbolUploadForm,
    add_symbol,
    chosen_file,
    current_lexicon,
    forget_unused_file,
    remove_symbol,
    replace_symbol,
    symbol_in_school,
    symbols_of_school,
    term_problem,
)
from .symbols import SCHOOL_CODE, symbolise_html, symbolise_text

# An SVG opened on its own is a document that could run script: never let it.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def view_settings():
    """The signed-in person's view settings (``view_settings().classes`` goes on ``<html>``)."""
    return current_view_settings()


@pass_context  # never constant-folded at compile time: the result depends on who is asking
def symbolise(context, text):
    """Text with picture symbols above key words when the person has symbols on; else escaped."""
    if text is None:
        return ""
    if not current_view_settings().symbols:
        return escape(text)
    return symbolise_text(text, _symbol_url(), current_lexicon())


@pass_context
def symbolise_html_filter(context, markup):
    """Safe HTML (pupils' writing after the markdown filter) with symbols when they are on."""
    if not current_view_settings().symbols:
        return markup
    return symbolise_html(markup, _symbol_url(), current_lexicon())


def _symbol_url():
    """The address of a symbol: OpenMoji's from static files, a school's own from its route."""
    prefix = url_for("static", filename="vendor/openmoji/")

    def url(code: str) -> str:
        if code.startswith(SCHOOL_CODE):
            return url_for(
                "accessibility.school_symbol_file", symbol_id=int(code[len(SCHOOL_CODE) :])
            )
        return f"{prefix}{code}.svg"

    return url


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
        can_manage_symbols=can_manage_school_symbols(current_user, current_user.school),
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


@bp.route("/admin/symbols", methods=["GET", "POST"])
@login_required
def school_symbols():
    """The school's own symbols: the list, and a form to add one."""
    if not can_manage_school_symbols(current_user, current_user.school):
        abort(403)
    form = SymbolUploadForm()
    if form.validate_on_submit():
        if problem := term_problem(form.term.data, current_user.school_id):
            form.term.errors.append(problem)
        elif upload := chosen_file(form.picture):
            try:
                symbol = add_symbol(current_user.school, form.term.data, upload, by=current_user)
            except SymbolProblem as problem:
                form.picture.errors.append(problem.message)
            else:
                db.session.commit()
                flash(f"Added the symbol for “{symbol.term}”.", "success")
                return redirect(url_for(".school_symbols"))
    status = 422 if request.method == "POST" else 200
    symbols = symbols_of_school(current_user.school_id)
    return render_template("accessibility/school_symbols.html", form=form, symbols=symbols), status


@bp.route("/admin/symbols/<int:symbol_id>", methods=["GET", "POST"])
@login_required
def school_symbol(symbol_id: int):
    """One of the school's symbols: replace its picture, or remove it."""
    symbol = _managed_symbol(symbol_id)
    form = SymbolReplaceForm()
    if form.validate_on_submit() and (upload := chosen_file(form.picture)):
        try:
            old_key = replace_symbol(symbol, upload, by=current_user)
        except SymbolProblem as problem:
            form.picture.errors.append(problem.message)
        else:
            db.session.commit()
            forget_unused_file(old_key)
            flash(f"Replaced the symbol for “{symbol.term}”.", "success")
            return redirect(url_for(".school_symbols"))
    status = 422 if request.method == "POST" else 200
    return render_template("accessibility/school_symbol.html", form=form, symbol=symbol), status


@bp.post("/admin/symbols/<int:symbol_id>/remove")
@login_required
def remove_school_symbol(symbol_id: int):
    """The word goes back to OpenMoji's symbol, or to none."""
    symbol = _managed_symbol(symbol_id)
    term = symbol.term
    key = remove_symbol(symbol, by=current_user)
    db.session.commit()
    forget_unused_file(key)
    flash(f"Removed the symbol for “{term}”. It shows the usual symbol again.", "success")
    return redirect(url_for(".school_symbols"))


def _managed_symbol(symbol_id: int):
    """A symbol of the person's school they may manage: 403 for others, 404 for another school's."""
    if not can_manage_school_symbols(current_user, current_user.school):
        abort(403)
    symbol = symbol_in_school(symbol_id, current_user.school_id)
    if symbol is None:
        abort(404)
    return symbol


@bp.route("/symbols/<int:symbol_id>")
@login_required
def school_symbol_file(symbol_id: int):
    """A school's symbol picture, for people of that school only (404 for anyone else)."""
    symbol = symbol_in_school(symbol_id, current_user.school_id)
    if symbol is None or not can_see_school_symbol(current_user, symbol):
        abort(404)
    files = storage()
    if not files.exists(symbol.key):
        abort(404)
    response = send_file(
        files.path(symbol.key) or files.open(symbol.key),
        mimetype=symbol.media_type,
        download_name=f"symbol-{symbol.id}.{'svg' if symbol.is_svg else 'png'}",
        etag=symbol.key,
        conditional=True,
    )
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if symbol.media_type == SVG:
        response.headers["Content-Security-Policy"] = SVG_POLICY
    return response
