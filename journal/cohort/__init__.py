"""Cohorts: which pupils a page is about. ``filters`` is the one filter (year, tutor group,
SEND status, Career SEND group, gender, disadvantage, looked-after) shared by the careers
leader's dashboard, saved custom groups and programme activities; ``models`` keeps saved
custom groups."""

from flask import Blueprint

bp = Blueprint("cohort", __name__)

from . import models, views  # noqa: E402, F401
