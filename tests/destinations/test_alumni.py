"""Role models (opt in, withdraw, careers staff see them) and the retention rule and command."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from journal.destinations import operations
from journal.destinations.models import DestinationRecord, RoleModel
from journal.destinations.retention import apply_retention, retention_ends
from journal.extensions import db
from tests.support import audit_actions


def test_an_alumnus_opts_in_and_withdraws(client, login, leaver, adviser, pupil):
    login(leaver.user)
    bad = client.post("/destinations/mine/role-model", data={"now_doing": "Electrician"})
    assert (
        bad.status_code == 422 and "Tick the box" in bad.text and 'value="Electrician"' in bad.text
    )
    client.post(
        "/destinations/mine/role-model",
        data={"now_doing": "Apprentice electrician", "happy_to": "Talk to Year 10", "agree": "y"},
    )
    login(adviser)
    listed = client.get("/destinations/role-models")
    assert "Jordan Mensah" in listed.text and "Apprentice electrician" in listed.text
    assert leaver.user.username not in listed.text  # no personal contact details
    login(leaver.user)
    client.post("/destinations/mine/role-model/withdraw")
    login(adviser)
    assert "Jordan Mensah" not in client.get("/destinations/role-models").text
    assert db.session.scalar(select(RoleModel)).now_doing == ""
    assert [e.action for e in audit_actions("role_model_withdrawn")] == ["role_model_withdrawn"]


def test_pupils_on_roll_cannot_be_listed_yet(client, login, pupil):
    login(pupil.user)
    page = client.get("/destinations/mine/role-model")
    assert "After you leave school" in page.text
    assert (
        client.post(
            "/destinations/mine/role-model", data={"now_doing": "x", "agree": "y"}
        ).status_code
        == 200
    )
    assert db.session.scalar(select(func.count(RoleModel.id))) == 0


def test_retention_ends_a_year_after_the_third_checkpoint():
    assert retention_ends(date(2026, 7, 20)) == date(2030, 11, 1)


def test_retention_closes_sign_in_and_keeps_only_codes_and_dates(leaver, adviser, make, school):
    recent = make.pupil(school, None, first="Recent", left_on=date(2026, 7, 1))
    for who in (leaver, recent):
        operations.record_destination(
            who,
            "leaving",
            by=adviser,
            source="staff",
            activity_code="230",
            provider="Riverside College",
            effective_on=date(2025, 9, 3),
            note="Doing well",
        )
    operations.agree_role_model(leaver, now_doing="Electrician", happy_to="")
    leaver.user.email = "jordan@example.org"
    db.session.commit()

    assert apply_retention(date(2029, 10, 31)).pupils == 0  # not yet: ends 1 Nov 2029
    result = apply_retention(date(2029, 11, 1), dry_run=True)
    assert (result.pupils, result.accounts_closed, result.records_reduced) == (1, 1, 1)
    db.session.rollback()
    assert leaver.user.is_enabled  # a dry run changes nothing

    apply_retention(date(2029, 11, 1))
    db.session.commit()
    db.session.expire_all()
    assert not leaver.user.is_enabled
    assert leaver.user.password_hash is None and leaver.user.email is None
    kept = db.session.scalar(
        select(DestinationRecord).where(DestinationRecord.pupil_id == leaver.id)
    )
    assert (kept.activity_code, kept.effective_on, kept.provider, kept.note) == (
        "230",
        date(2025, 9, 3),
        "",
        "",
    )
    assert db.session.scalar(select(func.count(RoleModel.id))) == 0
    other = db.session.scalar(
        select(DestinationRecord).where(DestinationRecord.pupil_id == recent.id)
    )
    assert other.provider == "Riverside College" and recent.user.is_enabled
    assert len(audit_actions("destinations_retention_applied")) == 1

    again = apply_retention(date(2029, 11, 2))
    assert (again.accounts_closed, again.records_reduced, again.role_models_removed) == (0, 0, 0)
    assert len(audit_actions("destinations_retention_applied")) == 1


def test_the_retention_command(app, leaver):
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["destinations", "apply-retention", "--dry-run", "--on", "2029-11-01"])
    assert dry.exit_code == 0 and "Would change: 1 sign-ins closed" in dry.output
    done = runner.invoke(args=["destinations", "apply-retention", "--on", "2029-11-01"])
    assert "Changed: 1 sign-ins closed" in done.output
    db.session.expire_all()
    assert not leaver.user.is_enabled
    bad = runner.invoke(args=["destinations", "apply-retention", "--on", "soon"])
    assert bad.exit_code != 0


def test_the_page_for_parents_needs_no_sign_in(client):
    page = client.get("/destinations/how-long-we-keep-records")
    assert page.status_code == 200
    assert "one, two and three years" in page.text and "sign-in is closed" in page.text
