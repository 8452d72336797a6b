"""Views that fit each person: text size, spacing, contrast, font, motion, symbols, simple mode.

The blueprint also installs the template helpers every page uses: ``view_settings()`` (the
classes on ``<html>``) and the ``symbolise`` filter.
"""

from flask import Blueprint

bp = Blueprint("accessibility", __name__)

from . import views  # noqa: E402, F401
