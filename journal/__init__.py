"""Careers Passport: a careers journal that pupils own.

``create_app`` builds the application: configuration from the environment, the extensions,
one blueprint per domain, security headers and friendly error pages.
"""

from __future__ import annotations

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config
from .extensions import compress, csrf, db, htmx, limiter, login_manager, migrate

BLUEPRINTS = (
    "journal.accounts",
    "journal.home",
    "journal.schools",
    "journal.audit",
    "journal.accessibility",
    "journal.passport.views",
    "journal.media",
    "journal.guidance",
    "journal.documents",
    "journal.portable",
    "journal.offline",
    "journal.family",
    "journal.cohort",
    "journal.destinations",
    "journal.reviews",
    "journal.programme",
    "journal.sso",
    "journal.jobs",
    "journal.credentials",
)


def create_app(
    test_config: dict | None = None, *, instance_path: str | os.PathLike | None = None
) -> Flask:
    """The application. Its instance folder is ``instance_path`` (absolute), else
    ``JOURNAL_INSTANCE_PATH``, else ``instance/`` beside ``journal/``; settings come from the
    environment, then from ``test_config``."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    instance_path = (
        instance_path or os.environ.get("JOURNAL_INSTANCE_PATH") or os.path.join(root, "instance")
    )
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=os.path.join(root, "templates"),
        static_folder=os.path.join(root, "static"),
        instance_path=os.fspath(instance_path),
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(config.from_environment(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    if app.config["TRUSTED_PROXIES"]:
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    _init_extensions(app)
    _register_blueprints(app)

    from . import assets, cli, security, templating, web

    assets.init_app(app)
    security.init_app(app)
    web.init_app(app)
    templating.init_templating(app)
    cli.init_app(app)
    return app


def _init_extensions(app: Flask) -> None:
    from .database import configure_engine

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from importlib import import_module

    for name in BLUEPRINTS:
        module = import_module(name)
        app.register_blueprint(module.bp)
