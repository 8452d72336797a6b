"""The roster import through the real admin pages: upload, preview, confirm."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from stdnum.gb import upn as upn_lib

from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from journal.schools.models import Pupil, TutorGroup

ARBOR_SAMPLE = Path("/work/shared/domain/examples/roster-arbor-style.csv")
ARBOR_BYTES = ARBOR_SAMPLE.read_bytes()
ARBOR_HEADER = (
    "Student ID,UPN,First Name,Last Name,Date of Birth,Gender,Year Group,"
    "Registration Form,SEN Status,Free School Meals"
)
SIMS_HEADER = (
    "UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,"
    "DOB,Gender,Year,Reg,SEN Status,FSM Eligible"
)
# The sample's pupils: UPN -> (first name, last name, year, tutor group, SEN status, FSM).
ARBOR_PUPILS = {
    "C886200119563": ("Aisha", "Begum", 8, "8H", "K", True),
    "F886200120986": ("Tom", "Walker", 10, "10W", "N", False),
    "A886200121673": ("Maya", "Patel", 11, "11P", "E", False),
    "D886200122977": ("Callum", "McGregor", 12, "12M", "N", True),
    "M886200119899": ("Sofia", "Rossi", 7, "7R", "K", False),
    "V886200120576": ("Ethan", "Lee", 13, "13L", "E", True),
}


def make_upn(serial: int, la: int = 886, school: int = 4001, year: int = 12) -> str:
    body = f"{la:03d}{school:04d}{year:02d}{serial:03d}"
    return upn_lib.calc_check_digit(body) + body


def wrong_check_letter(number: str) -> str:
    return ("B" if number[0] != "B" else "C") + number[1:]


# --- helpers ---------------------------------------------------------------------------------


def upload(client, data: bytes, filename: str = "roster.csv"):
    return client.post(
        "/admin/roster",
        data={"roster": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def upload_key(response) -> str:
    match = re.search(r'<input[^>]*name="upload"[^>]*value="([0-9a-f]{64})"', response.text)
    if match is None:
        match = re.search(r'<input[^>]*value="([0-9a-f]{64})"[^>]*name="upload"', response.text)
    assert match, "the preview has no confirm form"
    return match[1]


def confirm(client, key: str, filename: str = "roster.csv"):
    return client.post("/admin/roster/confirm", data={"upload": key, "filename": filename})


def summary(response) -> dict[str, int]:
    """The preview's four counts."""
    text = response.text
    counts = {}
    for key, label in (
        ("new", "new pupils"),
        ("updated", "to update"),
        ("unchanged", "unchanged"),
        ("rejected", "rows rejected"),
    ):
        match = re.search(rf"<strong>(\d+)</strong> {label}", text)
        assert match, f"no {label!r} count in the preview"
        counts[key] = int(match[1])
    return counts


def rejected_rows(response) -> dict[int, str]:
    """Line number -> reason, from the preview's table of rejected rows."""
    text = response.text
    start = text.index('id="rejected"')
    table = text[start : text.index("</table>", start)]
    rows = re.findall(r"<tr><td>(\d+)</td><td>.*?</td><td>(.*?)</td></tr>", table, re.S)
    return {int(line): html.unescape(reason) for line, reason in rows}


def field_error(response) -> str:
    match = re.search(r'<p class="error" id="roster-error">(.*?)</p>', response.text, re.S)
    assert match, "no error beside the file field"
    return html.unescape(re.sub(r"<[^>]+>", "", match[1]))


def import_file(client, data: bytes, filename: str = "roster.csv") -> dict[str, int]:
    """Upload, check the preview, confirm; the preview's counts."""
    preview = upload(client, data, filename)
    assert preview.status_code == 200, preview.text
    counts = summary(preview)
    done = confirm(client, upload_key(preview), filename)
    assert done.status_code == 200
    assert "Roster imported" in done.text
    return counts


def pupils_of(school) -> dict[str, Pupil]:
    db.session.expire_all()
    return {p.upn: p for p in db.session.scalars(select(Pupil).where(Pupil.school_id == school.id))}


