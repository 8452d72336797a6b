"""The canonical serialisation of an entry revision, and its SHA-256.

A sign-off stores the hash of exactly what the signer saw. The serialisation is JSON with
sorted keys, no spaces, UTF-8 (not ASCII escapes), of the entry's client id and kind and the
revision's number, author and content; anyone holding a revision (a receiving school reading
an exported passport, say) can recompute it with any JSON library.
"""

from __future__ import annotations

import hashlib
import json

from journal.passport.entries.models import Entry, EntryRevision
from journal.passport.signoff.models import SignOff

FORMAT = "careers-passport/revision/1"


def content_sha256(client_id: str, kind: str, number: int, author_id: int | None, content) -> str:
    """The SHA-256 of a revision's canonical serialisation: the one place it is computed (for a
    revision loaded as an object, written in bulk, or read from a passport file)."""
    document = {
        "format": FORMAT,
        "entry": client_id,
        "kind": kind,
        "number": number,
        "author": author_id,
        "content": content,
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def revision_sha256(entry: Entry, revision: EntryRevision) -> str:
    return content_sha256(
        entry.client_id, entry.kind, revision.number, revision.author_id, revision.content
    )


def sign_off_holds(sign_off: SignOff, entry: Entry) -> bool:
    """Whether the revision a sign-off points at is still exactly what was signed."""
    return revision_sha256(entry, sign_off.revision) == sign_off.content_sha256
