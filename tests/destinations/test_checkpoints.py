"""Checkpoint dates, the staff destinations page, leaving, and the alumni checkpoint prompt."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from journal.calendar import destination_checkpoints
from journal.destinations import operations, queries
from journal.destinations.models import DestinationRecord
from journal.extensions import db
from journal.passport.plans.operations import set_intended_destination
from tests.support import audit_actions, counting_queries


def test_a_leaver_in_july_2026_is_due_in_2027_2028_and_2029():
    assert destination_checkpoints(date(2026, 7, 20)) == [
        date(2027, 11, 1),
        date(2028, 11, 1),
        date(2029, 11, 1),
    ]
    # the whole school year counts as one: a leaver in September 2025 is in 2025/26 too
    assert [d.year for d in destination_checkpoints(date(2025, 9, 30))] == [2027, 2028, 2029]


def test_the_checkpoint_due_is_the_latest_unanswered_one(leaver):
    assert queries.checkpoint_due(leaver, date(2026, 10, 31)) is None
    assert queries.checkpoint_due(leaver, date(2026, 11, 1)) == ("checkpoint_1", date(2026, 11, 1))
    operations.alumnus_update(leaver, "checkpoint_1", "230", provider="Riverside College")
    db.session.commit()
    assert queries.checkpoint_due(leaver, date(2027, 6, 1)) is None
    assert queries.checkpoint_due(leaver, date(2027, 11, 2))[0] == "checkpoint_2"


def test_staff_page_shows_everything_and_is_audited(client, login, adviser, pupil):
    set_intended_destination(pupil, "16", "230", "Riverside College", pupil.user)
    db.session.commit()
    login(adviser)
    page = client.get(f"/destinations/pupils/{pupil.id}")
    assert page.status_code == 200
    for words in (
        "Go to a further education (FE) college",
        "September Guarantee (Year 11)",
        "Destination on leaving",
        "Confirm Maya",
    ):
        assert words in page.text
    assert "September Guarantee (Year 12)" not in page.text  # she is in Year 11
    assert '<optgroup label="Employment">' in page.text  # the code list, grouped
    assert audit_actions("destinations_viewed")[0].pupil_id == pupil.id


def test_confirming_the_pupils_choice_writes_a_staff_record(client, login, adviser, pupil):
    set_intended_destination(pupil, "16", "310", "Smith & Sons", pupil.user)
    db.session.commit()
    login(adviser)
    client.post(f"/destinations/pupils/{pupil.id}/confirm/16")
    row = db.session.scalar(select(DestinationRecord))
    assert (row.stage, row.activity_code, row.provider, row.source) == (
        "intended_16",
        "310",
        "Smith & Sons",
        "staff",
    )


def test_correcting_with_bad_input_keeps_what_was_typed(client, login, adviser, pupil):
    login(adviser)
    page = client.post(
        f"/destinations/pupils/{pupil.id}/record/intended_16",
        data={
            "intended_16-activity_code": "999",
            "intended_16-provider": "Typed College",
            "intended_16-source": "staff",
            "intended_16-effective_on": "2099-01-01",
        },
    )
    assert page.status_code == 422
    assert "Choose an activity from the list." in page.text
    assert "This date is in the future" in page.text
    assert 'value="Typed College"' in page.text
    assert db.session.scalar(select(DestinationRecord)) is None

    ok = client.post(
        f"/destinations/pupils/{pupil.id}/record/intended_16",
        data={
            "intended_16-activity_code": "230",
            "intended_16-provider": "Typed College",
            "intended_16-source": "staff",
        },
    )
    assert ok.status_code == 302
    assert audit_actions("destination_recorded")[0].detail["stage"] == "intended_16"


def test_september_guarantee_and_history(client, login, adviser, pupil):
    login(adviser)
    for status in ("no_offer", "offer_made"):
        client.post(
            f"/destinations/pupils/{pupil.id}/record/guarantee_11",
            data={"guarantee_11-guarantee_status": status, "guarantee_11-source": "staff"},
        )
    history = queries.records_of(pupil)["guarantee_11"]
    assert [r.guarantee_status for r in history] == ["offer_made", "no_offer"]  # newest first
    page = client.get(f"/destinations/pupils/{pupil.id}")
    assert "Earlier records (1)" in page.text
    # a stage the pupil is not at is not recorded
    assert (
        client.post(
            f"/destinations/pupils/{pupil.id}/record/guarantee_12",
            data={"guarantee_12-guarantee_status": "offer_made", "guarantee_12-source": "staff"},
        ).status_code
        == 404
    )


def test_tutors_read_but_do_not_edit(client, login, tutor, pupil):
    login(tutor)
    page = client.get(f"/destinations/pupils/{pupil.id}")
    assert page.status_code == 200 and "Careers staff record and change them" in page.text
    assert '<form method="post" action="/destinations/pupils' not in page.text
    assert (
        client.post(
            f"/destinations/pupils/{pupil.id}/record/leaving",
            data={"leaving-activity_code": "230", "leaving-source": "staff"},
        ).status_code
        == 403
    )


def test_recording_leaving_keeps_the_sign_in(client, login, adviser, pupil):
    login(adviser)
    bad = client.post(f"/destinations/pupils/{pupil.id}/left", data={"left_on": "31 13 2026"})
    assert bad.status_code == 422 and 'value="31 13 2026"' in bad.text
    client.post(f"/destinations/pupils/{pupil.id}/left", data={"left_on": "2026-07-17"})
    db.session.expire_all()
    assert pupil.left_on == date(2026, 7, 17)
    assert pupil.user.is_enabled
    page = client.get(f"/destinations/pupils/{pupil.id}")
    assert "1 November 2027" in page.text and "1 November 2029" in page.text
    assert "Due and not answered yet" not in page.text
    assert audit_actions("pupil_left")[0].detail["left_on"] == "2026-07-17"


@pytest.mark.parametrize("due", [True, False])
def test_an_alumnus_signing_in_is_asked_at_a_due_checkpoint(
    client, login, leaver, monkeypatch, due
):
    day = date(2026, 11, 23) if due else date(2026, 10, 1)
    monkeypatch.setattr("journal.destinations.queries.today", lambda: day)
    monkeypatch.setattr("journal.destinations.views.today", lambda: day)
    login(leaver.user)
    home = client.get("/")
    assert ("Tell my school" in home.text) is due
    assert "Be a role model" in home.text
    page = client.get("/destinations/mine")
    assert ("What are you doing now?" in page.text) is due
    if not due:
        return
    bad = client.post("/destinations/mine", data={"provider": "Riverside College"})
    assert bad.status_code == 422 and 'value="Riverside College"' in bad.text
    client.post("/destinations/mine", data={"doing": "310", "provider": "Northern Rail"})
    row = db.session.scalar(select(DestinationRecord))
    assert (row.stage, row.activity_code, row.source) == ("checkpoint_1", "310", "pupil")
    assert "Tell my school" not in client.get("/").text


def test_the_home_page_of_a_pupil_on_roll_asks_nothing(client, login, pupil):
    login(pupil.user)
    with counting_queries() as statements:
        home = client.get("/")
    assert "You have left school" not in home.text and "Tell my school" not in home.text
    assert not [s for s in statements if "destination_records" in s]


def test_staff_page_query_count_is_fixed(client, login, adviser, leaver):
    pupil_id = leaver.id
    login(adviser)

    def queries_with(records_each: int) -> int:
        for stage in ("leaving", "checkpoint_1", "intended_16"):
            for _ in range(records_each):
                operations.record_destination(
                    leaver, stage, by=adviser, source="staff", activity_code="230"
                )
        db.session.commit()
        with counting_queries() as statements:
            assert client.get(f"/destinations/pupils/{pupil_id}").status_code == 200
        return len(statements)

    few = queries_with(1)
    assert few <= 12
    assert queries_with(5) == few


def test_overview_lists_leavers_in_a_fixed_number_of_queries(client, login, adviser, make, school):
    def leavers_page(count):
        for n in range(count):
            p = make.pupil(school, None, first=f"Left{n}", left_on=date(2024, 7, 1))
            operations.record_destination(
                p, "leaving", by=adviser, source="staff", activity_code="230"
            )
            operations.record_destination(
                p, "checkpoint_1", by=adviser, source="pupil", activity_code="619"
            )
        db.session.commit()
        login(adviser)
        with counting_queries() as statements:
            page = client.get("/destinations/")
        assert page.status_code == 200 and "Left0" in page.text
        return len(statements)

    assert leavers_page(2) == leavers_page(8)


def test_a_school_admin_records_leaving_and_can_give_a_password(client, login, make, school, pupil):
    from journal.accounts.roles import Role

    admin = make.user(school, Role.SCHOOL_ADMIN)
    login(admin)
    client.post(f"/destinations/pupils/{pupil.id}/left", data={"left_on": "2026-07-17"})
    page = client.get(f"/destinations/pupils/{pupil.id}")
    assert f"/admin/people/{pupil.user_id}" in page.text
    assert "Record the destination" not in page.text  # admins read destinations, not edit


def test_staff_see_which_checkpoint_is_due_and_unanswered(
    client, login, adviser, leaver, monkeypatch
):
    monkeypatch.setattr("journal.destinations.views.today", lambda: date(2026, 11, 23))
    login(adviser)
    page = client.get(f"/destinations/pupils/{leaver.id}").text
    assert page.count("Due and not answered yet") == 1
    assert "1 November 2026" in page and "1 November 2028" in page
