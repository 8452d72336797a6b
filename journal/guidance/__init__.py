"""What staff record for a pupil: guidance interviews, advice, agreed decisions, transition
actions, and comments on the pupil's entries; each says who can see it."""

from flask import Blueprint

bp = Blueprint("guidance", __name__)

from . import views  # noqa: E402, F401
