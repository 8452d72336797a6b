"""The pupil email the roster import reads for a first school sign-in, and the secrets' key."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from journal.accounts.roles import Role
from journal.extensions import db
from journal.schools.operations import apply_import, plan_import
from journal.schools.roster import parse_roster
from journal.sso import crypto

from ..factories import valid_upn

HEAD = "UPN,Forename,Surname,DOB,Year"


@pytest.fixture
def app_config() -> dict:
    return {}  # these tests need no provider


@pytest.mark.parametrize(
    "header",
    ["Pupil Email", "Student Email", "Student Email Address", "School Email Address", "Email"],
)
def test_the_pupil_email_column_is_found_under_the_mis_names(header):
    parsed = parse_roster(
        f"{HEAD},{header}\n{valid_upn(1)},Aisha,Khan,2010-09-14,10,A.Khan@School.sch.uk\n".encode()
    )
    assert parsed.columns["email"] == header
    assert parsed.rows[0].email == "a.khan@school.sch.uk"


def test_a_pupil_email_column_wins_over_a_plain_email_column_and_contacts_are_ignored():
    data = (
        f"{HEAD},Email,Contact Email,Student Email\n"
        f"{valid_upn(1)},Aisha,Khan,2010-09-14,10,home@example.com,mum@example.com,a@s.sch.uk\n"
    )
    parsed = parse_roster(data.encode())
    assert parsed.rows[0].email == "a@s.sch.uk"
    assert "Contact Email" in parsed.unmapped_headers


def test_bad_and_repeated_emails_reject_their_rows():
    data = (
        f"{HEAD},Student Email\n"
        f"{valid_upn(1)},Aisha,Khan,2010-09-14,10,not-an-email\n"
        f"{valid_upn(2)},Tom,Lee,2010-09-14,10,same@s.sch.uk\n"
        f"{valid_upn(3)},Ann,Ray,2010-09-14,10,same@s.sch.uk\n"
    )
    reasons = [r.reason for r in parse_roster(data.encode()).rejections]
    assert 'email "not-an-email" is not an email address' in reasons[0]
    assert "email same@s.sch.uk appears more than once in this file (lines 3 and 4)" in reasons[1]


def test_the_import_puts_the_email_on_the_pupils_account_and_never_moves_anothers(app, make):
    school = make.school()
    staff = make.user(school, Role.TUTOR)
    staff.email = "taken@s.sch.uk"
    upn = valid_upn(5)
    first = parse_roster(f"{HEAD}\n{upn},Aisha,Khan,2010-09-14,10\n".encode())
    apply_import(school, plan_import(school, first), by=None)
    db.session.flush()

    changed = parse_roster(
        f"{HEAD},Student Email\n{upn},Aisha,Khan,2010-09-14,10,a.khan@s.sch.uk\n".encode()
    )
    plan = plan_import(school, changed)
    assert plan.updates[0].changes["email"] == (None, "a.khan@s.sch.uk")
    apply_import(school, plan, by=None)
    db.session.flush()
    assert plan.updates[0].pupil.user.email == "a.khan@s.sch.uk"

    clash = parse_roster(
        f"{HEAD},Student Email\n{upn},Aisha,Khan,2010-09-14,10,Taken@s.sch.uk\n".encode()
    )
    plan = plan_import(school, clash)
    assert plan.rejections[0].reason == "email taken@s.sch.uk already belongs to another account"
    assert not plan.updates


def test_without_sso_secret_key_a_key_is_made_in_the_instance_folder(app):
    path = Path(app.instance_path) / "sso_secret_key"
    assert app.config["SSO_SECRET_KEY"] == path.read_text().strip()
    token = crypto.encrypt("the secret")
    assert b"the secret" not in token and crypto.decrypt(token) == "the secret"


def test_keys_rotate_and_an_unknown_key_is_reported(app):
    old = app.config["SSO_SECRET_KEY"]
    token = crypto.encrypt("the secret")
    app.config["SSO_SECRET_KEY"] = f"{Fernet.generate_key().decode()},{old}"
    assert crypto.decrypt(token) == "the secret"  # the old key still reads it
    app.config["SSO_SECRET_KEY"] = Fernet.generate_key().decode()
    with pytest.raises(crypto.SecretUnreadable):
        crypto.decrypt(token)
