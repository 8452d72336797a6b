""" "My careers journey": the benchmarks' milestones, ticked off from the pupil's saved entries."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import pytest

from journal import calendar
from journal.extensions import db
from journal.milestones import journey as journey_module
from journal.milestones.journey import journey_for
from journal.passport.entries.operations import record_entry
from journal.passport.plans.models import IntendedDestination
from tests.support import counting_queries

# 2026/27. A pupil now in Year 10 was in Year 7 in 2023/24, Year 8 in 2024/25, Year 9 in 2025/26.
ON = date(2026, 11, 23)


def workplace(pupil, day: date, state: str = "submitted"):
    entry, _ = record_entry(
        pupil,
        kind="workplace",
        client_id=str(uuid.uuid4()),
        content={
            "placement_kind": "placement",
            "employer": "Riverside Garage",
            "occurred_on": day.isoformat(),
        },
        state=state,
        author=pupil.user,
    )
    return entry


def intends(pupil, category: str, stage: str = "18") -> None:
    db.session.add(IntendedDestination(pupil_id=pupil.id, stage=stage, category=category))
    db.session.flush()


def by_key(journey) -> dict:
    return {m.key: m for m in journey.milestones}


def test_a_year_7_pupil_with_nothing_has_this_year_to_do_and_the_rest_later(make, school):
    pupil = make.pupil(school, year_group=7, record_began_on=date(2026, 9, 1))
    journey = journey_for(pupil, on=ON)
    milestones = by_key(journey)

    this_year = milestones.pop("employer-2026")
    assert this_year.label == "Meet an employer this year (Year 7)"
    assert (this_year.done, this_year.status_label) == (False, "Not yet")
    assert {m.status_label for m in milestones.values()} == {"Later"}
    assert {"workplace-16", "providers-8-9", "providers-10-11", "guidance-16"} <= set(milestones)
    assert [m.key for m in journey.group("year")] == ["employer-2026"]
    assert journey.summary == "You have done 0 of 1 thing for this year and before."


def test_an_employer_encounter_ticks_off_its_own_school_year_only(make, school):
    pupil = make.pupil(school, year_group=10)
    in_year_8 = make.entry(pupil, occurred_on=date(2025, 1, 15), category="careers_fair")
    journey = journey_for(pupil, on=ON)

    years = journey.group("year")
    assert [m.key for m in years] == [
        "employer-2026",
        "employer-2025",
        "employer-2024",
        "employer-2023",
    ]
    year_8, year_9 = by_key(journey)["employer-2024"], by_key(journey)["employer-2025"]
    assert year_8.label == "Meet an employer in Year 8"
    assert year_8.done and year_8.latest_id == in_year_8.id
    assert year_8.latest_on == date(2025, 1, 15)
    assert year_9.label == "Meet an employer in Year 9"
    assert (year_9.done, year_9.status) == (False, "not_yet")


def test_drafts_do_not_count(make, school):
    pupil = make.pupil(school, year_group=10)
    make.entry(pupil, occurred_on=date(2026, 10, 1), state="draft")
    workplace(pupil, date(2026, 10, 5), state="draft")
    milestones = by_key(journey_for(pupil, on=ON))
    assert not milestones["employer-2026"].done
    assert not milestones["workplace-16"].done

    make.entry(pupil, occurred_on=date(2026, 10, 1))
    assert by_key(journey_for(pupil, on=ON))["employer-2026"].done


def test_a_provider_encounter_does_not_count_as_meeting_an_employer(make, school):
    pupil = make.pupil(school, year_group=10)
    make.entry(pupil, occurred_on=date(2026, 10, 1), category="fe_college")
    assert not by_key(journey_for(pupil, on=ON))["employer-2026"].done


def test_work_experience_in_year_10_ticks_by_16_and_this_years_employer(make, school):
    pupil = make.pupil(school, year_group=10)
    placement = workplace(pupil, date(2026, 10, 5))
    milestones = by_key(journey_for(pupil, on=ON))

    assert milestones["workplace-16"].done
    assert milestones["workplace-16"].latest_id == placement.id
    assert milestones["employer-2026"].done
    assert (milestones["workplace-18"].done, milestones["workplace-18"].status) == (False, "later")


def test_work_experience_by_18_needs_one_in_year_12_or_13(make, school):
    pupil = make.pupil(school, year_group=12)
    workplace(pupil, date(2026, 6, 10))  # Year 11
    milestones = by_key(journey_for(pupil, on=ON))
    assert milestones["workplace-16"].done
    assert (milestones["workplace-18"].done, milestones["workplace-18"].status) == (
        False,
        "not_yet",
    )

    workplace(pupil, date(2026, 11, 2))  # Year 12
    assert by_key(journey_for(pupil, on=ON))["workplace-18"].done


def test_provider_encounters_count_in_their_own_band_of_years(make, school):
    pupil = make.pupil(school, year_group=12)  # Year 8 was 2022/23
    make.entry(pupil, occurred_on=date(2023, 3, 1), category="fe_college")  # Year 9
    make.entry(pupil, occurred_on=date(2025, 2, 1), category="employer_talk")  # Year 10
    milestones = by_key(journey_for(pupil, on=ON))
    assert milestones["providers-8-9"].done
    assert (milestones["providers-10-11"].done, milestones["providers-10-11"].status) == (
        False,
        "not_yet",
    )
    assert not milestones["providers-12-13"].done

    make.entry(pupil, occurred_on=date(2026, 10, 1), category="apprenticeship_provider")
    milestones = by_key(journey_for(pupil, on=ON))
    assert milestones["providers-12-13"].done
    assert not milestones["providers-10-11"].done


def test_provider_encounters_are_later_before_year_8(make, school):
    pupil = make.pupil(school, year_group=7)
    milestones = by_key(journey_for(pupil, on=ON))
    assert milestones["providers-8-9"].status == "later"


def test_university_visits_only_for_pupils_considering_higher_education(make, school):
    pupil = make.pupil(school, year_group=12)
    make.entry(pupil, occurred_on=date(2026, 10, 1), category="university")
    assert "university-18" not in by_key(journey_for(pupil, on=ON))

    intends(pupil, "240", stage="16")  # only the plan at 18 matters
    assert "university-18" not in by_key(journey_for(pupil, on=ON))

    intends(pupil, "240")
    visits = by_key(journey_for(pupil, on=ON))["university-18"]
    assert (visits.done, visits.count, visits.needed) == (False, 1, 2)
    assert visits.status_label == "Not yet"

    make.entry(pupil, occurred_on=date(2026, 11, 1), category="university")
    assert by_key(journey_for(pupil, on=ON))["university-18"].done

    intends(pupil, "310")  # the latest plan wins
    assert "university-18" not in by_key(journey_for(pupil, on=ON))


def test_guidance_interviews_are_recorded_by_the_school(make, school, monkeypatch):
    pupil = make.pupil(school, year_group=11)
    interview = by_key(journey_for(pupil, on=ON))["guidance-16"]
    assert interview.recorded_by_school
    assert (interview.done, interview.status_label) == (False, "Not yet")

    monkeypatch.setattr(journey_module, "guidance_interview_dates", lambda p: [date(2026, 10, 9)])
    milestones = by_key(journey_for(pupil, on=ON))
    assert milestones["guidance-16"].done
    assert milestones["guidance-16"].latest_id is None  # nothing in the passport to link to
    assert not milestones["guidance-18"].done


def test_milestones_that_closed_before_the_record_began_are_left_out(make, school):
    pupil = make.pupil(school, year_group=12, record_began_on=date(2026, 9, 1))
    milestones = by_key(journey_for(pupil, on=ON))
    assert [m.key for m in journey_for(pupil, on=ON).group("year")] == ["employer-2026"]
    assert not {"workplace-16", "providers-8-9", "providers-10-11", "guidance-16"} & set(milestones)
    assert {"workplace-18", "providers-12-13", "guidance-18"} <= set(milestones)


def test_entries_after_the_day_asked_about_do_not_count(make, school):
    pupil = make.pupil(school, year_group=10)
    make.entry(pupil, occurred_on=date(2026, 11, 1))
    assert not by_key(journey_for(pupil, on=date(2026, 10, 1)))["employer-2026"].done


def test_a_college_expects_two_employer_encounters_a_year_from_year_12(make):
    college = make.school("Riverside College", school_type="college")
    pupil = make.pupil(college, year_group=12)
    make.entry(pupil, occurred_on=date(2026, 10, 1))
    this_year = by_key(journey_for(pupil, on=ON))["employer-2026"]
    assert this_year.label == "Meet employers 2 times this year (Year 12)"
    assert (this_year.done, this_year.count) == (False, 1)

    make.entry(pupil, occurred_on=date(2026, 10, 2))
    assert by_key(journey_for(pupil, on=ON))["employer-2026"].done


def test_year_14_in_a_special_school_keeps_every_year_and_the_by_18_milestones(make):
    special = make.school("Oak Special School", school_type="special")
    pupil = make.pupil(special, year_group=14, record_began_on=date(2025, 9, 1))
    journey = journey_for(pupil, on=ON)
    assert [m.label for m in journey.group("year")] == [
        "Meet an employer this year (Year 14)",
        "Meet an employer in Year 13",
    ]
    milestones = by_key(journey)
    assert milestones["workplace-18"].status == "not_yet"  # due, and past
    assert "workplace-16" not in milestones  # closed before the record began


def test_post_19_learners_have_a_yearly_encounter_by_school_year_and_nothing_by_16_or_18(make):
    college = make.school("Riverside College", school_type="college")
    learner = make.pupil(college, year_group=calendar.POST_19, record_began_on=date(2025, 9, 1))
    make.entry(learner, occurred_on=date(2026, 1, 10))
    journey = journey_for(learner, on=ON)
    assert [(m.label, m.done) for m in journey.milestones] == [
        ("Meet employers 2 times this year (2026/27)", False),
        ("Meet employers 2 times in 2025/26", False),
    ]
    assert [key for key, _, _ in journey.groups] == ["year"]


def test_a_pupil_who_did_something_early_counts_it_as_done(make, school):
    pupil = make.pupil(school, year_group=9, record_began_on=date(2026, 9, 1))
    make.entry(pupil, occurred_on=date(2026, 10, 1))
    workplace(pupil, date(2026, 10, 5))
    journey = journey_for(pupil, on=ON)
    assert by_key(journey)["workplace-16"].status == "done"  # due from Year 10, done in Year 9
    assert journey.summary == "You have done 2 of 3 things for this year and before."


def test_the_journey_sends_two_queries_however_many_entries(make, school):
    pupil = make.pupil(school, year_group=12)
    intends(pupil, "240")

    def queries() -> int:
        db.session.expire_all()
        pupil.school  # noqa: B018 (loaded once here, not counted below)
        with counting_queries() as statements:
            journey_for(pupil, on=ON)
        return len(statements)

    for day in range(3):
        make.entry(pupil, occurred_on=date(2024, 10, 1) + timedelta(days=day))
    few = queries()
    for day in range(40):
        make.entry(pupil, occurred_on=date(2022, 10, 1) + timedelta(days=day * 30))
        workplace(pupil, date(2022, 10, 2) + timedelta(days=day * 30))
    assert few == queries() == 3


# --- on the home page -------------------------------------------------------------------------


@pytest.fixture
def on_the_day(monkeypatch):
    monkeypatch.setattr(calendar, "today", lambda: ON)


def item(page: str, label: str) -> str:
    """The checklist item that names ``label``, as text without tags."""
    for found in re.findall(r"<li[^>]*>(.*?)</li>", page, flags=re.S):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found)).strip()
        if label in text:
            return text
    raise AssertionError(f"no item for {label!r}")


def test_the_home_page_shows_the_journey_in_words(client, login, make, school, on_the_day):
    pupil = make.pupil(school, year_group=10)
    encounter = make.entry(pupil, occurred_on=date(2025, 1, 15), organisation="Riverside Bank")
    login(pupil.user)
    page = client.get("/").get_data(as_text=True)

    assert "My careers journey" in page
    assert "You have done 1 of 8 things for this year and before." in page
    assert item(page, "Meet an employer in Year 8").startswith("Done: Meet an employer")
    assert item(page, "Meet an employer in Year 9").startswith("Not yet: ")
    assert item(page, "Do more work experience in Year 12 or 13").startswith("Later: ")
    assert "Your school records this" in item(page, "Have a careers guidance interview")
    assert f'href="/passport/entries/{encounter.id}"' in page
    for heading in ("This year and before", "By 16", "By 18"):
        assert heading in page


def test_the_home_page_puts_what_to_do_next_first(client, login, make, school, on_the_day):
    pupil = make.pupil(school, year_group=10)
    draft = make.entry(pupil, occurred_on=date(2026, 10, 1), state="draft")
    login(pupil.user)
    page = client.get("/").get_data(as_text=True)
    page = page[page.index("<main") :]  # after the site menu, which links to pages too

    order = [
        page.index("What to do next"),
        page.index(f"/passport/entries/{draft.id}/edit"),
        page.index('href="/passport/record"'),
        page.index('href="/passport/timeline"'),
        page.index("My careers journey"),
    ]
    assert order == sorted(order)
    assert item(page, "Meet an employer this year (Year 10)").startswith("Not yet")


def test_the_home_page_links_only_to_pages_that_exist(client, login, make, school, app):
    pupil = make.pupil(school, year_group=10)
    login(pupil.user)
    page = client.get("/").get_data(as_text=True)
    assert ("What I want to do" in page) == ("passport.aspirations" in app.view_functions)
    assert ("My skills" in page) == ("passport.skills" in app.view_functions)
    assert "My timeline" in page
