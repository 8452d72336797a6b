"""Downloading a CV or statement as PDF (standard, large text, symbols) or Word.

The pupil downloads their own (another pupil's is a 404, staff get 403 here); staff in scope
download from the pupil's record, audited (outside their scope: 404). Files are never cached:
a school computer is shared.
"""

from __future__ import annotations

from flask import Response, abort, request
from flask_login import current_user, login_required

from journal.audit.operations import record
from journal.extensions import db

from . import bp, exports
from .guards import own_document_or_404, staff_document_or_404
from .models import Document

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
    return _pdf(own_document_or_404(document_id), _style())


@bp.route("/documents/<int:document_id>/export.docx")
@login_required
def export_docx(document_id: int):
    return _docx(own_document_or_404(document_id))


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
    pupil, document = staff_document_or_404(pupil_id, document_id)
    style = _style()
    _audited(pupil, document, f"pdf-{style}")
    return _pdf(document, style)


@bp.route("/pupils/<int:pupil_id>/documents/<int:document_id>/export.docx")
@login_required
def pupil_export_docx(pupil_id: int, document_id: int):
    pupil, document = staff_document_or_404(pupil_id, document_id)
    _audited(pupil, document, "docx")
    return _docx(document)
