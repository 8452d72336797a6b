"""The portable passport: a pupil's whole record in one signed file (``.passport.zip``), to
download at any time and to import at the next school. The format: docs/passport-format.md."""

from flask import Blueprint

bp = Blueprint("portable", __name__, cli_group=None)

from . import cli, jobs, models, views  # noqa: E402, F401
