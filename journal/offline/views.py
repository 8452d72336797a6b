"""The manifest, the service worker, the fresh-token endpoint, and the marks on each response
that tell the worker which pages it may keep on the phone, and for whom."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app, jsonify, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from . import bp, precache, replies

# The pupil's own pages the worker keeps (network first, the kept copy when offline).
PUPIL_PAGES = {
    "home.index",
    "passport.record_something",
    "passport.new_entry",
    "passport.new_diary_day",
    "passport.timeline",
    "passport.entry",
}
CACHE_MARK = "X-Offline-Cache"  # "pupil": the worker may keep this page for this person
USER_MARK = "X-Offline-User"  # whose page it is (a keyed hash, not the id)
THEME = "#0b5394"


def user_key(user) -> str:
    """A stable name for a signed-in person's kept pages and queue, that reveals nothing."""
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(secret, f"offline:{user.id}".encode(), hashlib.sha256).hexdigest()[:16]


# The web app manifest (its icons are added with their addresses when it is asked for).
MANIFEST = {
    "id": "/",
    "name": "Careers Passport",
    "short_name": "Passport",
    "description": "Your careers passport: encounters, work experience, skills and plans.",
    "lang": "en-GB",
    "start_url": "/",
    "scope": "/",
    "display": "standalone",
    "background_color": "#ffffff",
    "theme_color": THEME,
}
ICONS = (
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/icon-maskable-512.png", "512x512", "maskable"),
)


@bp.route("/manifest.webmanifest")
def manifest():
    icons = [
        {"src": url_for("static", filename=src), "sizes": size, "type": "image/png", "purpose": use}
        for src, size, use in ICONS
    ]
    response = jsonify({**MANIFEST, "icons": icons})
    response.mimetype = "application/manifest+json"
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/favicon.ico")
def favicon():
    """The tab's icon: browsers ask for it at this address, whatever the page links to."""
    return current_app.send_static_file("icons/favicon.ico")


@bp.route("/service-worker.js")
def service_worker():
    version = precache.version()
    body = render_template(
        precache.WORKER_TEMPLATE,
        version=version,
        precache=[url_for("static", filename=name) for name in precache.PRECACHE],
        queue_script=url_for("static", filename="js/offline.js"),
        stylesheet=url_for("static", filename="css/app.css"),
    )
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/offline/token")
def token():
    """A fresh CSRF token for a queued entry about to be sent (tokens expire after an hour)."""
    if not current_user.is_authenticated:
        return replies.signed_out()
    if not current_user.is_pupil:
        return replies.json({"status": "forbidden"}, 403)
    return replies.json({"csrf_token": generate_csrf()})


@bp.after_app_request
def _mark_pages(response):
    """Tell the worker whose page this is, and whether it may keep it: only the pupil's own
    pages listed above, whole and successful. Everything else keeps ``no-store``."""
    if request.endpoint in ("static", "offline.favicon"):  # no session (nor a query) for files
        return response
    if current_user and current_user.is_authenticated:
        response.headers[USER_MARK] = user_key(current_user)
        if (
            request.method == "GET"
            and response.status_code == 200
            and request.endpoint in PUPIL_PAGES
            and current_user.is_pupil
            and response.mimetype == "text/html"
            and "HX-Request" not in request.headers
        ):
            response.headers[CACHE_MARK] = "pupil"
    return response


def _queued_needs_session():
    """A queued entry sent after the session ended gets a 401 the phone understands (before
    the CSRF check, which would otherwise answer with an HTML page)."""
    if replies.is_queued() and request.method == "POST":
        if not current_user.is_authenticated:
            return replies.signed_out()
        sent_for = request.headers.get(replies.FOR_HEADER)
        if sent_for and sent_for != user_key(current_user):
            return replies.json({"status": "other_person"}, 409)
    return None


@bp.record_once
def _first(state) -> None:
    state.app.before_request_funcs.setdefault(None, []).insert(0, _queued_needs_session)
