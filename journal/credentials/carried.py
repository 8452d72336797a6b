"""Credentials in a passport file: written beside ``passport.json`` as
``credentials/<uuid>.jwt`` (see docs/passport-format.md), and checked when a passport is
imported at another school (the verdict for each, in words)."""

from __future__ import annotations

import re

from journal.schools.models import Pupil

from . import queries, verification

NAME = re.compile(
    r"credentials/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jwt"
)


def credential_files(pupil: Pupil) -> list[tuple[str, str]]:
    """``(name in the zip, VC-JWT)`` for each credential the pupil has had issued."""
    return [(f"credentials/{c.uuid}.jwt", c.token + "\n") for c in queries.issued_of(pupil)]


def is_credential_file(name: str) -> bool:
    return bool(NAME.fullmatch(name))


def verify_carried(files: dict[str, bytes]) -> list[verification.Verdict]:
    """The verdict on each credential a passport file carries, in file-name order."""
    verdicts = []
    for name in sorted(files):
        verdict = verification.verify(files[name].decode("utf-8", "replace"))
        verdicts.append(verdict)
    return verdicts
