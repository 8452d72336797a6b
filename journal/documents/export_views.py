"""Downloading a CV or statement as PDF (standard, large text, symbols) or Word.

The pupil downloads their own (another pupil's is a 404, staff get 403 here); staff in scope
download from the pupil's record, audited (outside their scope: 404). Files are never cached:
a school computer is shared.
"""

from __future__ import annotations

from flask import Response, abort, current_app, request
from flask_login import current_user, login_required
from jinja2 import pass_context

from journal.audit.operations import record
from journal.extensions import db

from . import bp, exports, queries
from .models import Document

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.app_template_filter("document_text")
@pass_context
def _document_text(context, value):
    return exports.document_text(context, value)


@bp.app_template_filter("document_paragraphs")
@pass_context
def _document_paragraphs(context, value):
    return exports.document_paragraphs(context, value)


@bp.app_template_global()
def ucas_questions() -> tuple[str, ...]:
    return exports.UCAS_QUESTIONS


@bp.app_template_global()
def document_route_exists(endpoint: str) -> bool:
    """Whether a route exists (the downloads panel links to the plain-text export if so)."""
    return endpoint in current_app.view_functions


def _style() -> str:
    style = request.args.get("style", exports.DEFAULT_STYLE)
    if style not in exports.STYLES:
        abort(404)
    return style


def _file(document: Document, data: bytes, media_type: str, extension: str) -> Response:
    from .naming import file_name

    response = Response(data, mimetype=media_type)
    response.headers.set(
        "Content-Disposition", "attachment", filename=file_name(document, extension)
    )
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _pdf(document: Document, style: str) -> Response:
    data = exports.render_pdf(document, document.content, style=style)
    db.session.commit()  # the rendered file's row (journal.jobs.cache), kept for next time
    return _file(document, data, PDF, "pdf")


def _docx(document: Document) -> Response:
    return _file(document, exports.render_docx(document, document.content), DOCX, "docx")


@bp.route("/documents/<int:document_id>/export.pdf")
@login_required
def export_pdf(document_id: int):
    return _pdf(queries.own_document(current_user, document_id), _style())


@bp.route("/documents/<int:document_id>/export.docx")
@login_required
def export_docx(document_id: int):
    return _docx(queries.own_document(current_user, document_id))


def _audited(pupil, document: Document, file_format: str) -> None:
    record(
        "pupil_document_exported",
        actor=current_user,
        pupil=pupil,
        document_id=document.id,
        format=file_format,
    )
    db.session.commit()


@bp.route("/pupils/<int:pupil_id>/documents/<int:document_id>/export.pdf")
@login_required
def pupil_export_pdf(pupil_id: int, document_id: int):
    pupil, document = queries.staff_document(current_user, pupil_id, document_id)
    style = _style()
    _audited(pupil, document, f"pdf-{style}")
    return _pdf(document, style)


@bp.route("/pupils/<int:pupil_id>/documents/<int:document_id>/export.docx")
@login_required
def pupil_export_docx(pupil_id: int, document_id: int):
    pupil, document = queries.staff_document(current_user, pupil_id, document_id)
    _audited(pupil, document, "docx")
    return _docx(document)
