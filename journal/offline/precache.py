"""What the service worker keeps on the phone before it is needed, and the version it is kept
under: a hash of those files and of the worker itself, so a new release makes a new cache and
the new worker takes over from the old one."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import current_app

# The static files the pupil's pages load (the pages themselves are kept as they are visited).
PRECACHE = (
    "css/app.css",
    "css/views.css",
    "vendor/htmx/htmx-4.0.1.min.js",
    "js/read-aloud.js",
    "js/autosave.js",
    "js/offline.js",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/icon-maskable-512.png",
)
# The scripts a pupil's page loads (for the size figure in the benchmark).
PUPIL_SCRIPTS = (
    "vendor/htmx/htmx-4.0.1.min.js",
    "js/read-aloud.js",
    "js/autosave.js",
    "js/offline.js",
)
WORKER_TEMPLATE = "offline/service-worker.js"


def static_path(name: str) -> Path:
    return Path(current_app.static_folder) / name


def version() -> str:
    """A short hash of every precached file and of the worker's template."""
    key = "offline_version"
    if key in current_app.extensions and not current_app.debug:
        return current_app.extensions[key]
    digest = hashlib.sha256()
    worker = Path(current_app.template_folder) / WORKER_TEMPLATE
    for path in [worker, *(static_path(name) for name in PRECACHE)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    found = digest.hexdigest()[:12]
    current_app.extensions[key] = found
    return found
