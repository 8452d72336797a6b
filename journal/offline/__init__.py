"""Offline use on phones: the web app manifest, the service worker (served from the site root,
so that it controls every page), the fresh CSRF token a queued entry is sent with, and the
JSON replies the record forms give to an entry sent from the phone's queue."""

from flask import Blueprint

bp = Blueprint("offline", __name__)

from . import views  # noqa: E402, F401
