"""Serving uploaded files, only to people who may see them.

Not audited one by one: the entry page that shows a file is audited already. Anyone who may
not see a file gets 404, as for an id that does not exist.
"""

from __future__ import annotations

from flask import abort, send_file
from flask_login import current_user, login_required

from . import bp
from .images import THUMBNAIL_MEDIA_TYPE
from .queries import attachment_for
from .storage import storage

# Browsers keep a copy but ask again every time (a cheap 304), so a shared school computer
# never shows one person's photo to the next person from its cache.
CACHE_CONTROL = "private, no-cache"
PDF_POLICY = "sandbox; default-src 'none'"
EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}


@bp.route("/media/<int:attachment_id>")
@login_required
def file(attachment_id: int):
    """The cleaned file: a picture shown inline, a PDF only ever as a download."""
    attachment = attachment_for(current_user, attachment_id)
    name = "certificate" if attachment.is_pdf else "photo"
    extension = EXTENSIONS.get(attachment.media_type, "bin")
    return _send(
        attachment.key,
        attachment.media_type,
        download_name=f"{name}-{attachment.id}.{extension}",
        pdf=attachment.is_pdf,
    )


@bp.route("/media/<int:attachment_id>/thumbnail")
@login_required
def thumbnail(attachment_id: int):
    """The small version of a picture (PDFs have none)."""
    attachment = attachment_for(current_user, attachment_id)
    if attachment.thumbnail_key is None:
        abort(404)
    return _send(
        attachment.thumbnail_key,
        THUMBNAIL_MEDIA_TYPE,
        download_name=f"photo-{attachment.id}-small.jpg",
        pdf=False,
    )


def _send(key: str, media_type: str, *, download_name: str, pdf: bool):
    """Send a stored file with its ETag (the key is its SHA-256), answering 304 when fresh."""
    files = storage()
    if not files.exists(key):
        abort(404)
    response = send_file(
        files.path(key) or files.open(key),
        mimetype=media_type,
        as_attachment=pdf,
        download_name=download_name,
        etag=key,
        conditional=True,
    )
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if pdf:
        response.headers["Content-Security-Policy"] = PDF_POLICY
    return response
