"""The one ``passport`` blueprint the rooms' views share, so every endpoint stays
``passport.<name>`` and every URL stays where it was."""

from flask import Blueprint

bp = Blueprint("passport", "journal.passport")
