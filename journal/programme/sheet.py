"""Attendance from a CSV file (a sign-in sheet from an event recorded elsewhere): each row is
a pupil who was there, by UPN, or by name and date of birth. Reading the bytes is the roster
import's (``journal.csvfiles``): the same encodings, delimiters and UPN checks, so both
files behave alike. Pure Python apart from the matching, which is given the pupils."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from journal.csvfiles import (
    CsvFileError,
    date_parts,
    decode,
    normalise_header,
    parse_upn,
    read_records,
)

SheetError = CsvFileError  # the file cannot be read at all

COLUMNS = {
    "upn": {"upn", "uniquepupilnumber", "pupilupn"},
    "first": {"forename", "forenames", "firstname", "legalforename", "preferredforename",
              "givenname", "knownas"},
    "last": {"surname", "lastname", "legalsurname", "preferredsurname", "familyname"},
    "name": {"name", "fullname", "pupilname", "pupil", "student", "studentname"},
    "dob": {"dob", "dateofbirth", "birthdate"},
}  # fmt: skip
MAX_ROWS = 3000


@dataclass(frozen=True)
class SheetRow:
    line: int
    upn: str | None
    name: str  # "first last", as written
    dob: datetime.date | None
    problem: str | None = None

    @property
    def shown(self) -> str:
        return self.upn or self.name or "(blank)"


@dataclass
class Match:
    pupil_ids: list[int] = field(default_factory=list)
    unmatched: list[tuple[int, str, str]] = field(default_factory=list)  # line, who, why
    repeated: int = 0  # rows naming a pupil already matched


def parse(data: bytes) -> list[SheetRow]:
    """The rows of the file. Raises :class:`SheetError` for a file that cannot be used."""
    records = read_records(decode(data))
    if not records:
        raise SheetError("The file is empty.")
    (_line, headers), rows = records[0], records[1:]
    index = _columns(headers)
    if "upn" not in index and not (
        "dob" in index and ("name" in index or {"first", "last"} <= set(index))
    ):
        found = ", ".join(f'"{h}"' for h in headers if h) or "none"
        raise SheetError(
            "The file needs a UPN column, or name and date of birth columns "
            f"(first name, last name, date of birth). Headers found: {found}."
        )
    if len(rows) > MAX_ROWS:
        raise SheetError(f"The file has {len(rows):,} rows; the most we take is {MAX_ROWS:,}.")
    return [_row(line, cells, index) for line, cells in rows]


def _columns(headers: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, header in enumerate(headers):
        key = normalise_header(header)
        for name, spellings in COLUMNS.items():
            if key in spellings and name not in index:
                index[name] = i
    return index


def _cell(cells: list[str], index: dict[str, int], name: str) -> str:
    i = index.get(name)
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _row(line: int, cells: list[str], index: dict[str, int]) -> SheetRow:
    name = _cell(cells, index, "name") or " ".join(
        part for part in (_cell(cells, index, "first"), _cell(cells, index, "last")) if part
    )
    name = " ".join(name.split())
    raw_upn = _cell(cells, index, "upn")
    if raw_upn:
        upn, problem = parse_upn(raw_upn)
        return SheetRow(line, upn, name, None, problem)
    raw_dob = _cell(cells, index, "dob")
    if not name or not raw_dob:
        return SheetRow(line, None, name, None, "no UPN, and no name and date of birth")
    parts = date_parts(raw_dob)
    try:
        dob = datetime.date(*parts) if parts else None
    except ValueError:
        dob = None
    if dob is None:
        return SheetRow(line, None, name, None, f"date of birth “{raw_dob}” is not a date")
    return SheetRow(line, None, name, dob)


def match(rows: list[SheetRow], listed: list, everyone: list) -> Match:
    """Match rows to the pupils on the activity's attendance list (``listed``); ``everyone``
    is every pupil the person may see, to say why a row did not match."""
    found = Match()
    by_upn = {p.upn: p for p in listed}
    by_name_dob: dict[tuple[str, datetime.date], list] = {}
    for pupil in listed:
        for name in _names(pupil):
            by_name_dob.setdefault((name, pupil.date_of_birth), []).append(pupil)
    known_upns = {p.upn for p in everyone}
    seen: set[int] = set()
    for row in rows:
        if row.problem:
            found.unmatched.append((row.line, row.shown, row.problem))
            continue
        if row.upn:
            pupil = by_upn.get(row.upn)
            candidates = [pupil] if pupil else []
        else:
            candidates = list(
                {p.id: p for p in by_name_dob.get((row.name.casefold(), row.dob), [])}.values()
            )
        if len(candidates) == 1:
            if candidates[0].id in seen:
                found.repeated += 1
            else:
                seen.add(candidates[0].id)
                found.pupil_ids.append(candidates[0].id)
        elif len(candidates) > 1:
            found.unmatched.append((row.line, row.shown, "more than one pupil matches"))
        elif row.upn and row.upn in known_upns:
            found.unmatched.append(
                (row.line, row.shown, "this pupil is not in the group the activity was for")
            )
        else:
            found.unmatched.append((row.line, row.shown, _unknown(row)))
    return found


def _names(pupil) -> set[str]:
    return {
        f"{pupil.legal_first_name} {pupil.legal_last_name}".casefold(),
        pupil.full_name.casefold(),
    }


def _unknown(row: SheetRow) -> str:
    if row.upn:
        return "no pupil with this UPN in the activity's group"
    return f"no pupil in the activity's group with this name born on {row.dob:%-d %B %Y}"
