"""Friendly error pages, and a page's own message when it is throttled."""

from __future__ import annotations

from flask import render_template, request
from flask_wtf.csrf import CSRFError

from journal.extensions import THROTTLED_PAGES, db

ERROR_MESSAGES = {
    400: ("Something in that request was not right", "Go back and try again."),
    403: ("You cannot open this page", "Your account does not have access to it."),
    404: ("We cannot find that page", "It may have moved, or the link may be wrong."),
    405: ("That did not work", "Go back and try again from the page you were on."),
    413: ("That file is too big", "Choose a smaller file and try again."),
    429: ("Too many tries", "Please wait a few minutes, then try again."),
    500: ("Something went wrong on our side", "Nothing you did caused this. Please try again."),
}


def error_page(error):
    code = getattr(error, "code", 500) or 500
    title, advice = ERROR_MESSAGES.get(code, ERROR_MESSAGES[500])
    if code == 429 and request.endpoint in THROTTLED_PAGES:
        return THROTTLED_PAGES[request.endpoint](error)
    if code == 500:
        db.session.rollback()
    return render_template("errors/error.html", code=code, title=title, advice=advice), code


def csrf_error(error: CSRFError):
    return render_template(
        "errors/error.html",
        code=400,
        title="This form had expired",
        advice="For your safety, forms stop working after a while. Go back, reload the page "
        "and try again: what you typed may still be there.",
    ), 400
