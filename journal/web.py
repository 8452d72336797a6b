"""Request plumbing shared by every page: who is signed in, error pages, template helpers."""

from __future__ import annotations

from datetime import date

from flask import Flask, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import select

from .accounts.models import User
from .accounts.roles import Role
from .calendar import london_time
from .extensions import db, login_manager

ERROR_MESSAGES = {
    400: ("Something in that request was not right", "Go back and try again."),
    403: ("You cannot open this page", "Your account does not have access to it."),
    404: ("We cannot find that page", "It may have moved, or the link may be wrong."),
    405: ("That did not work", "Go back and try again from the page you were on."),
    413: ("That file is too big", "Choose a smaller file and try again."),
    429: ("Too many tries", "Please wait a few minutes, then try again."),
    500: ("Something went wrong on our side", "Nothing you did caused this. Please try again."),
}

# Pages a person who must change their password can still open.
OPEN_DURING_PASSWORD_CHANGE = {
    "accounts.change_password",
    "accounts.sign_out",
    # A card scanned on a shared device signs the previous person out, then the card's owner in.
    "accounts.card",
    "accounts.card_sign_in",
    "static",
    "home.about",
    "home.health",
}


def init_app(app: Flask) -> None:
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.user_loader(_load_user)

    for code in ERROR_MESSAGES:
        app.register_error_handler(code, _error_page)
    app.register_error_handler(CSRFError, _csrf_error)
    app.before_request(_require_password_change)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["london"] = _format_london
    app.jinja_env.filters["london_date"] = _format_date
    app.jinja_env.filters["plain_value"] = plain_value
    app.jinja_env.globals["nav_items"] = nav_items


def _load_user(session_id: str) -> User | None:
    """Sessions carry "id:version"; a bumped version (sign out everywhere) voids old sessions."""
    try:
        user_id, version = (int(part) for part in session_id.split(":"))
    except ValueError:
        return None
    user = db.session.scalar(select(User).where(User.id == user_id))
    if user is None or user.session_version != version or not user.is_enabled:
        return None
    return user


def _require_password_change():
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in OPEN_DURING_PASSWORD_CHANGE
    ):
        flash("Please choose a new password before you carry on.", "info")
        return redirect(url_for("accounts.change_password"))
    return None


def _error_page(error):
    code = getattr(error, "code", 500) or 500
    title, advice = ERROR_MESSAGES.get(code, ERROR_MESSAGES[500])
    if code == 429 and request.endpoint in THROTTLED_PAGES:
        return THROTTLED_PAGES[request.endpoint](error)
    if code == 500:
        db.session.rollback()
    return render_template("errors/error.html", code=code, title=title, advice=advice), code


def _csrf_error(error: CSRFError):
    return render_template(
        "errors/error.html",
        code=400,
        title="This form had expired",
        advice="For your safety, forms stop working after a while. Go back, reload the page "
        "and try again: what you typed may still be there.",
    ), 400


# Pages that show their own message when throttled (filled in by the blueprints).
THROTTLED_PAGES: dict = {}


def _format_london(moment, fmt: str = "%-d %b %Y, %H:%M") -> str:
    local = london_time(moment)
    return local.strftime(fmt) if local else ""


def _format_date(day, fmt: str = "%-d %B %Y") -> str:
    return day.strftime(fmt) if day else ""


def plain_value(value) -> str:
    """A stored value in words for a person: Yes/No, dates as days, blank for nothing."""
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return _format_date(value)
    return str(value)


def nav_items(user) -> list[tuple[str, str]]:
    """The navigation for a person: (endpoint, label) pairs fitting their roles."""
    if not user.is_authenticated:
        return [("accounts.sign_in", "Sign in"), ("home.about", "About")]
    items = [("home.index", "Home")]
    if user.is_pupil:
        items += [
            ("passport.record_something", "Record something"),
            ("guidance.my_guidance", "From my school"),
            ("passport.timeline", "My timeline"),
            ("passport.skills", "My skills"),
            ("passport.aspirations", "What I want to do"),
            ("passport.profile", "All about me"),
            ("documents.my_documents", "My CVs"),
            ("credentials.mine", "My Open Badges"),
        ]
    if user.is_family:
        items.append(("family.join", "Link another child"))
    if user.is_staff:
        items.append(("schools.pupil_list", "Pupils"))
    if user.is_careers_staff or user.has_role(Role.TUTOR):
        items.append(("passport.queue", "Sign off"))
        items.append(("programme.programme", "Programme"))
    if user.is_careers_staff or user.is_school_admin:  # journal/cohort/permissions.py
        items.append(("cohort.dashboard", "Cohort insight"))
    if user.is_staff:
        items.append(("schools.cards", "Sign-in cards"))
    if user.is_school_admin:
        items += [
            ("schools.roster_upload", "Roster import"),
            ("accounts.people", "People"),
            ("audit.log", "Audit log"),
            ("schools.settings", "School"),
        ]
    items.append(("accessibility.settings", "View settings"))
    items.append(("accounts.account", "My account"))
    return items
