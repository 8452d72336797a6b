"""The admin commands, through Flask's CLI runner against the test database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from stdnum.gb import upn as upn_lib

from journal.accounts import passwords
from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from journal.schools.models import Pupil, School
from journal_demo.cli import seed_demo_cmd

ARBOR_SAMPLE = Path("/work/shared/domain/examples/roster-arbor-style.csv")
SIMS_HEADER = (
    "UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,"
    "DOB,Gender,Year,Reg,SEN Status,FSM Eligible"
)


def make_upn(serial: int) -> str:
    body = f"8864001250{serial:02d}"
    return upn_lib.calc_check_digit(body) + body


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def last_line(result) -> str:
    return result.output.strip().splitlines()[-1]


def pupil_count(school=None) -> int:
    db.session.expire_all()
    query = select(func.count(Pupil.id))
    if school is not None:
        query = query.where(Pupil.school_id == school.id)
    return db.session.scalar(query)


@pytest.fixture
def school(make):
    school = make.school("Riverside Academy", urn="123456")
    db.session.commit()
    return school


# --- create-school ---------------------------------------------------------------------------


def test_create_school(runner):
    result = runner.invoke(
        args=["create-school", "--urn", "654321", "--name", "Hillside School", "--type", "special"]
    )
    assert result.exit_code == 0, result.output
    assert last_line(result) == "Created Hillside School (URN 654321)."
    school = db.session.scalar(select(School).where(School.urn == "654321"))
    assert school.name == "Hillside School"
    assert school.school_type == "special"
    assert len(school.signing_key_public) == 32


def test_create_school_with_a_urn_already_used(runner, school):
    result = runner.invoke(
        args=["create-school", "--urn", "123456", "--name", "Copy", "--type", "mainstream"]
    )
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert db.session.scalar(select(func.count(School.id))) == 1


@pytest.mark.parametrize("urn", ["12345", "12345678", "ABC123", ""])
def test_create_school_with_a_bad_urn(runner, urn):
    result = runner.invoke(
        args=["create-school", "--urn", urn, "--name", "Bad", "--type", "mainstream"]
    )
    assert result.exit_code != 0
    assert "6- or 7-digit" in result.output
    assert db.session.scalar(select(func.count(School.id))) == 0


def test_create_school_with_an_unknown_type(runner):
    result = runner.invoke(
        args=["create-school", "--urn", "654321", "--name", "X", "--type", "prison"]
    )
    assert result.exit_code == 2
    assert "mainstream" in result.output


# --- create-user -----------------------------------------------------------------------------


def test_create_user_with_a_password(runner, school):
    result = runner.invoke(
        args=[
            "create-user",
            "--school",
            "123456",
            "--username",
            "DGreen",
            "--name",
            "Dee Green",
            "--role",
            "careers_leader",
            "--role",
            "tutor",
            "--email",
            "dee@example.org",
            "--password",
            "a long enough passphrase",
        ]
    )
    assert result.exit_code == 0, result.output
    assert last_line(result) == "Created dgreen (careers_leader, tutor) at Riverside Academy."
    assert "Temporary password" not in result.output
    user = db.session.scalar(select(User).where(User.username == "dgreen"))
    assert user.roles == {Role.CAREERS_LEADER, Role.TUTOR}
    assert user.school_id == school.id
    assert user.email == "dee@example.org"
    assert passwords.verify(user.password_hash, "a long enough passphrase")
    assert not user.must_change_password


def test_create_user_without_a_password_prints_a_temporary_one(runner, school):
    result = runner.invoke(
        args=[
            "create-user",
            "--school",
            "123456",
            "--username",
            "office",
            "--name",
            "Office Admin",
            "--role",
            "school_admin",
        ]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("Temporary password for office: ")
    temporary = lines[0].rsplit(" ", 1)[-1]
    assert lines[-1] == "Created office (school_admin) at Riverside Academy."
    user = db.session.scalar(select(User).where(User.username == "office"))
    assert user.must_change_password
    assert passwords.verify(user.password_hash, temporary)


def test_create_user_at_an_unknown_school(runner, school):
    result = runner.invoke(
        args=[
            "create-user",
            "--school",
            "999999",
            "--username",
            "x",
            "--name",
            "X",
            "--role",
            "tutor",
            "--password",
            "a long enough passphrase",
        ]
    )
    assert result.exit_code != 0
    assert "No school has URN 999999" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_create_user_with_a_taken_username_or_weak_password(runner, school, make):
    make.user(school, username="taken")
    db.session.commit()
    base = ["create-user", "--school", "123456", "--name", "X", "--role", "tutor"]
    taken = runner.invoke(args=[*base, "--username", "Taken", "--password", "long passphrase!"])
    assert taken.exit_code != 0
    assert "already taken" in taken.output
    weak = runner.invoke(args=[*base, "--username", "new", "--password", "short"])
    assert weak.exit_code != 0
    assert "at least 10 characters" in weak.output
    assert db.session.scalar(select(func.count(User.id))) == 1


# --- seed-demo -------------------------------------------------------------------------------


def test_seed_demo_prints_the_sign_ins(runner):
    result = runner.invoke(seed_demo_cmd, ["--pupils", "12"])
    assert result.exit_code == 0, result.output
    output = result.output
    assert "Demo school: Riverside Academy (demo) (URN 100000), 12 pupils." in output
    assert "Demo sign-ins (username / password):" in output
    for username in ("tutor", "careers", "adviser", "senco", "admin", "pupil"):
        assert any(
            line.split()[-2:] == [username, "careers-passport-demo"] for line in output.splitlines()
        ), username
    demo = db.session.scalar(select(School).where(School.urn == "100000"))
    assert pupil_count(demo) == 13  # twelve, and the named demo pupil
    admin = db.session.scalar(select(User).where(User.username == "admin"))
    assert passwords.verify(admin.password_hash, "careers-passport-demo")

    again = runner.invoke(seed_demo_cmd, ["--pupils", "12"])
    assert again.exit_code == 0, again.output
    assert pupil_count(demo) == 13, "seeding twice reuses the demo school"


# --- import-roster ---------------------------------------------------------------------------


def test_import_roster_sample_then_again(runner, school):
    result = runner.invoke(args=["import-roster", str(ARBOR_SAMPLE), "--school", "123456"])
    assert result.exit_code == 0, result.output
    assert last_line(result) == "imported 6, updated 0, unchanged 0, rejected 0"
    assert pupil_count(school) == 6
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "roster_imported"))
    assert event.actor_id is None
    assert event.school_id == school.id
    assert event.detail["filename"] == "roster-arbor-style.csv"

    again = runner.invoke(args=["import-roster", str(ARBOR_SAMPLE), "--school", "123456"])
    assert again.exit_code == 0, again.output
    assert last_line(again) == "imported 0, updated 0, unchanged 6, rejected 0"
    assert pupil_count(school) == 6


def test_import_roster_dry_run_writes_nothing(runner, school):
    result = runner.invoke(
        args=["import-roster", str(ARBOR_SAMPLE), "--school", "123456", "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert last_line(result) == "dry run: would have imported 6, updated 0, unchanged 0, rejected 0"
    assert pupil_count() == 0
    assert db.session.scalar(select(func.count(User.id))) == 0
    assert (
        db.session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action == "roster_imported")
        )
        == 0
    )


def test_import_roster_of_a_missing_file_exits_non_zero(runner, school, tmp_path):
    result = runner.invoke(
        args=["import-roster", str(tmp_path / "nowhere.csv"), "--school", "123456"]
    )
    assert result.exit_code != 0
    assert "Could not read" in result.output
    assert "nowhere.csv" in result.output
    assert pupil_count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text (CSV) file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook"),
        (b"", "empty"),
        (b"Name,Class\nAnn,10W\n", "no column for UPN"),
    ],
)
def test_import_roster_of_an_unreadable_file_exits_non_zero(
    runner, school, tmp_path, data, message
):
    path = tmp_path / "pupils.csv"
    path.write_bytes(data)
    result = runner.invoke(args=["import-roster", str(path), "--school", "123456"])
    assert result.exit_code == 1
    assert message in result.output
    assert "imported" not in result.output
    assert pupil_count() == 0


def test_import_roster_of_a_folder_exits_non_zero(runner, school, tmp_path):
    result = runner.invoke(args=["import-roster", str(tmp_path), "--school", "123456"])
    assert result.exit_code != 0
    assert pupil_count() == 0


def test_import_roster_for_an_unknown_school_exits_non_zero(runner, school):
    result = runner.invoke(args=["import-roster", str(ARBOR_SAMPLE), "--school", "999999"])
    assert result.exit_code != 0
    assert "No school has URN 999999" in result.output
    assert pupil_count() == 0


def test_import_roster_with_rejected_rows_lists_them_and_exits_zero(runner, school, tmp_path):
    good, dup = make_upn(1), make_upn(2)
    path = tmp_path / "sims.csv"
    path.write_text(
        "\n".join(
            [
                SIMS_HEADER,
                f"{good},Smith,Jonathan,,Jon,14/03/2011,M,10,10W,N,N",
                f"{dup},Khan,Sara,,,14/03/2011,F,10,10W,N,N",
                f"{dup},Khan,Sarah,,,14/03/2011,F,10,10W,N,N",
                f"{make_upn(3)},Lee,,,,14/03/2011,M,10,10W,N,N",
                f"{make_upn(4)},Wood,Ivy,,,31/02/2011,F,10,10W,N,N",
            ]
        )
        + "\n"
    )
    result = runner.invoke(args=["import-roster", str(path), "--school", "123456"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == "imported 1, updated 0, unchanged 0, rejected 4"
    rejected = [line for line in lines if ": rejected: " in line]
    assert [line.split(":")[0] for line in rejected] == ["line 3", "line 4", "line 5", "line 6"]
    assert "appears more than once" in rejected[0]
    assert "appears more than once" in rejected[1]
    assert rejected[2] == "line 5: rejected: missing first name"
    assert rejected[3] == "line 6: rejected: date of birth 31/02/2011 is not a real date"
    assert pupil_count(school) == 1


def test_import_roster_updates_by_upn(runner, school, tmp_path):
    runner.invoke(args=["import-roster", str(ARBOR_SAMPLE), "--school", "123456"])
    path = tmp_path / "newer.csv"
    path.write_text(ARBOR_SAMPLE.read_text().replace("Year 10,10W", "Year 11,11W"))
    result = runner.invoke(args=["import-roster", str(path), "--school", "123456"])
    assert result.exit_code == 0, result.output
    assert last_line(result) == "imported 0, updated 1, unchanged 5, rejected 0"
    assert pupil_count(school) == 6
    tom = db.session.scalar(select(Pupil).where(Pupil.upn == "F886200120986"))
    assert (tom.year_group, tom.tutor_group.name) == (11, "11W")
