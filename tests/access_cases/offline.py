"""Access cases for offline use: the manifest and the service worker are files anyone may
fetch; the fresh token is for a signed-in pupil (a 401 in JSON when the session has ended)."""

from __future__ import annotations

from tests.access_support import everyone, only

CASES = {
    "offline.manifest": [("GET", lambda w: "/manifest.webmanifest", everyone(200, anonymous=200))],
    "offline.favicon": [("GET", lambda w: "/favicon.ico", everyone(200, anonymous=200))],
    "offline.service_worker": [
        ("GET", lambda w: "/service-worker.js", everyone(200, anonymous=200))
    ],
    "offline.token": [("GET", lambda w: "/offline/token", only({"pupil"}, anonymous=401))],
}
