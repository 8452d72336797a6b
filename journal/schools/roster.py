"""Parse pupil roster CSV exports from English school MIS systems.

SIMS, Arbor and Bromcom each name their columns differently; this module maps
the headers, validates every row and reports problems in plain English for the
school admin. It is pure Python: no Flask, no database.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..calendar import POST_19, age_on
from ..csvfiles import (
    CsvFileError,
    Parsed,
    date_parts,
    decode,
    normalise_header,
    parse_upn,
    read_records,
)

# The roster's name for a file that cannot be read at all (no header row, or no UPN, name, date
# of birth or year column, besides what ``journal.csvfiles`` refuses): the same class.
RosterFileError = CsvFileError


@dataclass(frozen=True)
class RosterRow:
    """One valid pupil from the file."""

    line: int
    upn: str
    uln: str | None
    legal_first_name: str
    legal_last_name: str
    preferred_first_name: str | None
    preferred_last_name: str | None
    date_of_birth: datetime.date
    year_group: int
    tutor_group: str | None
    sen_status: str
    fsm: bool | None
    pupil_premium: bool | None
    looked_after: bool | None
    gender: str | None
    external_id: str | None
    email: str | None = None  # the pupil's school email, for signing in with the school account


@dataclass(frozen=True)
class Rejection:
    """A row that was not imported, with every reason why."""

    line: int
    reason: str
    upn: str | None = None
    name: str | None = None


@dataclass
class ParsedRoster:
    """The outcome of parsing a roster file."""

    rows: list[RosterRow]
    rejections: list[Rejection]
    columns: dict[str, str]
    unmapped_headers: list[str]


# --- header mapping -------------------------------------------------------

# field -> (preferred header spellings, fallback spellings used only if no
# preferred one is present). Spellings are already normalised (see below).
_FIELD_ALIASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "upn": (("upn", "uniquepupilnumber", "pupilupn"), ()),
    "uln": (("uln", "uniquelearnernumber"), ()),
    "legal_first_name": (
        ("legalforename", "legalforenames", "legalfirstname", "legalgivenname"),
        ("forename", "forenames", "firstname", "givenname", "firstnames"),
    ),
    "legal_last_name": (
        ("legalsurname", "legallastname", "legalfamilyname"),
        ("surname", "lastname", "familyname"),
    ),
    "preferred_first_name": (
        ("preferredforename", "preferredfirstname", "knownas", "chosenforename"),
        ("preferredname", "knownasforename"),
    ),
    "preferred_last_name": (
        ("preferredsurname", "preferredlastname", "chosensurname"),
        ("knownassurname",),
    ),
    "date_of_birth": (("dob", "dateofbirth", "birthdate"), ()),
    "year_group": (
        ("year", "yeargroup", "ncyear", "nationalcurriculumyear", "curriculumyear"),
        ("yr", "yeargrp"),
    ),
    "tutor_group": (
        (
            "reg",
            "reggroup",
            "regform",
            "registrationgroup",
            "registrationform",
            "form",
            "tutorgroup",
            "formgroup",
        ),
        ("class", "registration", "formclass"),
    ),
    "sen_status": (("senstatus", "sen", "senprovision", "sendstatus", "send"), ()),
    "fsm": (
        ("fsm", "fsmeligible", "freeschoolmeals", "fsmeligibility"),
        ("freeschoolmealseligible", "eligibleforfsm", "fsmindicator"),
    ),
    "pupil_premium": (
        ("pupilpremium", "pp", "ppeligible"),
        ("pupilpremiumeligible", "pupilpremiumindicator", "ppindicator"),
    ),
    "looked_after": (
        ("lookedafter", "cla", "lac", "incare"),
        ("lookedafterchild", "childlookedafter", "incareofla"),
    ),
    "gender": (("gender", "sex"), ()),
    "external_id": (
        ("studentid", "admissionno", "adno", "admissionnumber", "misid"),
        ("pupilid", "admno", "id", "personid"),
    ),
    # The pupil's own school email: SIMS "Pupil Email" / "School Email Address", Arbor "Student
    # Email" / "Email Address", Bromcom "Student Email Address". A contact's or parent's email
    # ("Contact Email", "Parent Email") is never taken for it.
    "email": (
        (
            "pupilemail",
            "pupilemailaddress",
            "studentemail",
            "studentemailaddress",
            "learneremail",
            "schoolemail",
            "schoolemailaddress",
            "pupilschoolemail",
            "studentschoolemail",
            "studentworkemail",
        ),
        ("email", "emailaddress", "primaryemail", "primaryemailaddress"),
    ),
}

_HEADER_LOOKUP: dict[str, tuple[str, int]] = {
    alias: (field, priority)
    for field, groups in _FIELD_ALIASES.items()
    for priority, aliases in enumerate(groups)
    for alias in aliases
}

_REQUIRED: dict[str, str] = {
    "upn": "UPN",
    "legal_first_name": "first name",
    "legal_last_name": "last name",
    "date_of_birth": "date of birth",
    "year_group": "year group",
}


def _map_headers(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Return field -> column index, and the headers left unused."""
    best: dict[str, tuple[int, int]] = {}
    for index, header in enumerate(headers):
        hit = _HEADER_LOOKUP.get(normalise_header(header))
        if hit is None:
            continue
        field, priority = hit
        if field not in best or priority < best[field][0]:
            best[field] = (priority, index)
    indexes = {f: best[f][1] for f in _FIELD_ALIASES if f in best}
    used = set(indexes.values())
    unmapped = [h for i, h in enumerate(headers) if i not in used and h]
    return indexes, unmapped


