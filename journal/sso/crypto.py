"""Client secrets encrypted at rest with Fernet (AES-128-CBC and HMAC-SHA256, from cryptography).

The key comes from ``SSO_SECRET_KEY`` in the environment: one Fernet key, or several separated
by commas to rotate (the first encrypts, any of them decrypts). Without it, a key is made once
and kept in the instance folder (``sso_secret_key``), as ``SECRET_KEY`` is on a laptop.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import Flask, current_app


def configure(app: Flask) -> None:
    """Put the key(s) in ``app.config["SSO_SECRET_KEY"]`` unless a test already did."""
    if not app.config.get("SSO_SECRET_KEY"):
        app.config["SSO_SECRET_KEY"] = os.environ.get("SSO_SECRET_KEY") or _instance_key(
            app.instance_path
        )


def _instance_key(instance_path: str) -> str:
    path = Path(instance_path) / "sso_secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode()
    path.write_text(key)
    path.chmod(0o600)
    return key


def _fernet() -> MultiFernet:
    keys = [k.strip() for k in current_app.config["SSO_SECRET_KEY"].split(",") if k.strip()]
    return MultiFernet([Fernet(k) for k in keys])


def encrypt(secret: str) -> bytes:
    return _fernet().encrypt(secret.encode())


class SecretUnreadable(Exception):
    """The stored secret was encrypted with a key this server no longer has."""


def decrypt(token: bytes) -> str:
    try:
        return _fernet().decrypt(token).decode()
    except InvalidToken as problem:
        raise SecretUnreadable from problem
