"""CV pages: the pupil's editor (rows added and taken out without JavaScript), picking
passport entries to turn into CV lines, and the staff reading page."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from journal.audit.operations import record
from journal.extensions import db
from journal.reference.skills import skill_name

from . import bp, comments, cv, operations
from .cv_forms import ROW_LIMIT, ROW_NOUNS, ROW_SECTIONS, CVForm
from .guards import own_document_or_404, staff_document_or_404
from .models import CV, CV_SECTIONS, Document, sections_of

_ROW_BUTTON = re.compile(r"^(add|remove)-(education|experience|skills|achievements)(?:-(\d+))?$")


def _own_cv(document_id: int) -> Document:
    document = own_document_or_404(document_id)
    if document.kind != CV:
        abort(404)
    return document


def _pressed() -> tuple[str, str, int]:
    """Which button sent the form: ("add", section, 0), ("remove", section, row number
    counted from 1),
    ("pick", "", 0) or ("save", "", 0)."""
    for name in request.form:
        found = _ROW_BUTTON.match(name)
        if found:
            return found[1], found[2], int(found[3] or 0)
    if "pick" in request.form:
        return "pick", "", 0
    return "save", "", 0


@bp.route("/documents/<int:document_id>/cv", methods=["GET", "POST"], endpoint="cv")
@login_required
def cv_editor(document_id: int):
    """The CV editor: every section of the current version, saved as a new version."""
    document = _own_cv(document_id)
    if request.method == "GET":
        return _editor(document, CVForm.showing(document.content, document.version_count))
    form = CVForm()
    action, section, index = _pressed()
    if action in ("add", "remove"):
        return _change_rows(document, form, action, section, index)
    valid = form.validate()
    conflict = form.based_on.data != str(document.version_count)
    if valid and not conflict:
        return _save(document, form, then_pick=action == "pick")
    if conflict:
        form.based_on.data = str(document.version_count)  # the next save goes over what they saw
    return _editor(document, form, conflict=conflict, status=409 if conflict else 422)


def _save(document: Document, form: CVForm, *, then_pick: bool):
    """A new version (none when nothing changed), then back to the editor or on to picking."""
    allowed = {e.id for e in cv.saved_entries(document.pupil, form.entry_ids())}
    before = document.version_count
    version = operations.save_version(document, form.content(allowed), by=current_user)
    db.session.commit()
    if then_pick:
        return redirect(url_for("documents.cv_pick", document_id=document.id))
    if version.number == before:
        flash("Nothing had changed, so no new version was saved.", "success")
    else:
        flash(f"Saved as version {version.number}.", "success")
    return redirect(url_for("documents.cv", document_id=document.id))


def _change_rows(document: Document, form: CVForm, action: str, section: str, index: int):
    """Add an empty row to a section or take one out, keeping everything else as typed."""
    typed = form.typed()
    rows = typed[section]
    message = ""
    if action == "add":
        if len(rows) >= ROW_LIMIT:
            message = f"There are already {ROW_LIMIT} rows here, the most a section can have."
        else:
            rows.append({})
    elif 1 <= index <= len(rows):
        rows.pop(index - 1)
    shown = CVForm.showing(typed, 0)
    shown.based_on.data = form.based_on.data  # still the version they started from
    if message:
        shown[section].errors = [message]
    return _editor(document, shown, status=422 if message else 200)


def _editor(document: Document, form: CVForm, *, conflict=False, status=200):
    evidence = {e.id: e for e in cv.saved_entries(document.pupil, form.entry_ids())}
    return render_template(
        "documents/cv.html",
        document=document,
        content=document.content,
        form=form,
        problems=form.problems(),
        evidence=evidence,
        sections=CV_SECTIONS,
        row_sections=ROW_SECTIONS,
        row_nouns=ROW_NOUNS,
        conflict=conflict,
        threads=comments.comments_for(document),
        for_pupil=True,
    ), status


@bp.route("/documents/<int:document_id>/cv/pick", methods=["GET", "POST"])
@login_required
def cv_pick(document_id: int):
    """Tick passport entries (and skills with their evidence) to add them as CV lines."""
    document = _own_cv(document_id)
    available = cv.pickable(document.pupil)
    form = FlaskForm()
    error = ""
    if form.validate_on_submit():
        content, added = _picked(document, available)
        if added:
            operations.save_version(document, content, by=current_user)
            db.session.commit()
            things = "line" if added == 1 else "lines"
            flash(
                f"Added {added} {things} from your passport. Check the words and make them "
                "your own, then save.",
                "success",
            )
            return redirect(url_for("documents.cv", document_id=document.id))
        error = "Tick at least one thing to add to your CV."
    return _pick_page(document, available, form, error)


def _picked(document: Document, available) -> tuple[dict, int]:
    """The CV with the ticked entries and skills added, and how many lines that added."""
    return cv.add_to_cv(
        document.content,
        available,
        entry_ids=[int(i) for i in request.form.getlist("entry") if i.isdigit()],
        skill_codes=request.form.getlist("skill"),
        profile="profile" in request.form,
        interests="interests" in request.form,
    )


def _pick_page(document: Document, available, form: FlaskForm, error: str):
    content = document.content
    on_cv = {row.get("entry_id") for key in ("experience", "achievements") for row in content[key]}
    skills_on_cv = {row.get("skill") for row in content["skills"]}
    return render_template(
        "documents/cv_pick.html",
        document=document,
        available=available,
        form=form,
        error=error,
        on_cv=on_cv,
        skills_on_cv=skills_on_cv,
        skill_name=skill_name,
    ), (422 if error else 200)


@bp.route("/pupils/<int:pupil_id>/documents/<int:document_id>/cv")
@login_required
def pupil_cv(pupil_id: int, document_id: int):
    """A pupil's CV for staff in scope to read and comment on; audited."""
    pupil, document = staff_document_or_404(pupil_id, document_id)
    if document.kind != CV:
        abort(404)
    record("pupil_document_opened", actor=current_user, pupil=pupil, document_id=document.id)
    db.session.commit()
    return render_template(
        "documents/cv_staff.html",
        pupil=pupil,
        document=document,
        content=document.content,
        sections=sections_of(CV),
        threads=comments.comments_for(document),
        for_pupil=False,
    )
