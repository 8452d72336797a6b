from flask import Blueprint

bp = Blueprint("schools", __name__)

from . import views  # noqa: E402, F401
