"""Files pupils upload (photos, certificates): checked, cleaned, stored once, served only to
people who may see them."""

from flask import Blueprint

bp = Blueprint("media", __name__)

from . import views  # noqa: E402, F401
