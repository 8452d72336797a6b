"""Heavy work as jobs: exports and PDFs made by a worker beside the app, on huey (SQLite in the
instance folder for one server, Redis when ``REDIS_URL`` is set). Our own ``jobs`` row keeps
each job's state, attempts and lease, so a job whose worker died runs again; the page polls
the row and offers the file when it is made."""

from flask import Blueprint

bp = Blueprint("jobs", __name__)


@bp.record_once
def _setup(state) -> None:
    from .queue import make_huey

    state.app.extensions["huey"] = make_huey(state.app)


from . import views, worker  # noqa: E402, F401
