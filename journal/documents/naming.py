"""File names for exported documents: ``Firstname-Surname-CV-2026-11.pdf``.

Names are ASCII so every browser, email program and application portal keeps them: accents
are dropped ("Zoë" → "Zoe"), apostrophes vanish ("O'Brien" → "OBrien") and anything else that
is not a letter or digit becomes a hyphen. The month is when the document last changed
(London time), so downloading it twice gives the same name."""

from __future__ import annotations

import re
import unicodedata

from journal.calendar import london_time

from .models import CV, Document

_APOSTROPHES = re.compile("['\u2019`]")
_NOT_SAFE = re.compile(r"[^A-Za-z0-9]+")


def ascii_part(text: str) -> str:
    """``text`` as letters, digits and single hyphens only (may be empty)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = decomposed.encode("ascii", "ignore").decode("ascii")
    return _NOT_SAFE.sub("-", _APOSTROPHES.sub("", plain)).strip("-")


def file_name(document: Document, ext: str) -> str:
    """The download name of ``document`` with extension ``ext`` (without the dot)."""
    pupil = document.pupil
    who = "-".join(
        part for part in (ascii_part(pupil.first_name), ascii_part(pupil.last_name)) if part
    )
    what = "CV" if document.kind == CV else "Statement"
    when = london_time(document.updated_at).strftime("%Y-%m")
    return f"{who or 'Pupil'}-{what}-{when}.{ascii_part(ext).lower() or 'txt'}"