def _require_columns(indexes: dict[str, int], headers: list[str]) -> None:
    """Raise RosterFileError naming every required column that is missing."""
    missing = [label for field, label in _REQUIRED.items() if field not in indexes]
    if missing:
        found = ", ".join(f'"{h}"' for h in headers if h) or "none"
        raise RosterFileError(
            f"The file has no column for {_and_list(missing)}. Headers found: {found}."
        )


def _and_list(items: list[Any]) -> str:
    """Join items as "a, b and c"."""
    words = [str(item) for item in items]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


# --- cell parsers: each returns (value, problem or None) --------------------


def _parse_uln(raw: str) -> Parsed:
    """A ULN is optional but must be exactly 10 digits when given."""
    number = re.sub(r"\s+", "", raw)
    if not number:
        return None, None
    if not re.fullmatch(r"[0-9]{10}", number):
        return None, f"ULN {raw} must be exactly 10 digits"
    return number, None


def _collapse(raw: str) -> str:
    """Trim and collapse inner whitespace, keeping the case as typed."""
    return " ".join(raw.split())


def _parse_required_name(raw: str, *, what: str) -> Parsed:
    """A legal name part, which must not be blank."""
    name = _collapse(raw)
    return (name, None) if name else (None, f"missing {what}")


def _parse_optional_text(raw: str) -> Parsed:
    """Optional free text; blank becomes None."""
    return _collapse(raw) or None, None


_SHORT_YEAR_DATE = re.compile(r"\d{1,2}([/.-])\d{1,2}\1\d{2}")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def _parse_dob(raw: str, *, today: datetime.date) -> Parsed:
    """Parse a date of birth and check it is plausible for a pupil."""
    if not raw:
        return None, "missing date of birth"
    text = _TIME_SUFFIX.sub("", raw)
    parts = date_parts(text)
    if parts is None:
        if _SHORT_YEAR_DATE.fullmatch(text):
            return None, (
                f"date of birth {raw} has a two-digit year, which is ambiguous "
                "(use a four-digit year, e.g. 21/06/2010)"
            )
        return None, (
            f'date of birth "{raw}" is not a recognised date (use DD/MM/YYYY or YYYY-MM-DD)'
        )
    try:
        dob = datetime.date(*parts)
    except ValueError:
        return None, f"date of birth {raw} is not a real date"
    return dob, _implausible_dob(dob, raw, today)


def _implausible_dob(dob: datetime.date, raw: str, today: datetime.date) -> str | None:
    """A reason if the pupil would be under 3 or over 30 today."""
    if dob > today:
        return f"date of birth {raw} is implausible (it is in the future)"
    age = age_on(dob, today)
    if age < 3:
        return f"date of birth {raw} is implausible (the pupil would be under 3)"
    if age > 30:
        return f"date of birth {raw} is implausible (the pupil would be {age})"
    return None