def csv_bytes(header: str, *rows: str, newline: str = "\n", bom: bool = False) -> bytes:
    text = newline.join([header, *rows]) + newline
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def arbor_with(replacements: dict[str, str]) -> bytes:
    text = ARBOR_BYTES.decode()
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    return text.encode()


@contextmanager
def statements():
    """Every SQL statement sent to the database inside the block."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, _parameters, _context, _executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def generated_roster(count: int, *, year_offset: int = 0) -> bytes:
    rows = []
    for serial in range(count):
        year = 7 + (serial + year_offset) % 7
        rows.append(
            f"S{serial},{make_upn(serial % 1000, school=4100 + serial // 1000)},"
            f"First{serial},Last{serial},2011-05-0{1 + serial % 9},Female,"
            f"Year {year},{year}A,N,No"
        )
    return csv_bytes(ARBOR_HEADER, *rows)


@pytest.fixture
def school(make):
    return make.school("Riverside Academy")


@pytest.fixture
def admin(make, school, client, login):
    admin = make.user(school, Role.SCHOOL_ADMIN, name="Pat Green")
    db.session.commit()
    login(admin)
    return admin


# --- the sample file, end to end -------------------------------------------------------------


def test_upload_page_renders_for_an_admin(client, admin):
    response = client.get("/admin/roster")
    assert response.status_code == 200
    assert 'type="file"' in response.text
    assert 'enctype="multipart/form-data"' in response.text


def test_arbor_sample_previews_then_imports_six_pupils(client, admin, school):
    preview = upload(client, ARBOR_BYTES, "roster-arbor-style.csv")
    assert preview.status_code == 200
    assert summary(preview) == {"new": 6, "updated": 0, "unchanged": 0, "rejected": 0}
    assert "roster-arbor-style.csv" in preview.text
    for first, last, *_ in ARBOR_PUPILS.values():
        assert f"{first} {last}" in preview.text
    assert "Import 6 new and 0 updated pupils" in preview.text
    assert pupils_of(school) == {}, "the preview saves nothing"

    done = confirm(client, upload_key(preview))
    assert done.status_code == 200
    assert "imported 6, updated 0, unchanged 0, rejected 0" in done.text.lower()

    pupils = pupils_of(school)
    assert set(pupils) == set(ARBOR_PUPILS)
    for upn, (first, last, year, group, sen, fsm) in ARBOR_PUPILS.items():
        pupil = pupils[upn]
        assert (pupil.legal_first_name, pupil.legal_last_name) == (first, last)
        assert pupil.year_group == year
        assert pupil.tutor_group is not None
        assert pupil.tutor_group.name == group
        assert pupil.tutor_group.school_id == school.id
        assert pupil.tutor_group.year_group == year
        assert pupil.sen_status == sen
        assert pupil.fsm is fsm
        assert pupil.user is not None
        assert pupil.user.is_pupil and pupil.user.school_id == school.id
        assert pupil.user.display_name == f"{first} {last}"
        assert pupil.user.password_hash is None
    assert pupils["C886200119563"].date_of_birth == date(2012, 2, 10)
    assert pupils["C886200119563"].mis_id == "S500"
    assert pupils["C886200119563"].user.username == "aisha.begum"
    groups = db.session.scalars(select(TutorGroup.name).where(TutorGroup.school_id == school.id))
    assert sorted(groups) == sorted(g for *_, g, _s, _f in ARBOR_PUPILS.values())


def test_the_same_file_again_changes_nothing(client, admin, school):
    import_file(client, ARBOR_BYTES)
    before = {
        upn: (p.id, p.user_id, p.tutor_group_id, p.updated_at)
        for upn, p in pupils_of(school).items()
    }
    users_before = db.session.scalar(select(func.count(User.id)))

    preview = upload(client, ARBOR_BYTES)
    assert summary(preview) == {"new": 0, "updated": 0, "unchanged": 6, "rejected": 0}
    assert "Nothing to import" in preview.text
    assert 'name="upload"' not in preview.text, "no confirm button when nothing would change"

    # Confirming anyway (an old tab, a double click) still changes nothing.
    done = confirm(client, hashlib.sha256(ARBOR_BYTES).hexdigest())
    assert done.status_code == 200
    assert "imported 0, updated 0, unchanged 6, rejected 0" in done.text.lower()
    after = {
        upn: (p.id, p.user_id, p.tutor_group_id, p.updated_at)
        for upn, p in pupils_of(school).items()
    }
    assert after == before
    assert db.session.scalar(select(func.count(User.id))) == users_before


def test_an_updated_file_updates_by_upn_and_never_duplicates(client, admin, school):
    import_file(client, ARBOR_BYTES)
    ids = {upn: p.id for upn, p in pupils_of(school).items()}
    updated = arbor_with(
        {
            "Tom,Walker,2010-06-21,Male,Year 10,10W": "Tom,Walker,2010-06-21,Male,Year 11,11W",
            "S504,M886200119899,Sofia,Rossi": "S504,M886200119899,Sophia,Rossi",
        }
    )

    preview = upload(client, updated)
    assert summary(preview) == {"new": 0, "updated": 2, "unchanged": 4, "rejected": 0}
    assert "10W → 11W" in preview.text
    assert "Sofia → Sophia" in preview.text
    assert "New tutor groups: 11W" in preview.text
    confirm(client, upload_key(preview))

    pupils = pupils_of(school)
    assert {upn: p.id for upn, p in pupils.items()} == ids, "same pupils, none added"
    tom, sophia = pupils["F886200120986"], pupils["M886200119899"]
    assert tom.year_group == 11
    assert tom.tutor_group.name == "11W"
    assert tom.tutor_group.year_group == 11
    assert sophia.legal_first_name == "Sophia"
    assert sophia.user.display_name == "Sophia Rossi", "the account shows the new name"
    assert db.session.scalar(select(func.count(Pupil.id))) == 6


def test_a_renamed_pupil_sees_their_new_name_when_they_sign_in(client, admin, school, login):
    import_file(client, ARBOR_BYTES)
    import_file(client, arbor_with({"Sofia,Rossi": "Sophia,Rossi"}))
    sophia = pupils_of(school)["M886200119899"]
    login(sophia.user)
    page = client.get("/")
    assert "Sophia" in page.text
    assert "Sofia" not in page.text


def test_sims_style_file_with_bom_and_crlf(client, admin, school):
    upn1, upn2, upn3 = make_upn(1), make_upn(2, la=202), make_upn(3, la=330)
    data = csv_bytes(
        SIMS_HEADER,
        f"{upn1},Smith,Jonathan,,Jon,14/03/2011,M,10,10W,N,N",
        f"{upn2},O'Brien,Siobhán,,,02/09/2012,F,9,9A,K,Y",
        f"{upn3},Nowak,Zofia,Nowak-Smith,Zofia,28/02/2009,F,12,12N,E,N",
        newline="\r\n",
        bom=True,
    )
    assert summary(upload(client, data)) == {"new": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    import_file(client, data)

    pupils = pupils_of(school)
    jon, siobhan, zofia = pupils[upn1], pupils[upn2], pupils[upn3]
    assert (jon.legal_first_name, jon.preferred_first_name, jon.full_name) == (
        "Jonathan",
        "Jon",
        "Jon Smith",
    )
    assert jon.date_of_birth == date(2011, 3, 14)
    assert (jon.gender, jon.sen_status, jon.fsm) == ("Male", "N", False)
    assert siobhan.legal_first_name == "Siobhán"
    assert (siobhan.sen_status, siobhan.fsm, siobhan.tutor_group.name) == ("K", True, "9A")
    assert zofia.preferred_last_name == "Nowak-Smith"
    assert (zofia.sen_status, zofia.year_group) == ("E", 12)
    assert jon.user.username == "jon.smith"
    assert summary(upload(client, data)) == {"new": 0, "updated": 0, "unchanged": 3, "rejected": 0}


# --- rejected rows ---------------------------------------------------------------------------


def test_bad_rows_are_listed_with_line_and_reason_and_good_rows_import(client, admin, school):
    good1, good2, dup = make_upn(11), make_upn(12), make_upn(13)
    unknown_la_body = "999400125014"
    unknown_la = upn_lib.calc_check_digit(unknown_la_body) + unknown_la_body
    data = csv_bytes(
        SIMS_HEADER,
        f"{good1},Smith,Jonathan,,,14/03/2011,M,10,10W,N,N",  # line 2
        f"{wrong_check_letter(make_upn(14))},Jones,Amy,,,14/03/2011,F,10,10W,N,N",  # 3
        f"{unknown_la},Brown,Ben,,,14/03/2011,M,10,10W,N,N",  # 4
        f"{dup},Khan,Sara,,,14/03/2011,F,10,10W,N,N",  # 5
        f"{dup},Khan,Sarah,,,14/03/2011,F,10,10W,N,N",  # 6
        f"{make_upn(15)},Lee,,,,14/03/2011,M,10,10W,N,N",  # 7: no first name
        f"{make_upn(16)},Wood,Ivy,,,31/02/2011,F,10,10W,N,N",  # 8: no 31 February
        f"{make_upn(17)},Hall,Kai,,,14/03/2011,M,,10W,N,N",  # 9: no year group
        f"{good2},Green,Ruby,,,01/12/2012,F,9,9A,K,Y",  # 10
    )
    preview = upload(client, data)
    assert preview.status_code == 200
    assert summary(preview) == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 7}
    rejected = rejected_rows(preview)
    assert set(rejected) == {3, 4, 5, 6, 7, 8, 9}
    assert "wrong check letter" in rejected[3]
    assert "unknown local-authority code (999)" in rejected[4]
    assert "appears more than once" in rejected[5]
    assert "lines 5 and 6" in rejected[5] and "lines 5 and 6" in rejected[6]
    assert "missing first name" in rejected[7]
    assert "31/02/2011 is not a real date" in rejected[8]
    assert "missing year group" in rejected[9]
    assert "Rejected rows are left out" in preview.text

    done = confirm(client, upload_key(preview))
    assert "imported 2, updated 0, unchanged 0, rejected 7" in done.text.lower()
    assert "wrong check letter" in done.text, "the result page lists the rejected rows too"
    assert set(pupils_of(school)) == {good1, good2}


def test_a_file_with_only_bad_rows_imports_nothing(client, admin, school):
    data = csv_bytes(SIMS_HEADER, f"{make_upn(1)},Smith,,,,14/03/2011,M,10,10W,N,N")
    preview = upload(client, data)
    assert summary(preview) == {"new": 0, "updated": 0, "unchanged": 0, "rejected": 1}
    assert rejected_rows(preview) == {2: "missing first name"}
    assert 'name="upload"' not in preview.text


# --- columns a file lacks ----------------------------------------------------------------------


def test_a_file_without_an_sen_column_keeps_what_we_know(client, admin, school):
    import_file(client, ARBOR_BYTES)
    lines = ARBOR_BYTES.decode().splitlines()
    no_sen = []
    for line in lines:
        cells = next(csv.reader([line]))
        del cells[8]  # SEN Status
        no_sen.append(",".join(f'"{c}"' if "," in c else c for c in cells))
    data = "\n".join(no_sen).replace("Year 10,10W", "Year 11,11W").encode()

    preview = upload(client, data)
    assert summary(preview) == {"new": 0, "updated": 1, "unchanged": 5, "rejected": 0}
    assert "sen status" not in preview.text.lower().split("pupils to update")[-1]
    confirm(client, upload_key(preview))

    pupils = pupils_of(school)
    assert {upn: p.sen_status for upn, p in pupils.items()} == {
        upn: sen for upn, (*_, sen, _fsm) in ARBOR_PUPILS.items()
    }
    assert pupils["F886200120986"].year_group == 11


def test_new_pupils_from_a_file_without_sen_or_fsm_get_defaults(client, admin, school):
    data = csv_bytes("UPN,Forename,Surname,DOB,Year", f"{make_upn(1)},Ann,Bell,2011-03-14,10")
    import_file(client, data)
    pupil = pupils_of(school)[make_upn(1)]
    assert (pupil.sen_status, pupil.fsm, pupil.pupil_premium, pupil.looked_after) == (
        "N",
        False,
        False,
        False,
    )
    assert pupil.tutor_group is None


# --- who may import, and whose pupils ----------------------------------------------------------


@pytest.mark.parametrize("role", [Role.TUTOR, Role.CAREERS_LEADER, Role.PUPIL])
def test_roster_pages_refuse_everyone_but_admins(client, make, login, school, role):
    person = make.pupil(school).user if role is Role.PUPIL else make.user(school, role)
    db.session.commit()
    login(person)
    assert client.get("/admin/roster").status_code == 403
    assert upload(client, ARBOR_BYTES).status_code == 403
    key = hashlib.sha256(ARBOR_BYTES).hexdigest()
    assert confirm(client, key).status_code == 403
    assert db.session.scalar(select(func.count(Pupil.id))) == (1 if role is Role.PUPIL else 0)


def test_roster_pages_send_anonymous_people_to_sign_in(client):
    for response in (
        client.get("/admin/roster"),
        upload(client, ARBOR_BYTES),
        confirm(client, "0" * 64),
    ):
        assert response.status_code == 302
        assert "/sign-in" in response.headers["Location"]


def test_another_schools_pupil_with_the_same_upn_stays_separate(client, admin, school, make):
    elsewhere = make.school("Elsewhere High")
    group = make.group(elsewhere, "10W")
    theirs = make.pupil(elsewhere, group, first="Thomas", last="Walker", upn="F886200120986")
    their_admin = make.user(elsewhere, Role.SCHOOL_ADMIN)
    db.session.commit()
    theirs_before = (theirs.id, theirs.user_id, theirs.legal_first_name, theirs.updated_at)

    counts = import_file(client, ARBOR_BYTES)
    assert counts == {"new": 6, "updated": 0, "unchanged": 0, "rejected": 0}
    ours = pupils_of(school)["F886200120986"]
    assert ours.id != theirs.id
    assert ours.tutor_group.school_id == school.id
    assert ours.user.school_id == school.id
    db.session.expire_all()
    theirs = db.session.get(Pupil, theirs.id)
    assert (theirs.id, theirs.user_id, theirs.legal_first_name, theirs.updated_at) == (
        theirs_before
    )
    assert theirs.tutor_group_id == group.id
    assert list(pupils_of(elsewhere)) == ["F886200120986"]

    # Their admin's import of the same file matches their own pupil, not ours.
    client.post("/sign-out")
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = their_admin.get_id()
        session["_fresh"] = True
    counts = import_file(client, ARBOR_BYTES)
    assert counts == {"new": 5, "updated": 1, "unchanged": 0, "rejected": 0}
    assert pupils_of(elsewhere)["F886200120986"].id == theirs.id
    assert pupils_of(elsewhere)["F886200120986"].legal_first_name == "Tom"
    assert pupils_of(school)["F886200120986"].id == ours.id
    assert db.session.scalar(select(func.count(Pupil.id))) == 12
    groups = db.session.scalars(select(TutorGroup).where(TutorGroup.name == "10W")).all()
    assert sorted(g.school_id for g in groups) == sorted([school.id, elsewhere.id])


def test_usernames_taken_in_another_school_are_not_reused(client, admin, school, make):
    elsewhere = make.school("Elsewhere High")
    theirs = make.user(elsewhere, Role.TUTOR, username="tom.walker")
    db.session.commit()
    import_file(client, ARBOR_BYTES)
    tom = pupils_of(school)["F886200120986"]
    assert tom.user.username == "tom.walker2"
    assert db.session.get(User, theirs.id).school_id == elsewhere.id


def test_a_preview_from_one_school_cannot_be_confirmed_by_another(client, admin, make, login):
    preview = upload(client, ARBOR_BYTES)
    key = upload_key(preview)
    elsewhere = make.school("Elsewhere High")
    their_admin = make.user(elsewhere, Role.SCHOOL_ADMIN)
    db.session.commit()
    login(their_admin)
    response = confirm(client, key)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/roster")
    assert db.session.scalar(select(func.count(Pupil.id))) == 0


# --- files we cannot read ----------------------------------------------------------------------


def test_a_file_over_5_mb_gets_a_clear_message_beside_the_field(client, admin, school):
    data = ARBOR_BYTES + b"\n" * (5 * 1024 * 1024)
    response = upload(client, data)
    assert response.status_code == 422
    assert "bigger than 5 MB" in field_error(response)
    assert 'type="file"' in response.text
    assert pupils_of(school) == {}


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "photo.png", "not a text"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "pupils.xlsx", "Excel workbook"),
        (b"", "empty.csv", "The file is empty"),
        (b"Name,Class\nAnn,10W\n", "wrong.csv", "no column for UPN"),
        (b"\xff\xfe\x00\xd8", "broken.csv", "could not be read"),
    ],
)
def test_an_unreadable_file_gets_a_clear_message_and_the_page_still_works(
    client, admin, school, data, filename, message
):
    response = upload(client, data, filename)
    assert response.status_code == 422
    assert message in field_error(response)
    assert "There is a problem" in response.text
    assert 'type="file"' in response.text
    # The page is still usable: a good file now goes through.
    assert summary(upload(client, ARBOR_BYTES))["new"] == 6


def test_no_file_chosen(client, admin):
    response = client.post("/admin/roster", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose the CSV file" in field_error(response)


def test_an_expired_preview_sends_the_admin_back_to_upload(client, admin):
    response = confirm(client, "a" * 64)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/roster")
    page = client.get("/admin/roster")
    assert "That preview has expired" in page.text


def test_a_confirmed_preview_cannot_be_confirmed_twice(client, admin, school):
    preview = upload(client, ARBOR_BYTES)
    key = upload_key(preview)
    assert confirm(client, key).status_code == 200
    assert confirm(client, key).status_code == 302
    assert len(pupils_of(school)) == 6


def test_a_malformed_confirmation_is_refused(client, admin):
    assert confirm(client, "../../etc/passwd").status_code == 400


# --- audit -------------------------------------------------------------------------------------


def test_an_import_writes_a_roster_imported_audit_event(client, admin, school):
    import_file(client, ARBOR_BYTES, "roster-arbor-style.csv")
    db.session.expire_all()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "roster_imported")
    ).all()
    assert len(events) == 1
    event_ = events[0]
    assert event_.actor_id == admin.id
    assert event_.school_id == school.id
    assert event_.detail["created"] == 6
    assert event_.detail["updated"] == 0
    assert event_.detail["rejected"] == 0
    assert event_.detail["filename"] == "roster-arbor-style.csv"


# --- cost --------------------------------------------------------------------------------------


def _confirm_statements(client, data: bytes) -> list[str]:
    preview = upload(client, data)
    key = upload_key(preview)
    with statements() as seen:
        response = confirm(client, key)
    assert response.status_code == 200
    return seen


def _selects(seen: list[str]) -> int:
    return sum(1 for s in seen if s.lstrip().upper().startswith("SELECT"))


def test_importing_many_rows_runs_a_bounded_number_of_statements(client, admin, school, make):
    small = _confirm_statements(client, generated_roster(20))
    assert len(pupils_of(school)) == 20

    # A second school of the same deployment imports ten times as many rows.
    elsewhere = make.school("Elsewhere High")
    their_admin = make.user(elsewhere, Role.SCHOOL_ADMIN)
    db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = their_admin.get_id()
    large = _confirm_statements(client, generated_roster(200))
    assert len(pupils_of(elsewhere)) == 200

    assert _selects(large) == _selects(small), "reads do not grow with the file"
    assert _selects(large) < 20
    # Inserts may be one per row (SQLite cannot batch INSERT ... RETURNING in order) or
    # batched (PostgreSQL), but never more than a pupil and an account per row.
    others = [s for s in large if not s.lstrip().upper().startswith("INSERT")]
    assert len(others) < 25, others
    assert len(large) - len(others) <= 2 * 200 + 10


def test_updating_many_rows_runs_a_bounded_number_of_statements(client, admin, school):
    import_file(client, generated_roster(200))
    seen = _confirm_statements(client, generated_roster(200, year_offset=1))
    assert len(pupils_of(school)) == 200
    assert _selects(seen) < 20
    assert len(seen) < 50, f"{len(seen)} statements to update 200 rows"
