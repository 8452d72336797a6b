"""Documents built from the passport: CVs and personal statements, with versions, staff
feedback and exports (PDF, DOCX, plain text)."""

from flask import Blueprint

bp = Blueprint("documents", __name__)

from . import (  # noqa: E402, F401
    comment_views,
    cv_views,
    export_views,
    statement_views,
    views,
    warm,
)
