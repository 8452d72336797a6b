"""Attendance from a CSV sign-in sheet: UPN, or name and date of birth; a preview that reports
every row that matched nobody; nothing saved until confirmed; only pupils on the list."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.programme import sheet
from journal.programme.models import ProgrammeAttendance

from .support import activity_form
from .test_activities import _activity


def _upload(client, activity, text: str):
    return client.post(
        f"/programme/activities/{activity.id}/import",
        data={"sheet": (io.BytesIO(text.encode("utf-8")), "sheet.csv")},
        content_type="multipart/form-data",
    )


@pytest.fixture
def activity(client, login, s):
    login(s.leader)
    client.post("/programme/new", data=activity_form())
    return _activity()


def test_a_sheet_is_previewed_with_every_unmatched_row_then_confirmed(client, s, activity):
    ava, ben = s.year10[0], s.year10[1]
    ida = s.year11[0]  # on the roll, not in Year 10
    text = (
        "UPN,Forename,Surname,DOB\n"
        f"{ava.upn},,,\n"
        f",{ben.legal_first_name},{ben.legal_last_name},{ben.date_of_birth:%d/%m/%Y}\n"
        "A123456789012,,,\n"
        f"{ida.upn},,,\n"
        ",Nobody,Known,01/01/2011\n"
        ",Cal,Y2,31/02/2011\n"
        f"{ava.upn},,,\n"
    )
    response = _upload(client, activity, text)
    assert response.status_code == 200
    page = response.text
    assert "7 rows: 2 matched a pupil, 4 did not, 1 named a pupil twice" in page
    for reason in (
        "A123456789012",  # not a valid UPN: said why
        "this pupil is not in the group the activity was for",
        "no pupil in the activity&#39;s group with this name born on 1 January 2011",
        "is not a date",
    ):
        assert reason in page, reason
    assert db.session.scalar(select(func.count()).select_from(ProgrammeAttendance)) == 0

    response = client.post(
        f"/programme/activities/{activity.id}/import/confirm",
        data={"pupil": [ava.id, ben.id, ida.id]},  # Ida is not on the list: ignored
    )
    assert response.status_code == 302
    db.session.expire_all()
    rows = set(db.session.scalars(select(ProgrammeAttendance.pupil_id)))
    assert rows == {ava.id, ben.id}
    assert db.session.scalar(select(func.count()).select_from(Entry)) == 2


def test_a_file_that_cannot_be_used_is_said_beside_the_field(client, s, activity):
    response = _upload(client, activity, "Colour,Shape\nred,square\n")
    assert response.status_code == 422
    assert "needs a UPN column, or name and date of birth columns" in response.text
    response = client.post(f"/programme/activities/{activity.id}/import", data={})
    assert response.status_code == 422 and "Choose the CSV file" in response.text


def test_an_import_adds_to_attendance_and_leaves_others_alone(client, s, activity):
    ids = [p.id for p in s.year10]
    client.post(
        f"/programme/activities/{activity.id}/attendance",
        data={"listed": ids, "present": ids[:2]},
    )
    _upload(client, activity, f"UPN\n{s.year10[5].upn}\n")
    client.post(f"/programme/activities/{activity.id}/import/confirm", data={"pupil": ids[5]})
    db.session.expire_all()
    rows = set(db.session.scalars(select(ProgrammeAttendance.pupil_id)))
    assert rows == {ids[0], ids[1], ids[5]}


def test_parse_reads_semicolons_and_a_single_name_column():
    rows = sheet.parse(b"Name;Date of birth\nAva Y0;2011-05-04\n")
    assert rows[0].name == "Ava Y0" and rows[0].dob.isoformat() == "2011-05-04"
    with pytest.raises(sheet.SheetError):
        sheet.parse(b"")
