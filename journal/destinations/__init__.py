"""Destinations: what pupils intend, the September Guarantee, where they go on leaving and
where they are one, two and three years later, each as an NCCIS activity code
(``journal.reference.destinations`` holds the code list); leavers as alumni, role models, the
exchange of destinations with the local authority (CSV out and in), and the retention rule.

Command line: ``flask --app journal destinations apply-retention`` (see ``retention``).
"""

from flask import Blueprint

bp = Blueprint("destinations", __name__, url_prefix="/destinations", cli_group="destinations")

from . import cli, models, views  # noqa: E402, F401