_YEAR_NUMBER = re.compile(r"(?:year|yr|y|ncyear|ncy|nc)?[.:]?(\d{1,2})(?:\.0+)?")
_POST_19_WORDS = {"post19", "19+", "19plus", "year19+", "y19+"}
_EARLY_YEARS = {"r": "R", "yr": "R", "yearr": "R", "ncr": "R", "reception": "R"}


def _parse_year_group(raw: str) -> Parsed:
    """Year 7..14, or POST_19 (15) for Post-19 learners."""
    if not raw:
        return None, "missing year group"
    text = re.sub(r"[\s_-]", "", raw.casefold())
    if text in _POST_19_WORDS:
        return POST_19, None
    if match := _YEAR_NUMBER.fullmatch(text):
        year = int(match[1])
        if 7 <= year <= 14:
            return year, None
        return None, f"year group {year} is outside Years 7–14"
    if text in _EARLY_YEARS or text.startswith(("nursery", "n1", "n2")):
        label = _EARLY_YEARS.get(text, raw)
        return None, f"year group {label} is outside Years 7–14"
    return None, f'year group "{raw}" is not recognised'


_SEN_CODES = {
    "": "N",
    "n": "N",
    "none": "N",
    "no": "N",
    "na": "N",
    "nosen": "N",
    "nospecialeducationalneed": "N",
    "nospecialeducationalneeds": "N",
    "k": "K",
    "sensupport": "K",
    "schoolaction": "K",
    "schoolactionplus": "K",
    "a": "K",
    "p": "K",
    "e": "E",
    "ehcp": "E",
    "ehcplan": "E",
    "educationhealthandcareplan": "E",
    "statement": "E",
    "statementofsen": "E",
    "s": "E",
}


def _parse_sen(raw: str) -> Parsed:
    """SEN status as N, K or E; also SIMS-style "K - SEN Support"."""
    code_prefix = re.match(r"([NKEnke])\s*[-–:]\s*\S", raw)
    if code_prefix:
        return code_prefix[1].upper(), None
    code = _SEN_CODES.get(normalise_header(raw))
    if code is None:
        return None, f'SEN status "{raw}" is not recognised (expected N, K or E)'
    return code, None


_BOOLEANS = {
    "": False,
    "yes": True,
    "y": True,
    "true": True,
    "t": True,
    "1": True,
    "eligible": True,
    "no": False,
    "n": False,
    "false": False,
    "f": False,
    "0": False,
    "noteligible": False,
    "ineligible": False,
}


def _parse_bool(raw: str, *, label: str) -> Parsed:
    """Yes/No style flags; a blank cell is False."""
    value = _BOOLEANS.get(normalise_header(raw))
    if value is None:
        return None, f'{label} value "{raw}" is not recognised (use Yes or No)'
    return value, None


_GENDERS = {
    "f": "Female",
    "female": "Female",
    "girl": "Female",
    "m": "Male",
    "male": "Male",
    "boy": "Male",
}


def _parse_gender(raw: str) -> Parsed:
    """Female/Male, otherwise the file's own wording title-cased; blank is None."""
    text = _collapse(raw)
    if not text:
        return None, None
    return _GENDERS.get(text.casefold(), text.title()), None


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _parse_email(raw: str) -> Parsed:
    """An email address, lower-cased; blank is None."""
    text = raw.strip().lower()
    if not text:
        return None, None
    if len(text) > 254 or not _EMAIL.match(text):
        return None, f'email "{raw}" is not an email address'
    return text, None


# --- rows -----------------------------------------------------------------

Parser = Callable[[str], Parsed]

_ABSENT_DEFAULTS: dict[str, Any] = {"sen_status": "N"}


def _field_parsers(today: datetime.date) -> dict[str, Parser]:
    """One parser per RosterRow field, in the order problems are reported."""
    return {
        "upn": parse_upn,
        "uln": _parse_uln,
        "legal_first_name": partial(_parse_required_name, what="first name"),
        "legal_last_name": partial(_parse_required_name, what="last name"),
        "preferred_first_name": _parse_optional_text,
        "preferred_last_name": _parse_optional_text,
        "date_of_birth": partial(_parse_dob, today=today),
        "year_group": _parse_year_group,
        "tutor_group": _parse_optional_text,
        "sen_status": _parse_sen,
        "fsm": partial(_parse_bool, label="FSM"),
        "pupil_premium": partial(_parse_bool, label="pupil premium"),
        "looked_after": partial(_parse_bool, label="looked after"),
        "gender": _parse_gender,
        "external_id": _parse_optional_text,
        "email": _parse_email,
    }


