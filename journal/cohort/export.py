"""A gap list as a CSV file for a spreadsheet, safe to open: a cell that a spreadsheet would
run as a formula (starting with =, +, -, @, a tab or a carriage return) gets a leading
apostrophe, as OWASP recommends."""

from __future__ import annotations

import csv
import io

from journal.calendar import year_group_label
from journal.milestones.coverage import Measure, PupilCoverage
from journal.schools.models import SEN_STATUSES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ("UPN", "First name", "Last name", "Year", "Tutor group", "SEND", "Missing")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def gap_csv(measure: Measure, pupils: list[PupilCoverage]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for p in pupils:
        writer.writerow(
            safe_cell(v)
            for v in (
                p.upn,
                p.first_name,
                p.last_name,
                year_group_label(p.year_group),
                p.tutor_group or "",
                SEN_STATUSES.get(p.sen_status, p.sen_status),
                measure.missing,
            )
        )
    return out.getvalue()
