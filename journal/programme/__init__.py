"""The careers programme: activities recorded once for a whole group (a careers fair, a
college visit, an assembly), with attendance; each pupil who was there gets the encounter in
their passport, confirmed by the member of staff who recorded it."""

from flask import Blueprint

bp = Blueprint("programme", __name__)

from . import models, views  # noqa: E402, F401
