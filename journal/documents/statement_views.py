"""Personal statements: the pupil's editor (UCAS's three questions, or one free-form text with
the pupil's own limit), the staff reading page with feedback, every version of any document,
and the plain-text download. Staff pages are audited."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from jinja2 import TemplateNotFound

from journal.audit.operations import record
from journal.extensions import db
from journal.reference.skills import SKILLS

from . import bp, comments, operations
from . import statement_queries as statement_reads
from .counting import (
    UCAS_MAX_TOTAL,
    UCAS_MIN_PER_ANSWER,
    UCAS_QUESTIONS,
    count,
    describe,
    limit_verdict,
    ucas_verdict,
)
from .guards import own_document_or_404, staff_document_or_404
from .models import CV, UCAS, Document, sections_of
from .naming import file_name
from .plain import plain_text
from .statement_forms import form_for, is_stale

CV_BODY = "documents/_cv_body.html"


def _statement(document: Document) -> Document:
    if document.kind == CV:
        abort(404)
    return document


def _audited(document: Document, action: str, **detail) -> None:
    record(action, actor=current_user, pupil=document.pupil, document_id=document.id, **detail)
    db.session.commit()


def verdict_of(document: Document, content: dict):
    """Whether ``content`` meets the document's rules (UCAS's, or the pupil's own limit)."""
    if document.kind == UCAS:
        return ucas_verdict(list(content.get("answers") or ["", "", ""]))
    return limit_verdict(content.get("text") or "", document.char_limit)


def _save(document: Document, form) -> None:
    """Save the text as a new version and, for a free-form statement, the pupil's limit."""
    before = document.version_count
    if document.kind != UCAS and form.char_limit.data != document.char_limit:
        operations.rename_document(document, title=document.title, char_limit=form.char_limit.data)
    version = operations.save_version(document, form.content(), by=current_user)
    db.session.commit()
    if version.number == before:
        flash(f"Nothing had changed: this is still version {before}.", "success")
    else:
        flash(f"Saved as version {version.number}.", "success")


@bp.route("/documents/<int:document_id>/statement", methods=["GET", "POST"])
@login_required
def statement(document_id: int):
    """The pupil's editor. Too short or too long still saves (it is a draft); saving over a
    version written elsewhere since the page opened is refused, and the typed text is kept."""
    document = _statement(own_document_or_404(document_id))
    form = form_for(document)
    conflict = None
    if form.validate_on_submit():
        if not is_stale(form, document):
            _save(document, form)
            return redirect(url_for("documents.statement", document_id=document.id))
        conflict = document.current_version
        form.version.data = document.version_count
    status = 409 if conflict else 422 if form.errors else 200
    page = render_template(
        "documents/statement.html",
        document=document,
        form=form,
        verdict=verdict_of(document, form.content()),
        conflict=conflict,
        saved_text=plain_text(document) if conflict else "",
        threads=comments.comments_for(document),
        mentions=statement_reads.things_to_mention(document.pupil),
    )
    return page, status


@bp.route("/pupils/<int:pupil_id>/documents/<int:document_id>/statement")
@login_required
def pupil_statement(pupil_id: int, document_id: int):
    """A pupil's statement for staff in scope, with feedback to give (audited)."""
    pupil, document = staff_document_or_404(pupil_id, document_id)
    _statement(document)
    _audited(document, "pupil_document_opened")
    return render_template(
        "documents/statement_staff.html",
        pupil=pupil,
        document=document,
        verdict=verdict_of(document, document.content),
        threads=comments.comments_for(document),
    )


def _history_page(document: Document, *, for_pupil: bool):
    versions = statement_reads.history_of(document)
    number = request.args.get("version", type=int)
    shown = None
    if number is not None:
        shown = next((v for v in versions if v.number == number), None)
        if shown is None:
            abort(404)
    return render_template(
        "documents/statement_history.html",
        document=document,
        pupil=document.pupil,
        versions=versions,
        shown=shown,
        shown_text=plain_text(document, shown.content) if shown else "",
        cv_body=_cv_body_template() if document.kind == CV else None,
        for_pupil=for_pupil,
    )


def _cv_body_template() -> str | None:
    """The CV's read-only partial, where it exists (written with the CV exports)."""
    try:
        current_app.jinja_env.get_template(CV_BODY)
    except TemplateNotFound:
        return None
    return CV_BODY


@bp.route("/documents/<int:document_id>/history")
@login_required
def history(document_id: int):
    """Every version of one of the pupil's documents, newest first."""
    return _history_page(own_document_or_404(document_id), for_pupil=True)


@bp.route("/pupils/<int:pupil_id>/documents/<int:document_id>/history")
@login_required
def pupil_history(pupil_id: int, document_id: int):
    _, document = staff_document_or_404(pupil_id, document_id)
    _audited(document, "pupil_document_history_opened", version=request.args.get("version"))
    return _history_page(document, for_pupil=False)


def _text_file(document: Document) -> Response:
    name = file_name(document, "txt")
    return Response(
        plain_text(document),
        mimetype="text/plain",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/documents/<int:document_id>/export.txt")
@login_required
def export_text(document_id: int):
    """The document as plain text, to paste into an application form (a file)."""
    return _text_file(own_document_or_404(document_id))


@bp.route("/pupils/<int:pupil_id>/documents/<int:document_id>/export.txt")
@login_required
def pupil_export_text(pupil_id: int, document_id: int):
    _, document = staff_document_or_404(pupil_id, document_id)
    _audited(document, "pupil_document_exported", format="txt")
    return _text_file(document)


def statement_words() -> dict:
    """The statement pages' words (given to the documents templates by ``journal.templating``)."""
    return {
        "statement_questions": UCAS_QUESTIONS,
        "ucas_min": UCAS_MIN_PER_ANSWER,
        "ucas_max": UCAS_MAX_TOTAL,
        "describe_count": describe,
        "count_of": count,
        "sections_of": sections_of,
        "skill_names": {code: skill.name for code, skill in SKILLS.items()},
    }
