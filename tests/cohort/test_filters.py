"""The one pupil filter (journal/cohort/filters.py): each part, parts combined, junk in a query
string, the round trips through a query string and through JSON, and never another school."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from journal.cohort.filters import NO_GROUP, NOT_RECORDED, PupilFilter, filter_options
from journal.extensions import db
from journal.schools.models import Pupil


@pytest.fixture
def roll(make):
    """A small school whose pupils differ in one thing each, and a pupil elsewhere who
    matches every filter."""
    school = make.school("Riverside")
    g10, g11 = make.group(school, "10H", 10), make.group(school, "11P", 11)
    pupils = {
        "plain": make.pupil(school, g10, first="Plain", gender="Male"),
        "y11": make.pupil(school, g11, first="Eleven", year_group=11, gender="Female"),
        "ehcp": make.pupil(
            school, g11, first="Ehcp", year_group=11, sen_status="E", career_send_group=1,
            gender="Female",
        ),
        "support": make.pupil(school, g10, first="Support", sen_status="K", career_send_group=2),
        "fsm": make.pupil(school, g10, first="Fsm", fsm=True, gender="Male"),
        "pp": make.pupil(school, g10, first="Pp", pupil_premium=True, gender="Male"),
        "lac": make.pupil(school, g10, first="Lac", looked_after=True, gender="Male"),
    }  # fmt: skip
    elsewhere = make.school("Elsewhere")
    foreign = make.pupil(
        elsewhere, make.group(elsewhere, "11P", 11), first="Foreign", year_group=11,
        sen_status="E", career_send_group=1, gender="Female", fsm=True, looked_after=True,
    )  # fmt: skip
    db.session.flush()
    return school, g10, g11, pupils, foreign


def _names(pupil_filter: PupilFilter, school) -> set[str]:
    query = pupil_filter.apply(select(Pupil).where(Pupil.school_id == school.id))
    return {p.legal_first_name for p in db.session.scalars(query)}


def _args(*pairs) -> PupilFilter:
    return PupilFilter.from_args(MultiDict(list(pairs)))


def test_empty_filter_is_every_pupil(roll):
    school, *_rest, pupils, _foreign = roll
    assert PupilFilter().is_empty
    assert _names(PupilFilter(), school) == {p.legal_first_name for p in pupils.values()}
    assert PupilFilter().describe() == "Every pupil"


def test_each_part(roll):
    school, _g10, g11, _pupils, _foreign = roll
    assert _names(_args(("year", "11")), school) == {"Eleven", "Ehcp"}
    assert _names(_args(("tutor_group", str(g11.id))), school) == {"Eleven", "Ehcp"}
    assert _names(_args(("sen", "E")), school) == {"Ehcp"}
    assert _names(_args(("sen", "K")), school) == {"Support"}
    assert _names(_args(("career_send", "1")), school) == {"Ehcp"}
    assert _names(_args(("career_send", "2")), school) == {"Support"}
    everyone_else = {"Plain", "Eleven", "Fsm", "Pp", "Lac"}
    assert _names(_args(("career_send", str(NO_GROUP))), school) == everyone_else
    assert _names(_args(("gender", "Female")), school) == {"Eleven", "Ehcp"}
    assert _names(_args(("gender", NOT_RECORDED)), school) == {"Support"}
    assert _names(_args(("disadvantaged", "yes")), school) == {"Fsm", "Pp"}
    assert "Fsm" not in _names(_args(("disadvantaged", "no")), school)
    assert len(_names(_args(("disadvantaged", "no")), school)) == 5
    assert _names(_args(("looked_after", "yes")), school) == {"Lac"}
    assert "Lac" not in _names(_args(("looked_after", "no")), school)


def test_values_within_a_part_are_alternatives_and_parts_combine(roll):
    school, g10, _g11, _pupils, _foreign = roll
    assert _names(_args(("sen", "E"), ("sen", "K")), school) == {"Ehcp", "Support"}
    assert _names(_args(("year", "11"), ("sen", "E")), school) == {"Ehcp"}
    assert _names(_args(("year", "10"), ("sen", "E")), school) == set()
    assert _names(_args(("gender", "Male"), ("disadvantaged", "yes")), school) == {"Fsm", "Pp"}
    assert _names(_args(("gender", "Male"), ("gender", NOT_RECORDED)), school) == {
        "Plain", "Support", "Fsm", "Pp", "Lac",
    }  # fmt: skip
    assert _names(_args(("career_send", "1"), ("career_send", "2")), school) == {
        "Ehcp",
        "Support",
    }
    combined = _args(("tutor_group", str(g10.id)), ("looked_after", "no"), ("disadvantaged", "no"))
    assert _names(combined, school) == {"Plain", "Support"}


def test_junk_in_the_query_string_is_dropped_never_an_error(roll):
    _school, *_rest = roll
    junk = _args(
        ("year", "eleven"), ("year", "6"), ("year", "11.5"), ("year", ""),
        ("tutor_group", "abc"), ("sen", "X"), ("sen", "e"), ("career_send", "3"),
        ("career_send", "one"), ("gender", "   "), ("disadvantaged", "maybe"),
        ("looked_after", "TRUE"),
    )  # fmt: skip
    assert junk == PupilFilter()
    assert _args(("year", " 11 "), ("year", "11")).year_groups == (11,)
    assert _args(("gender", " Female ")).genders == ("Female",)
    assert len(_args(("gender", "x" * 500)).genders[0]) == 40


def test_a_huge_number_in_the_query_string_is_dropped(roll):
    """A hand-edited link with a number too big for the database (SQLite raised
    OverflowError, a 500) or a negative one is dropped like any other junk."""
    school, _g10, _g11, pupils, _foreign = roll
    huge = _args(("tutor_group", "9" * 30), ("tutor_group", "-3"), ("year", "9" * 30))
    assert huge == PupilFilter()
    assert len(_names(huge, school)) == len(pupils)


def test_to_args_round_trip(roll):
    _school, g10, g11, _pupils, _foreign = roll
    full = PupilFilter(
        year_groups=(10, 11),
        tutor_group_ids=(g10.id, g11.id),
        sen_statuses=("E", "K"),
        career_send_groups=(NO_GROUP, 1),
        genders=(NOT_RECORDED, "Female"),
        disadvantaged=False,
        looked_after=True,
    )
    assert PupilFilter.from_args(MultiDict(full.to_args())) == full
    assert PupilFilter().to_args() == []
    assert ("disadvantaged", "no") in full.to_args()


def test_json_round_trip_and_junk(roll):
    _school, g10, _g11, _pupils, _foreign = roll
    chosen = PupilFilter(year_groups=(11,), tutor_group_ids=(g10.id,), disadvantaged=False)
    assert chosen.to_json() == {
        "year_groups": [11],
        "tutor_group_ids": [g10.id],
        "disadvantaged": False,
    }
    assert PupilFilter.from_json(chosen.to_json()) == chosen
    assert PupilFilter.from_json(None) == PupilFilter()
    junk = {"year_groups": ["x", 99], "sen_statuses": ["Q"], "looked_after": "yes", "other": 1}
    assert PupilFilter.from_json(junk) == PupilFilter()


def test_describe(roll):
    _school, _g10, g11, _pupils, _foreign = roll
    chosen = _args(("year", "11"), ("sen", "E"), ("looked_after", "yes"))
    assert chosen.describe() == "Year 11; EHCP; looked after"
    assert _args(("tutor_group", str(g11.id))).describe({g11.id: "11P"}) == "tutor group 11P"
    assert _args(("year", "10"), ("year", "11")).describe() == "Year 10 or Year 11"


def test_never_crosses_schools(roll, make):
    """Applied to a school's pupils, even a filter naming another school's tutor group finds
    nobody there, and the other school's matching pupil never appears."""
    school, _g10, _g11, _pupils, foreign = roll
    everything = _args(
        ("year", "11"), ("sen", "E"), ("career_send", "1"), ("gender", "Female"),
        ("disadvantaged", "yes"), ("looked_after", "yes"),
    )  # fmt: skip
    assert _names(everything, school) == set()
    assert _names(_args(("tutor_group", str(foreign.tutor_group_id))), school) == set()
    options = filter_options(school.id)
    assert [g.name for g in options.tutor_groups] == ["10H", "11P"]
    assert all(g.school_id == school.id for g in options.tutor_groups)
    assert options.genders == ["Female", "Male"]
