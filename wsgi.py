"""The WSGI entry point for gunicorn: ``gunicorn wsgi:app``."""

from journal import create_app

app = create_app()
