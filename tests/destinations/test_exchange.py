"""The CSV exchange with the local authority: the export's content and safety, the import's
preview, its rejected rows with reasons, and that importing twice adds nothing twice."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from markupsafe import escape
from sqlalchemy import func, select

from journal.destinations import exchange, operations
from journal.destinations.models import DestinationRecord
from journal.extensions import db
from journal.passport.plans.operations import set_intended_destination
from tests.factories import valid_upn
from tests.support import audit_actions, counting_queries


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_export_has_intended_and_actual_destinations(client, login, adviser, pupil, leaver):
    set_intended_destination(pupil, "16", "210", "", pupil.user)
    operations.record_destination(
        leaver,
        "leaving",
        by=adviser,
        source="staff",
        activity_code="230",
        provider='=HYPERLINK("http://x")',
        effective_on=date(2025, 9, 4),
    )
    operations.record_destination(
        leaver, "checkpoint_1", by=adviser, source="local_authority", activity_code="619"
    )
    db.session.commit()
    login(adviser)
    response = client.get("/destinations/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = _rows(response.get_data(as_text=True))
    by_stage = {(r["UPN"], r["Stage"]): r for r in rows}
    leaving = by_stage[(leaver.upn, "leaving")]
    assert leaving["Legal surname"] == "Mensah"
    assert leaving["Date of birth"] == leaver.date_of_birth.isoformat()
    assert leaving["NCCIS code"] == "230" and leaving["Effective date"] == "2025-09-04"
    assert leaving["Leaving date"] == "2025-07-18"
    assert leaving["Provider or employer"].startswith("'=")  # not a formula in a spreadsheet
    assert by_stage[(leaver.upn, "checkpoint_1")]["Stage due date"] == "2026-11-01"
    assert by_stage[(pupil.upn, "passport_16")]["NCCIS code"] == "210"
    assert audit_actions("destinations_exported")[0].detail["rows"] == len(rows)


def test_safe_cell_prefixes_every_risky_start():
    for risky in ("=1+1", "+44", "-3", "@SUM(A1)"):
        assert exchange.safe_cell(risky) == "'" + risky
    assert exchange.safe_cell("Riverside") == "Riverside"


def test_export_needs_a_fixed_number_of_queries(client, login, adviser, make, school):
    for n in range(6):
        p = make.pupil(school, None, first=f"P{n}", left_on=date(2024, 7, 1))
        operations.record_destination(p, "leaving", by=adviser, source="staff", activity_code="230")
    db.session.commit()
    login(adviser)
    with counting_queries() as statements:
        client.get("/destinations/export.csv")
    few = len(statements)
    for n in range(6):
        p = make.pupil(school, None, first=f"Q{n}", left_on=date(2024, 7, 1))
        operations.record_destination(p, "leaving", by=adviser, source="staff", activity_code="310")
    db.session.commit()
    with counting_queries() as statements:
        client.get("/destinations/export.csv")
    assert len(statements) == few


def _upload(client, text: str, name: str = "la.csv"):
    return client.post(
        "/destinations/import",
        data={"file": (io.BytesIO(text.encode()), name)},
        content_type="multipart/form-data",
    )


def test_import_rejects_each_bad_row_with_its_reason(client, login, adviser, leaver, pupil, make):
    elsewhere = make.pupil(make.school("Elsewhere"), None, first="Rita", upn=valid_upn(901))
    db.session.commit()
    unknown = valid_upn(902)
    text = "\n".join(
        [
            "UPN,NCCIS code,Date,Provider",
            f"{leaver.upn},310,2026-10-20,Northern Rail",
            f"{unknown},230,2026-10-01,",
            f"{elsewhere.upn},230,2026-10-01,",
            f"{leaver.upn},999,2026-10-01,",
            f"{leaver.upn},230,31/02/2026,",
            f"{leaver.upn},230,2099-01-01,",
            f"{pupil.upn},230,2026-10-01,",
            "A12345678901,230,2026-10-01,",
            f"{leaver.upn},,,",
        ]
    )
    login(adviser)
    page = _upload(client, text)
    assert page.status_code == 200
    plan = exchange.plan_import(leaver.school, text.encode(), on=date(2026, 11, 23))
    reasons = {r.line: r.reason for r in plan.rejections}
    assert "unknown UPN" in reasons[3]
    # another school's pupil looks exactly like a UPN that exists nowhere
    assert reasons[4] == f"unknown UPN: no pupil here has UPN {elsewhere.upn}"
    assert "NCCIS code '999' is not a known activity code" in reasons[5]
    assert "is not a date" in reasons[6]
    assert "in the future" in reasons[7]
    assert "no leaving date" in reasons[8]
    assert "UPN" in reasons[9]
    assert "missing NCCIS code" in reasons[10] and "missing date" in reasons[10]
    assert len(plan.rejections) == 8
    for reason in reasons.values():
        assert str(escape(reason)) in page.text
    [row] = plan.adds
    assert (row.pupil.id, row.stage, row.code) == (leaver.id, "checkpoint_1", "310")
    assert db.session.scalar(select(func.count(DestinationRecord.id))) == 0  # preview only


def test_importing_the_same_file_twice_adds_nothing_twice(client, login, adviser, leaver):
    text = (
        f"UPN;Activity code;Date;Stage\n{leaver.upn};230;2025-09-05;leaving\n"
        f"{leaver.upn};310;01/10/2026;checkpoint 1\n"
    )
    login(adviser)
    preview = _upload(client, text)
    key = re.search(r'name="upload" type="hidden" value="([0-9a-f]{64})"', preview.text)[1]
    confirm = {"upload": key, "filename": "la.csv"}
    done = client.post("/destinations/import/confirm", data=confirm)
    assert done.status_code == 200 and "2 added" in done.text

    again = _upload(client, text)
    assert "Nothing to add from this file" in again.text
    assert "already recorded from the local authority" in again.text
    # the same confirmation sent twice (a double click, a replayed form) adds nothing either
    replay = client.post("/destinations/import/confirm", data=confirm)
    assert "0 added, 2 already recorded" in replay.text
    rows = db.session.scalars(select(DestinationRecord).order_by(DestinationRecord.id)).all()
    assert [(r.stage, r.activity_code, r.source) for r in rows] == [
        ("leaving", "230", "local_authority"),
        ("checkpoint_1", "310", "local_authority"),
    ]
    assert audit_actions("destinations_imported")[0].detail["added"] == 2


def test_a_file_without_the_needed_columns_is_refused_beside_the_field(client, login, adviser):
    login(adviser)
    page = _upload(client, "Name,Thing\nA,B\n")
    assert page.status_code == 422
    assert "Missing: UPN, NCCIS code, date" in page.text


def test_import_preview_runs_a_fixed_number_of_queries(adviser, leaver, make, school):
    def plan_for(count):
        lines = ["UPN,NCCIS code,Date"]
        for n in range(count):
            p = make.pupil(school, None, first=f"L{n}", left_on=date(2024, 7, 1))
            lines.append(f"{p.upn},230,2025-09-0{1 + n % 9}")
        db.session.commit()
        with counting_queries() as statements:
            plan = exchange.plan_import(school, "\n".join(lines).encode())
        assert len(plan.adds) == count
        return len(statements)

    assert plan_for(3) == plan_for(12)