@dataclass
class _Candidate:
    """A row being parsed, before duplicates are known."""

    line: int
    values: dict[str, Any]
    problems: list[str]

    @property
    def name(self) -> str | None:
        parts = [self.values["legal_first_name"], self.values["legal_last_name"]]
        return " ".join(p for p in parts if p) or None


def _parse_row(
    line: int, cells: list[str], indexes: dict[str, int], parsers: dict[str, Parser]
) -> _Candidate:
    """Run every field parser over one record."""
    candidate = _Candidate(line, {}, [])
    for field, parser in parsers.items():
        index = indexes.get(field)
        if index is None:
            candidate.values[field] = _ABSENT_DEFAULTS.get(field)
            continue
        value, problem = parser(cells[index] if index < len(cells) else "")
        candidate.values[field] = value
        if problem:
            candidate.problems.append(problem)
    _drop_unneeded_preferred(candidate.values)
    return candidate


def _drop_unneeded_preferred(values: dict[str, Any]) -> None:
    """A preferred name equal to the legal one (ignoring case) is None."""
    for part in ("first", "last"):
        preferred = values[f"preferred_{part}_name"]
        legal = values[f"legal_{part}_name"]
        if preferred and legal and preferred.casefold() == legal.casefold():
            values[f"preferred_{part}_name"] = None


def _flag_duplicates(candidates: list[_Candidate]) -> None:
    """Add a problem to every row whose UPN, or email, appears more than once."""
    lines_by_upn: dict[str, list[int]] = {}
    for candidate in candidates:
        if upn := candidate.values["upn"]:
            lines_by_upn.setdefault(upn, []).append(candidate.line)
    for candidate in candidates:
        upn = candidate.values["upn"]
        lines = lines_by_upn.get(upn) if upn else None
        if lines and len(lines) > 1:
            candidate.problems.append(
                f"UPN {upn} appears more than once in this file (lines {_and_list(lines)})"
            )
    lines_by_email: dict[str, list[int]] = {}
    for candidate in candidates:
        if email := candidate.values.get("email"):
            lines_by_email.setdefault(email, []).append(candidate.line)
    for candidate in candidates:
        lines = lines_by_email.get(candidate.values.get("email") or "")
        if lines and len(lines) > 1:
            candidate.problems.append(
                f"email {candidate.values['email']} appears more than once in this file "
                f"(lines {_and_list(lines)})"
            )


def _to_result(candidate: _Candidate) -> RosterRow | Rejection:
    """A RosterRow if the candidate has no problems, else a Rejection."""
    if not candidate.problems:
        return RosterRow(line=candidate.line, **candidate.values)
    return Rejection(
        line=candidate.line,
        reason="; ".join(candidate.problems),
        upn=candidate.values["upn"],
        name=candidate.name,
    )


def parse_roster(data: bytes, *, today: datetime.date | None = None) -> ParsedRoster:
    """Parse a roster CSV export into valid rows and plain-English rejections.

    Raises RosterFileError if the file cannot be read at all or lacks a
    UPN, first name, last name, date of birth or year group column.
    """
    records = read_records(decode(data))
    if not records:
        raise RosterFileError("The file has no header row (it contains no data).")
    (_, headers), body = records[0], records[1:]
    indexes, unmapped = _map_headers(headers)
    _require_columns(indexes, headers)
    parsers = _field_parsers(today or datetime.date.today())
    candidates = [_parse_row(line, cells, indexes, parsers) for line, cells in body]
    _flag_duplicates(candidates)
    results = [_to_result(candidate) for candidate in candidates]
    return ParsedRoster(
        rows=[r for r in results if isinstance(r, RosterRow)],
        rejections=[r for r in results if isinstance(r, Rejection)],
        columns={field: headers[index] for field, index in indexes.items()},
        unmapped_headers=unmapped,
    )
