"""The application shell shared by every page, one job a module: who is signed in
(``users``), error pages (``errors``), template filters (``filters``) and the navigation
(``navigation``). ``init_app`` wires the first two into the app; the filters and the navigation
are registered with every other template helper by ``journal.templating``."""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFError

from journal.extensions import login_manager

from .errors import ERROR_MESSAGES, csrf_error, error_page
from .users import load_user, require_password_change


def init_app(app: Flask) -> None:
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_user)

    for code in ERROR_MESSAGES:
        app.register_error_handler(code, error_page)
    app.register_error_handler(CSRFError, csrf_error)
    app.before_request(require_password_change)
