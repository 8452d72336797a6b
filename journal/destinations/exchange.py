"""Destinations exchanged with the local authority as CSV: the export of intended and actual
destinations, and the import of the authority's updates matched by UPN (with a preview, every
rejected row reported, and nothing added twice). The layouts are in
``docs/destinations-exchange.md``.

The file reading (encodings, delimiters, UPN check) is the roster import's
(``journal.schools.roster``), so both files behave the same way.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from sqlalchemy import select

from journal.accounts.models import User
from journal.audit.operations import record
from journal.calendar import destination_checkpoints, today, utcnow
from journal.csvfiles import (
    CsvFileError,
    date_parts,
    decode,
    parse_upn,
    read_records,
)
from journal.extensions import db
from journal.reference import destinations
from journal.schools.models import Pupil, School

from .models import GUARANTEE_STATUSES, STAGES, DestinationRecord
from .queries import CHECKPOINTS, current_records, nccis_label, passport_intentions

# --- export -----------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "UPN",
    "Legal surname",
    "Legal forename",
    "Date of birth",
    "Year group",
    "Leaving date",
    "Stage",
    "Stage due date",
    "NCCIS code",
    "Activity",
    "September Guarantee",
    "Provider or employer",
    "Effective date",
    "Source",
    "Recorded on",
)
EXPORT_STAGES = (*STAGES, "passport_16", "passport_18")
RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell a spreadsheet will not run as a formula: text starting with = + - @ (or a tab or
    carriage return) gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(RISKY_START) else text


def export_csv(school: School, *, by: User) -> str:
    """Every pupil's current intended and actual destinations, one row per pupil and stage
    (three queries, audited). Pupils' own passport choices that staff have not confirmed yet
    are included as stages ``passport_16``/``passport_18``."""
    pupils = list(
        db.session.scalars(
            select(Pupil)
            .where(Pupil.school_id == school.id)
            .order_by(Pupil.legal_last_name, Pupil.legal_first_name, Pupil.id)
        )
    )
    current = current_records([p.id for p in pupils])
    chosen = passport_intentions(school.id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    rows = 0
    for pupil in pupils:
        for values in _pupil_rows(pupil, current.get(pupil.id, {}), chosen.get(pupil.id, {})):
            writer.writerow([safe_cell(v) for v in values])
            rows += 1
    record("destinations_exported", actor=by, school_id=school.id, rows=rows)
    return out.getvalue()


def _pupil_rows(pupil: Pupil, current: dict, chosen: dict):
    due = (
        dict(zip(CHECKPOINTS, destination_checkpoints(pupil.left_on), strict=True))
        if pupil.left_on
        else {}
    )
    person = (
        pupil.upn,
        pupil.legal_last_name,
        pupil.legal_first_name,
        pupil.date_of_birth.isoformat(),
        pupil.year_group,
        pupil.left_on.isoformat() if pupil.left_on else "",
    )
    for stage in STAGES:
        row = current.get(stage)
        if row is not None:
            yield (
                *person,
                stage,
                due[stage].isoformat() if stage in due else "",
                row.activity_code or "",
                nccis_label(row.activity_code) if row.activity_code else "",
                GUARANTEE_STATUSES.get(row.guarantee_status or "", ""),
                row.provider,
                row.effective_on.isoformat() if row.effective_on else "",
                row.source,
                row.recorded_at.date().isoformat(),
            )
    for passport_stage, intended in sorted(chosen.items()):
        if f"intended_{passport_stage}" in current:
            continue
        code = intended.category if intended.category in destinations.ACTIVITIES else ""
        yield (
            *person,
            f"passport_{passport_stage}",
            "",
            code,
            destinations.activity_label(intended.category),
            "",
            intended.detail,
            "",
            "pupil",
            intended.created_at.date().isoformat(),
        )


# --- import -----------------------------------------------------------------------------------

_ALIASES = {
    "upn": {"upn", "uniquepupilnumber", "pupilupn"},
    "code": {"nccis", "nccis code", "nccis activity code", "activity code", "activity", "code"},
    "date": {"date", "effective date", "activity date", "start date", "date of activity"},
    "stage": {"stage", "checkpoint"},
    "provider": {"provider", "employer", "provider or employer", "provider name"},
}
_STAGE_WORDS = {
    "leaving": "leaving",
    "on leaving": "leaving",
    "destination on leaving": "leaving",
    **{f"checkpoint {n}": f"checkpoint_{n}" for n in (1, 2, 3)},
    **{str(n): f"checkpoint_{n}" for n in (1, 2, 3)},
}
NEAR_CHECKPOINT_DAYS = 183  # a report within six months before a checkpoint counts for it


class ExchangeFileError(Exception):
    """The file could not be read at all (not CSV, or no UPN, code or date column)."""


@dataclass
class ImportRow:
    line: int
    pupil: Pupil
    stage: str
    code: str
    effective_on: datetime.date
    provider: str


@dataclass
class Problem:
    line: int
    upn: str
    reason: str


@dataclass
class ImportPlan:
    """What importing the file would do: rows to add, rows already recorded, rows rejected."""

    adds: list[ImportRow] = field(default_factory=list)
    already: list[Problem] = field(default_factory=list)
    rejections: list[Problem] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"{len(self.adds)} added, {len(self.already)} already recorded, "
            f"{len(self.rejections)} rejected"
        )


def _header_key(header: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", header.lower()).split())


def _columns(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _header_key(header)
        for name, aliases in _ALIASES.items():
            if (key in aliases or key.replace(" ", "") in aliases) and name not in found:
                found[name] = index
    missing = [label for name, label in _REQUIRED.items() if name not in found]
    if missing:
        raise ExchangeFileError(
            "The file needs a column for each of: UPN, NCCIS code, date. Missing: "
            + ", ".join(missing)
            + "."
        )
    return found


_REQUIRED = {"upn": "UPN", "code": "NCCIS code", "date": "date"}


def read_rows(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line, {column: cell}) for each record of the file, or ExchangeFileError."""
    try:
        records = read_records(decode(data))
    except CsvFileError as problem:
        raise ExchangeFileError(str(problem)) from problem
    if not records:
        raise ExchangeFileError("The file is empty.")
    (_, headers), body = records[0], records[1:]
    columns = _columns(headers)
    return [
        (line, {name: (cells[i] if i < len(cells) else "") for name, i in columns.items()})
        for line, cells in body
    ]


