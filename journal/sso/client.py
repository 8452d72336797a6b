"""Authlib's Flask client, one per school connection, registered on first use.

Each app keeps its own ``OAuth`` registry. A client's name carries the connection's id and
version, so a changed secret or tenant registers a fresh client (with fresh discovery and keys)
instead of reusing the cached one. Authlib makes the state, the nonce and the PKCE verifier
(S256), keeps them in the session until the callback, and validates the ID token.
"""

from __future__ import annotations

from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app

from . import crypto, providers
from .models import SsoConnection


def init_app(app: Flask) -> None:
    app.extensions["sso_oauth"] = OAuth(app)


def client_for(connection: SsoConnection):
    """The Authlib client for this connection's current settings."""
    oauth: OAuth = current_app.extensions["sso_oauth"]
    name = f"school-sso-{connection.id}-v{connection.version}"
    client = oauth.create_client(name)
    if client is None:
        client = oauth.register(
            name=name,
            client_id=connection.client_id,
            client_secret=crypto.decrypt(connection.client_secret_encrypted),
            server_metadata_url=providers.metadata_url(connection),
            client_kwargs={"scope": providers.SCOPES, "code_challenge_method": "S256"},
        )
    return client
