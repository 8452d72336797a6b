"""The files an entry form carries, for the normal form and the simple one alike: those kept
from before (minus any the person took off) and any chosen now, stored at once so that a
mistake elsewhere in the form loses none of them."""

from __future__ import annotations

from flask import request
from flask_login import current_user

from journal.media.images import UploadProblem
from journal.media.operations import store_upload
from journal.passport.entries import queries
from journal.passport.entries.forms import PHOTO_LIMIT


def take_uploads(form, pupil, entry=None, *, noun: str = "files") -> tuple[list, list[str]]:
    """The attachments ``form`` will show, and the problems with any file that could not be
    taken (said of ``noun``: "files", or "photos" in simple mode). ``form`` has
    ``kept_attachment_ids``, ``uploads``, ``allow_pdf``, ``photo_description`` and
    ``attachment_ids``; files are only stored from a POST."""
    removed = {int(i) for i in request.form.getlist("remove_attachment") if i.isdigit()}
    kept = [i for i in form.kept_attachment_ids if i not in removed]
    attachments = queries.usable_attachments(pupil, kept, entry)
    problems: list[str] = []
    for upload in form.uploads if request.method == "POST" else ():
        if len(attachments) >= PHOTO_LIMIT:
            problems.append(f"You can add up to {PHOTO_LIMIT} {noun}.")
            break
        try:
            attachments.append(
                store_upload(
                    pupil,
                    upload,
                    uploaded_by=current_user,
                    allow_pdf=form.allow_pdf,
                    description=(form.photo_description.data or "").strip(),
                )
            )
        except UploadProblem as problem:
            problems.append(f"{upload.filename}: {problem}")
    form.attachment_ids.data = ",".join(str(a.id) for a in attachments)
    return attachments, problems
