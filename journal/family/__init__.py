"""Families: staff invite a family member with a one-time code; the family member signs up,
is linked to the child (or to several children), and sees what the pupil shares with them."""

from flask import Blueprint

bp = Blueprint("family", __name__)

from . import views  # noqa: E402, F401
