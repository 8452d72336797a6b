"""The passport file's fixed names and numbers, shared by export, verification and import.
``docs/passport-format.md`` describes each one."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import UTC, datetime

from journal.passport.signoff.signing import content_sha256

FORMAT = "careers-passport"
FORMAT_VERSION = 1

PASSPORT_JSON = "passport.json"
SIGNATURE = "signature"
PASSPORT_PDF = "passport.pdf"
ATTACHMENT_NAME = re.compile(r"attachments/([0-9a-f]{64})\.(jpg|png|webp|pdf)")
EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}

# Limits on what an uploaded file may unpack to: checked from the zip's directory before any
# member is read, and again while reading (a directory can lie).
MAX_MEMBERS = 500
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_RATIO = 100  # uncompressed size / compressed size, per member

SHARED_VISIBILITIES = ("pupil_family", "pupil")  # guidance the pupil can see; never "staff"


def revision_hash(entry_id: str, kind: str, revision: dict) -> str:
    """The SHA-256 a sign-off's ``content_sha256`` holds, from an entry and revision as the file
    holds them (``journal.passport.signoff.signing.content_sha256``)."""
    return content_sha256(
        entry_id, kind, revision["number"], revision["author"], revision["content"]
    )


def fingerprint(public_key: bytes) -> str:
    """As on the school settings page: the first 32 hex digits of the SHA-256 of the raw
    32-byte public key, in groups of four."""
    digest = hashlib.sha256(public_key).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def timestamp(moment: datetime | None) -> str | None:
    """A moment as RFC 3339 in UTC with a Z: ``2026-11-23T14:50:00Z``."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
