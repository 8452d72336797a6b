"""Reading the CSV files English schools' systems export (SIMS, Arbor, Bromcom, a local
authority's returns, a spreadsheet saved as CSV): bytes to text whatever the encoding, text to
records whatever the delimiter, headers compared without case or punctuation, dates as
schools write them, and UPNs checked with a reason in plain English.

Pure Python: no Flask, no database. The roster import (``journal.schools.roster``), the
destinations exchange (``journal.destinations.exchange``) and the programme's attendance sheet
(``journal.programme.sheet``) build on it; each raises :class:`CsvFileError` (under its own
name) for a file that cannot be used at all.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import string
from typing import Any

from stdnum import exceptions as stdnum_errors
from stdnum.gb import upn as upn_lib

Parsed = tuple[Any, str | None]  # a cell's value, and the problem with it or None


class CsvFileError(Exception):
    """The file could not be read at all (not CSV, not text, empty, or missing a column its
    reader needs); the message says why in plain English."""


# --- reading the bytes ------------------------------------------------------------------------

_EXCEL_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252."""
    if not data:
        raise CsvFileError("The file is empty.")
    if data.startswith(_EXCEL_SIGNATURES):
        raise CsvFileError(
            "This looks like an Excel workbook, not a CSV file. "
            "Open it in Excel and save it as CSV, then upload that."
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16")
    if b"\x00" in data:
        raise CsvFileError("This file is not a text (CSV) file.")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_as(data, "cp1252")


def _decode_as(data: bytes, encoding: str) -> str:
    """Decode with one encoding, turning failure into CsvFileError."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CsvFileError(
            "The file's text could not be read; save it as CSV (UTF-8) and try again."
        ) from exc


def _detect_delimiter(text: str) -> str:
    """Guess comma, semicolon or tab from the first lines; default to comma."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    if not lines:
        return ","
    try:
        delimiter = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    counts = {d: lines[0].count(d) for d in ",;\t"}
    if counts.get(delimiter, 0) == 0:
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    return delimiter


def read_records(text: str) -> list[tuple[int, list[str]]]:
    """Return (physical start line, stripped cells) for each non-blank record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_detect_delimiter(text))
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            stripped = [cell.strip().strip("\ufeff") for cell in cells]
            if any(stripped):
                records.append((start, stripped))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise CsvFileError(f"The file could not be read as CSV ({exc}).") from exc
    return records


# --- cells ----------------------------------------------------------------------------------


def normalise_header(header: str) -> str:
    """Lower-case a header and drop spaces, underscores, hyphens, dots, brackets etc."""
    return "".join(ch for ch in header.casefold() if ch.isalnum())


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_DATE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")


def date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) from an ISO or day-first date, or None."""
    if match := _ISO_DATE.fullmatch(text):
        return int(match[1]), int(match[2]), int(match[3])
    if match := _DMY_DATE.fullmatch(text):
        return int(match[4]), int(match[3]), int(match[1])
    return None


_UPN_ERRORS: dict[type[Exception], str] = {
    stdnum_errors.InvalidLength: "UPN {n} has {length} characters (it should have 13)",
    stdnum_errors.InvalidFormat: (
        "UPN {n} is not in the right format (a letter, 11 digits, then a final digit or letter)"
    ),
    stdnum_errors.InvalidComponent: "UPN {n} has an unknown local-authority code ({la})",
}


def parse_upn(raw: str) -> Parsed:
    """Validate a UPN; the cleaned value is returned even when invalid."""
    number = re.sub(r"\s+", "", raw).upper()
    if not number:
        return None, "missing UPN"
    try:
        upn_lib.validate(number)
    except stdnum_errors.ValidationError as exc:
        return number, _upn_problem(number, type(exc))
    return number, None


def _upn_problem(number: str, kind: type[Exception]) -> str:
    """Plain-English reason for a UPN that stdnum rejected."""
    if kind is stdnum_errors.InvalidChecksum:
        if number[0] not in string.ascii_uppercase:
            kind = stdnum_errors.InvalidFormat
        else:
            expected = upn_lib.calc_check_digit(number[1:])
            return f"UPN {number} has the wrong check letter (expected {expected})"
    template = _UPN_ERRORS.get(kind, "UPN {n} is not valid")
    return template.format(n=number, length=len(number), la=number[1:4])
