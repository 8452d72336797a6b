"""The pupil's list of CVs and statements, starting a new one, and the staff list for a pupil.

Each kind has its own pages (``cv_views``, ``statement_views``); ``documents.open`` sends a
document to the right one."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user, login_required

from journal.audit.operations import record
from journal.extensions import db
from journal.schools.guards import own_pupil_or_403, staff_pupil_or_404

from . import bp, operations, queries
from .forms import KIND_HINTS, NewDocumentForm
from .guards import own_document_or_404
from .models import CV, Document
from .permissions import can_write_documents


def edit_url(document: Document) -> str:
    """Where the pupil works on ``document``."""
    if document.kind == CV:
        return url_for("documents.cv", document_id=document.id)
    return url_for("documents.statement", document_id=document.id)


def staff_url(document: Document) -> str:
    """Where staff read ``document`` and give feedback."""
    endpoint = "documents.pupil_cv" if document.kind == CV else "documents.pupil_statement"
    return url_for(endpoint, pupil_id=document.pupil_id, document_id=document.id)


@bp.route("/documents")
@login_required
def my_documents():
    pupil = own_pupil_or_403(can_write_documents)
    return render_template(
        "documents/list.html",
        pupil=pupil,
        documents=queries.documents_of(pupil),
        archived=queries.documents_of(pupil, archived=True),
        for_pupil=True,
    )


@bp.route("/documents/new", methods=["GET", "POST"])
@login_required
def new_document():
    pupil = own_pupil_or_403(can_write_documents)
    form = NewDocumentForm()
    if form.validate_on_submit():
        document = operations.create_document(
            pupil,
            kind=form.kind.data,
            title=form.title.data,
            by=current_user,
            char_limit=form.char_limit.data if form.kind.data == "statement" else None,
        )
        db.session.commit()
        return redirect(edit_url(document))
    status = 422 if form.errors else 200
    return render_template("documents/new.html", form=form, hints=KIND_HINTS), status


@bp.route("/documents/<int:document_id>")
@login_required
def open_document(document_id: int):
    document = own_document_or_404(document_id)
    return redirect(edit_url(document))


@bp.route("/pupils/<int:pupil_id>/documents")
@login_required
def pupil_documents(pupil_id: int):
    """A pupil's CVs and statements, for staff in scope; audited."""
    pupil = staff_pupil_or_404(pupil_id)
    record("pupil_documents_opened", actor=current_user, pupil=pupil)
    db.session.commit()
    return render_template(
        "documents/list.html",
        pupil=pupil,
        documents=queries.documents_of(pupil),
        archived=queries.documents_of(pupil, archived=True),
        for_pupil=False,
    )
