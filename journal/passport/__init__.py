"""The pupil's passport: entries the pupil records (encounters first), each kept as revisions."""

from flask import Blueprint

bp = Blueprint("passport", __name__)

from . import views  # noqa: E402, F401
