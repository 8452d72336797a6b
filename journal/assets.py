"""Static files under content-hashed names, sent once and kept for a year.

At start-up every file under ``static/`` is read once: CSS and JavaScript are minified
(rcssmin, rjsmin; the ``.min.js`` vendor files are left as they are), and each file gets the
name ``<stem>.<hash><ext>`` from a hash of the bytes that are served. ``url_for("static",
filename="css/app.css")`` gives the hashed name (``/static/css/app.1a2b3c4d5e6f.css``), which
is sent with ``Cache-Control: public, max-age=31536000, immutable``: a changed file gets a new
name, so a browser never asks for a file it has. The plain names still work (the print
stylesheets' fonts, old kept pages) with ``no-cache``.

Text files are kept compressed (brotli and gzip, each made on first use at the highest
level) and sent compressed when the request's ``Accept-Encoding`` asks. Pages are compressed
per response by Flask-Compress (``journal/extensions.py``); in deployment nginx may do both.

Why not WhiteNoise: it serves hashed, compressed files well, but the hashed names and the
compressed copies come from Django's ``collectstatic``; a Flask app would have to write them
beside the sources first. Here the manifest is built in memory at start-up (about 10 ms for
the ~400 files) and nothing is written to the source folder.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import brotli
import rcssmin
import rjsmin
from flask import Flask, Response, abort, current_app, request

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
TEXT_TYPES = {".css", ".js", ".svg", ".json", ".txt", ".webmanifest", ".html", ".map"}
EXTENSION_KEY = "assets"


def served_bytes(name: str, raw: bytes) -> bytes:
    """What is sent for the file ``name``: CSS and JavaScript minified, the rest as stored."""
    if name.endswith(".css"):
        return rcssmin.cssmin(raw.decode("utf-8")).encode("utf-8")
    if name.endswith(".js") and not name.endswith(".min.js"):
        return rjsmin.jsmin(raw.decode("utf-8")).encode("utf-8")
    return raw


def hashed_name(name: str, digest: str) -> str:
    stem, ext = os.path.splitext(name)
    return f"{stem}.{digest}{ext}"


HASHED = re.compile(r"\.[0-9a-f]{12}(?=\.[^./]+$)")


def plain_name(name: str) -> str:
    """``name`` without the hash :func:`hashed_name` put in it (unchanged if it has none)."""
    return HASHED.sub("", name, count=1)


@dataclass
class Asset:
    name: str  # the path under static/, with "/" separators
    body: bytes
    digest: str
    mtime: float
    mimetype: str
    compressed: dict[str, bytes] = field(default_factory=dict)

    @property
    def hashed(self) -> str:
        return hashed_name(self.name, self.digest)

    @property
    def text(self) -> bool:
        return os.path.splitext(self.name)[1] in TEXT_TYPES

    def encoded(self, encoding: str) -> bytes:
        """The body compressed with ``encoding`` ("br" or "gzip"), made once."""
        if encoding not in self.compressed:
            if encoding == "br":
                self.compressed[encoding] = brotli.compress(self.body, quality=11)
            else:
                self.compressed[encoding] = gzip.compress(self.body, 9, mtime=0)
        return self.compressed[encoding]


_LOADED: dict[tuple[str, int, int], Asset] = {}  # by (path, mtime, size): apps share them


def load(folder: Path, name: str) -> Asset:
    path = folder / name
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _LOADED:
        _LOADED[key] = _read(path, name, stat.st_mtime)
    return _LOADED[key]


def _read(path: Path, name: str, mtime: float) -> Asset:
    body = served_bytes(name, path.read_bytes())
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if name.endswith(".js"):
        mimetype = "text/javascript"
    return Asset(
        name=name,
        body=body,
        digest=hashlib.sha256(body).hexdigest()[:12],
        mtime=mtime,
        mimetype=mimetype,
    )


class Manifest:
    """Every static file by its plain name and by its hashed name."""

    def __init__(self, folder: str | os.PathLike, *, watch: bool = False) -> None:
        self.folder = Path(folder)
        self.watch = watch  # in debug mode a file changed on disk is read again
        self.by_name: dict[str, Asset] = {}
        self.by_hashed: dict[str, Asset] = {}
        if self.folder.is_dir():
            for path in sorted(self.folder.rglob("*")):
                if path.is_file():
                    self._add(load(self.folder, path.relative_to(self.folder).as_posix()))

    def _add(self, asset: Asset) -> Asset:
        self.by_name[asset.name] = asset
        self.by_hashed[asset.hashed] = asset
        return asset

    def asset(self, name: str) -> Asset | None:
        asset = self.by_name.get(name)
        if self.watch:
            path = self.folder / name
            if path.is_file() and (asset is None or path.stat().st_mtime != asset.mtime):
                asset = self._add(load(self.folder, name))
        return asset

    def url_name(self, name: str) -> str:
        """The hashed name of ``name`` (``name`` itself for a file that is not there)."""
        asset = self.asset(name)
        return asset.hashed if asset else name


def manifest() -> Manifest:
    return current_app.extensions[EXTENSION_KEY]


def _encoding(asset: Asset) -> str | None:
    if not asset.text:
        return None
    accepted = request.accept_encodings
    for encoding in ("br", "gzip"):
        if accepted[encoding]:
            return encoding
    return None


def serve(filename: str) -> Response:
    """The ``static`` endpoint: a hashed name is immutable, a plain name is revalidated."""
    found = manifest()
    asset = found.by_hashed.get(filename)
    immutable = asset is not None
    if asset is None:
        asset = found.asset(filename)
    if asset is None:
        abort(404)
    encoding = _encoding(asset)
    body = asset.encoded(encoding) if encoding else asset.body
    response = Response(body, mimetype=asset.mimetype)
    response.headers["Cache-Control"] = IMMUTABLE if immutable else REVALIDATE
    response.set_etag(f"{asset.digest}-{encoding or 'identity'}")
    if asset.text:
        response.vary.add("Accept-Encoding")
    if encoding:
        response.headers["Content-Encoding"] = encoding
    return response.make_conditional(request)


_READ: dict[str, Manifest] = {}


def _manifest_of(folder: str, *, watch: bool) -> Manifest:
    """The folder's manifest, read once for every app the process makes (outside debug mode:
    files do not change under a running server, and a deployment restarts its servers). The
    suite and the bench make an app for each test or size; reading and hashing every static
    file again was two-thirds of making one."""
    if watch:
        return Manifest(folder, watch=True)
    key = str(Path(folder).resolve())
    if key not in _READ:
        _READ[key] = Manifest(folder)
    return _READ[key]


def init_app(app: Flask) -> None:
    if app.static_folder is None:
        return
    app.extensions[EXTENSION_KEY] = _manifest_of(app.static_folder, watch=app.debug)
    app.view_functions["static"] = serve

    @app.url_defaults
    def _hashed(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values:
            values["filename"] = app.extensions[EXTENSION_KEY].url_name(values["filename"])
