"""Feedback on a CV or statement: staff in scope and the pupil who owns it write comments on a
section and answer them; either resolves or reopens a thread. After each, back to the page it
came from (the pupil's editor, or the staff page) at the section's comments."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_login import current_user, login_required

from journal.extensions import db
from journal.schools.queries import pupil_for

from . import bp, comments
from .models import Document, DocumentComment, sections_of
from .permissions import can_comment_on_document, can_resolve_comment, is_owner
from .views import edit_url, staff_url


def _document_for_comments(document_id: int) -> Document:
    """The document, for its owner or staff who can see its pupil: 403 for anyone else
    (family), 404 when it does not exist or is outside the person's scope."""
    if not (current_user.is_staff or current_user.is_pupil):
        abort(403)
    document = db.get_or_404(Document, document_id)
    if current_user.is_staff:
        pupil_for(current_user, document.pupil_id)
    elif not is_owner(current_user, document):
        abort(404)
    return document


def back_to(document: Document, section: str) -> str:
    """The page the person came from, at the section's comments."""
    page = edit_url(document) if is_owner(current_user, document) else staff_url(document)
    return f"{page}#comments-{section}"


@bp.route("/documents/<int:document_id>/comments", methods=["POST"])
@login_required
def comment(document_id: int):
    """A new comment on a section (``section``), or an answer in a thread (``reply_to``)."""
    document = _document_for_comments(document_id)
    if not can_comment_on_document(current_user, document):
        abort(403)
    section = request.form.get("section", "")
    reply_to = request.form.get("reply_to", type=int)
    body = request.form.get("body", "")
    try:
        if reply_to:
            first = db.session.get(DocumentComment, reply_to)
            if first is None or first.document_id != document.id:
                abort(404)
            saved = comments.reply(first, body=body, by=current_user)
        else:
            saved = comments.add_comment(document, section=section, body=body, by=current_user)
    except comments.CommentError as problem:
        db.session.rollback()
        return _comment_again(document, section, reply_to, body, str(problem))
    db.session.commit()
    flash("Your answer is saved." if reply_to else "Your comment is saved.", "success")
    return redirect(back_to(document, saved.section), 303)


def _comment_again(document, section, reply_to, body, problem):
    """The comment form alone, with the problem beside it and what was typed (422)."""
    page = render_template(
        "documents/statement_comment_error.html",
        document=document,
        section=section if section in sections_of(document.kind) else "whole",
        section_label=sections_of(document.kind).get(section, "The whole document"),
        reply_to=reply_to,
        body=body,
        problem=problem,
        back=back_to(document, section if section in sections_of(document.kind) else "whole"),
    )
    return page, 422


@bp.route("/documents/comments/<int:comment_id>/resolve", methods=["POST"])
@login_required
def resolve_comment(comment_id: int):
    """Resolve a thread (``action=reopen`` opens it again)."""
    found = db.get_or_404(DocumentComment, comment_id)
    document = _document_for_comments(found.document_id)
    if not can_resolve_comment(current_user, document):
        abort(403)
    if request.form.get("action") == "reopen":
        thread = comments.reopen(found)
        flash("The comment is open again.", "success")
    else:
        thread = comments.resolve(found, by=current_user)
        flash("Marked as resolved.", "success")
    db.session.commit()
    return redirect(back_to(document, thread.section), 303)
