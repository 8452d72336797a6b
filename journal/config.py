"""Configuration read from the environment, with safe defaults for a laptop."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def from_environment(instance_path: str) -> dict:
    """Settings for one app instance; every one can be overridden by an environment variable."""
    database_url = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{Path(instance_path) / 'journal.sqlite3'}"
    )
    if database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgres://") :]
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://") :]
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or _instance_secret(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url),
        "REDIS_URL": os.environ.get("REDIS_URL"),
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        # Pages compressed in the app (Flask-Compress); behind nginx, COMPRESS_RESPONSES=0 and
        # `gzip on; brotli on;` there do it instead. Streamed responses are left alone.
        "COMPRESS_ENABLED": _bool("COMPRESS_RESPONSES", True),
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "COMPRESS_BR_LEVEL": 4,
        "COMPRESS_LEVEL": 6,
        "COMPRESS_STREAMS": False,
        "COMPRESS_MIN_SIZE": 500,
        "SIGN_IN_LIMIT_PER_ACCOUNT": os.environ.get("SIGN_IN_LIMIT_PER_ACCOUNT", "5 per 5 minutes"),
        "SIGN_IN_LIMIT_PER_ADDRESS": os.environ.get(
            "SIGN_IN_LIMIT_PER_ADDRESS", "30 per 5 minutes"
        ),
        "FORCE_HTTPS_COOKIES": _bool("FORCE_HTTPS_COOKIES"),
        "TRUSTED_PROXIES": _int("TRUSTED_PROXIES", 0),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": timedelta(days=_int("SESSION_DAYS", 14)),
        "MAX_CONTENT_LENGTH": _int("MAX_UPLOAD_MB", 40) * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "PASSWORD_HASH": {
            # Above both OWASP argon2id minimums (19 MiB × 2, 46 MiB × 1): ~0.13 s a hash here.
            "time_cost": _int("ARGON2_TIME_COST", 2),
            "memory_cost": _int("ARGON2_MEMORY_KIB", 47104),
            "parallelism": _int("ARGON2_PARALLELISM", 1),
        },
        "TIMEZONE": "Europe/London",
        # Jobs (journal.jobs): a running job's lease, renewed by its worker; how often a worker
        # looks for jobs whose worker died.
        "JOBS_LEASE_SECONDS": _int("JOBS_LEASE_SECONDS", 60),
        "JOBS_SWEEP_SECONDS": _int("JOBS_SWEEP_SECONDS", 30),
    }


def engine_options(database_url: str) -> dict:
    """Pool settings: a sized pool with pre-ping for servers, a busy timeout for SQLite."""
    if database_url.startswith("sqlite"):
        return {"connect_args": {"timeout": _int("SQLITE_BUSY_SECONDS", 10)}}
    return {
        "pool_size": _int("DB_POOL_SIZE", 5),
        "max_overflow": _int("DB_MAX_OVERFLOW", 5),
        "pool_pre_ping": True,
        "pool_recycle": 1800,
    }


def _instance_secret(instance_path: str) -> str:
    """A random key kept in the instance folder, so a laptop install needs no set-up."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key
