"""The pupil's passport: entries the pupil records, each kept as revisions; skills, aspirations,
intended destinations and the vocational profile, each kept as a history."""

from flask import Blueprint

bp = Blueprint("passport", __name__)

from . import plans_views, signoff_views, simple_views, views  # noqa: E402, F401