def _parse_date(raw: str, on: datetime.date) -> tuple[datetime.date | None, str | None]:
    if not raw:
        return None, "missing date"
    parts = date_parts(raw.split(" ")[0].split("T")[0])
    try:
        day = datetime.date(*parts) if parts else None
    except ValueError:
        day = None
    if day is None:
        return None, f"date {raw!r} is not a date (use 2026-11-01 or 01/11/2026)"
    if day > on:
        return None, f"date {day.isoformat()} is in the future"
    return day, None


def _stage_for(pupil: Pupil, raw: str, day: datetime.date) -> tuple[str | None, str | None]:
    """The stage a row is about: as given, or worked out from the leaving date and the day."""
    if raw:
        stage = _STAGE_WORDS.get(_header_key(raw).replace("_", " "))
        if stage is None and _header_key(raw).replace(" ", "_") in (*CHECKPOINTS, "leaving"):
            stage = _header_key(raw).replace(" ", "_")
        if stage is None:
            return None, f"stage {raw!r} is not one of: leaving, checkpoint 1, 2 or 3"
        if pupil.left_on is None:
            return None, "this pupil has no leaving date at the school yet (record it first)"
        return stage, None
    if pupil.left_on is None:
        return None, (
            "this pupil has no leaving date at the school, so the checkpoint is unclear "
            "(record their leaving date, or add a Stage column)"
        )
    stage = "leaving"
    for name, due in zip(CHECKPOINTS, destination_checkpoints(pupil.left_on), strict=True):
        if day >= due - datetime.timedelta(days=NEAR_CHECKPOINT_DAYS):
            stage = name
    return stage, None


def plan_import(school: School, data: bytes, *, on: datetime.date | None = None) -> ImportPlan:
    """Check every row against the school's pupils (two queries whatever the file's size).

    A UPN that belongs to another school in the same deployment is reported exactly like one
    that exists nowhere: a school must not learn who is on another school's roll."""
    on = on or today()
    rows = read_rows(data)
    upns = {parse_upn(cells["upn"])[0] for _, cells in rows} - {None}
    ours = {
        p.upn: p
        for p in db.session.scalars(
            select(Pupil).where(Pupil.school_id == school.id, Pupil.upn.in_(upns))
        )
    }
    seen = _already_recorded([p.id for p in ours.values()])
    plan = ImportPlan()
    for line, cells in rows:
        _plan_row(plan, line, cells, ours, seen, on)
    return plan


def _already_recorded(pupil_ids: list[int]) -> set[tuple]:
    if not pupil_ids:
        return set()
    return {
        (r.pupil_id, r.stage, r.activity_code, r.effective_on, r.provider.casefold())
        for r in db.session.scalars(
            select(DestinationRecord).where(
                DestinationRecord.pupil_id.in_(pupil_ids),
                DestinationRecord.source == "local_authority",
            )
        )
    }


def _plan_row(plan, line, cells, ours, seen, on) -> None:
    upn, upn_problem = parse_upn(cells["upn"])
    shown = upn or cells["upn"]
    problems = [upn_problem] if upn_problem else []
    pupil = ours.get(upn) if not upn_problem else None
    if not upn_problem and pupil is None:
        problems.append(f"unknown UPN: no pupil here has UPN {upn}")
    code = cells["code"].strip()
    if code not in destinations.ACTIVITIES:
        problems.append(
            f"NCCIS code {code!r} is not a known activity code" if code else "missing NCCIS code"
        )
    day, date_problem = _parse_date(cells["date"].strip(), on)
    if date_problem:
        problems.append(date_problem)
    stage = None
    if pupil is not None and day is not None:
        stage, stage_problem = _stage_for(pupil, cells.get("stage", "").strip(), day)
        if stage_problem:
            problems.append(stage_problem)
    if problems:
        plan.rejections.append(Problem(line, shown, "; ".join(problems)))
        return
    provider = " ".join(cells.get("provider", "").split())[:200]
    key = (pupil.id, stage, code, day, provider.casefold())
    if key in seen:
        plan.already.append(Problem(line, shown, "already recorded from the local authority"))
        return
    seen.add(key)
    plan.adds.append(ImportRow(line, pupil, stage, code, day, provider))


def apply_import(school: School, plan: ImportPlan, *, by: User, filename: str = "") -> None:
    """Add the planned records (source local authority) in one flush, audited once."""
    note = f"Imported from the local authority's file {filename[:100]}".strip()
    db.session.add_all(
        DestinationRecord(
            pupil_id=row.pupil.id,
            stage=row.stage,
            activity_code=row.code,
            provider=row.provider,
            effective_on=row.effective_on,
            source="local_authority",
            note=f"{note}, line {row.line}.",
            recorded_by_id=by.id,
            recorded_at=utcnow(),
        )
        for row in plan.adds
    )
    db.session.flush()
    record(
        "destinations_imported",
        actor=by,
        school_id=school.id,
        filename=filename[:200],
        added=len(plan.adds),
        already=len(plan.already),
        rejected=len(plan.rejections),
    )
