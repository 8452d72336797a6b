"""Annual reviews: staff open a review for a pupil; the pupil, their family and staff each
write before it; the summary pulls together the period since the last review; decisions and
new actions recorded after it flow into the guidance records."""

from flask import Blueprint

bp = Blueprint("reviews", __name__)

from . import views  # noqa: E402, F401
