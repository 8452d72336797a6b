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


def canonical(entry: Entry, revision: EntryRevision) -> bytes:
    document = {
        "format": FORMAT,
        "entry": entry.client_id,
        "kind": entry.kind,
        "number": revision.number,
        "author": revision.author_id,
        "content": revision.content,
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def revision_sha256(entry: Entry, revision: EntryRevision) -> str:
    return hashlib.sha256(canonical(entry, revision)).hexdigest()


def sign_off_holds(sign_off: SignOff, entry: Entry) -> bool:
    """Whether the revision a sign-off points at is still exactly what was signed."""
    return revision_sha256(entry, sign_off.revision) == sign_off.content_sha256
