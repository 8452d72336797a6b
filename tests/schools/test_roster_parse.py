"""Tests for the roster CSV parser (pure Python: no app, no database)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from stdnum.gb import upn as upn_lib

from journal.schools.roster import (
    ParsedRoster,
    Rejection,
    RosterFileError,
    RosterRow,
    parse_roster,
)

TODAY = date(2025, 9, 1)
ARBOR_SAMPLE = Path("/work/shared/domain/examples/roster-arbor-style.csv")

# Real local-authority codes: 886 Kent, 202 Camden, 330 Birmingham.
KENT, CAMDEN, BIRMINGHAM = 886, 202, 330


def make_upn(la: int = KENT, school: int = 4001, year: int = 12, serial: int = 1) -> str:
    """A valid permanent UPN with the right check letter."""
    body = f"{la:03d}{school:04d}{year:02d}{serial:03d}"
    return upn_lib.calc_check_digit(body) + body


def make_temporary_upn(la: int = CAMDEN, serial: int = 12, letter: str = "A") -> str:
    """A valid temporary UPN (2-digit serial then a letter)."""
    body = f"{la:03d}400124{serial:02d}{letter}"
    return upn_lib.calc_check_digit(body) + body


def wrong_check_letter(number: str) -> str:
    """The same UPN with a different (wrong) check letter."""
    return ("B" if number[0] != "B" else "C") + number[1:]


UPN1 = make_upn(KENT, serial=1)
UPN2 = make_upn(CAMDEN, serial=2)
UPN3 = make_upn(BIRMINGHAM, serial=3)

SIMS_HEADER = (
    "UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,"
    "DOB,Gender,Year,Reg,SEN Status,FSM Eligible"
)
SIMS_CSV = f"""{SIMS_HEADER}
{UPN1},Smith,Jonathan,,Jon,14/03/2011,M,10,10W,N,N
{UPN2},O'Brien,Siobhán,,,02/09/2012,F,9,9A,K,Y
{UPN3},Nowak,Zofia,Nowak-Smith,Zofia,28/02/2009,F,12,12N,E,N
"""

ARBOR_CSV = f"""Student ID,UPN,First Name,Last Name,Date of Birth,Gender,Year Group,\
Registration Form,SEN Status,Free School Meals
S1,{UPN1},Aisha,Begum,2012-02-10,Female,Year 8,8H,SEN Support,Yes
S2,{UPN2},Tom,Walker,2010-06-21,Male,Year 10,10W,No Special Educational Need,No
S3,{UPN3},Maya,Patel,2009-10-03,Female,Year 11,11P,"Education, Health and Care Plan",No
"""

MINIMAL_HEADER = "UPN,Forename,Surname,DOB,Year"


def parse(text: str, **kwargs) -> ParsedRoster:
    """Parse UTF-8 text with a fixed 'today'."""
    return parse_roster(text.encode("utf-8"), today=kwargs.pop("today", TODAY), **kwargs)


def minimal(*rows: str, header: str = MINIMAL_HEADER) -> ParsedRoster:
    """Parse a small file with the minimal header and the given data rows."""
    return parse("\n".join([header, *rows]) + "\n")


def row_line(
    upn: str = UPN1,
    first: str = "Sam",
    last: str = "Jones",
    dob: str = "01/09/2011",
    year: str = "9",
) -> str:
    """One data row for the minimal header."""
    return f"{upn},{first},{last},{dob},{year}"


def only_reason(parsed: ParsedRoster) -> str:
    """The reason of the single rejection, asserting there are no rows."""
    assert parsed.rows == []
    assert len(parsed.rejections) == 1
    return parsed.rejections[0].reason


# --- whole files in each MIS style -------------------------------------------------------------


@pytest.mark.skipif(not ARBOR_SAMPLE.exists(), reason="shared Arbor sample not present")
def test_arbor_sample_file_parses_cleanly():
    parsed = parse_roster(ARBOR_SAMPLE.read_bytes(), today=TODAY)
    assert parsed.rejections == []
    assert len(parsed.rows) == 6
    assert [r.line for r in parsed.rows] == [2, 3, 4, 5, 6, 7]
    assert [r.sen_status for r in parsed.rows] == ["K", "N", "E", "N", "K", "E"]
    assert [r.year_group for r in parsed.rows] == [8, 10, 11, 12, 7, 13]
    first = parsed.rows[0]
    assert first.upn == "C886200119563"
    assert first.external_id == "S500"
    assert first.tutor_group == "8H"
    assert first.fsm is True
    assert first.date_of_birth == date(2012, 2, 10)
    assert parsed.rows[3].legal_last_name == "McGregor"


def test_sims_style():
    parsed = parse(SIMS_CSV)
    assert parsed.rejections == []
    assert parsed.unmapped_headers == []
    assert parsed.columns == {
        "upn": "UPN",
        "legal_first_name": "Legal Forename",
        "legal_last_name": "Legal Surname",
        "preferred_first_name": "Preferred Forename",
        "preferred_last_name": "Preferred Surname",
        "date_of_birth": "DOB",
        "year_group": "Year",
        "tutor_group": "Reg",
        "sen_status": "SEN Status",
        "fsm": "FSM Eligible",
        "gender": "Gender",
    }
    jon, siobhan, zofia = parsed.rows
    assert jon == RosterRow(
        line=2,
        upn=UPN1,
        uln=None,
        legal_first_name="Jonathan",
        legal_last_name="Smith",
        preferred_first_name="Jon",
        preferred_last_name=None,
        date_of_birth=date(2011, 3, 14),
        year_group=10,
        tutor_group="10W",
        sen_status="N",
        fsm=False,
        pupil_premium=None,
        looked_after=None,
        gender="Male",
        external_id=None,
    )
    assert siobhan.legal_first_name == "Siobhán"
    assert (siobhan.sen_status, siobhan.fsm, siobhan.gender) == ("K", True, "Female")
    assert siobhan.date_of_birth == date(2012, 9, 2)
    assert zofia.preferred_first_name is None  # same as legal
    assert zofia.preferred_last_name == "Nowak-Smith"
    assert zofia.sen_status == "E"


def test_arbor_style_inline():
    parsed = parse(ARBOR_CSV)
    assert parsed.rejections == []
    assert [r.sen_status for r in parsed.rows] == ["K", "N", "E"]
    assert [r.external_id for r in parsed.rows] == ["S1", "S2", "S3"]
    assert [r.tutor_group for r in parsed.rows] == ["8H", "10W", "11P"]
    assert [r.fsm for r in parsed.rows] == [True, False, False]
    assert parsed.columns["external_id"] == "Student ID"
    assert parsed.columns["tutor_group"] == "Registration Form"


def test_bromcom_style_with_uln_pp_and_cla():
    text = (
        "Adno,UPN,ULN,Legal Forename,Legal Surname,Preferred Forename,Date Of Birth,Sex,"
        "NC Year,Tutor Group,SEND Status,Pupil Premium,CLA,House\n"
        f"001234,{UPN1},1234567890,Oliver,Brown,Ollie,05.11.2008,Male,Year 12,12B,"
        "EHCP,True,False,Red\n"
    )
    parsed = parse(text)
    assert parsed.rejections == []
    (row,) = parsed.rows
    assert row.external_id == "001234"
    assert row.uln == "1234567890"
    assert row.preferred_first_name == "Ollie"
    assert row.date_of_birth == date(2008, 11, 5)
    assert (row.year_group, row.tutor_group, row.sen_status) == (12, "12B", "E")
    assert (row.pupil_premium, row.looked_after, row.fsm) == (True, False, None)
    assert parsed.unmapped_headers == ["House"]


# --- header mapping ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Unique Pupil Number", "upn"),
        ("upn", "upn"),
        ("U.P.N.", "upn"),
        ("Unique_Learner_Number", "uln"),
        ("Legal First Name", "legal_first_name"),
        ("Given Name", "legal_first_name"),
        ("Firstname", "legal_first_name"),
        ("Legal Last Name", "legal_last_name"),
        ("Family Name", "legal_last_name"),
        ("Known As", "preferred_first_name"),
        ("Preferred First Name", "preferred_first_name"),
        ("Preferred Last Name", "preferred_last_name"),
        ("Birth Date", "date_of_birth"),
        ("date_of_birth", "date_of_birth"),
        ("National Curriculum Year", "year_group"),
        ("Curriculum Year", "year_group"),
        ("YEAR-GROUP", "year_group"),
        ("Registration Group", "tutor_group"),
        ("Reg Group", "tutor_group"),
        ("Form", "tutor_group"),
        ("Form Group", "tutor_group"),
        ("Class", "tutor_group"),
        ("SEN", "sen_status"),
        ("SEN Provision", "sen_status"),
        ("FSM", "fsm"),
        ("FSM Eligibility", "fsm"),
        ("Free School Meals", "fsm"),
        ("PP", "pupil_premium"),
        ("PP Eligible", "pupil_premium"),
        ("Looked After", "looked_after"),
        ("LAC", "looked_after"),
        ("In Care", "looked_after"),
        ("Admission No", "external_id"),
        ("Admission Number", "external_id"),
        ("MIS ID", "external_id"),
        ("(Adno)", "external_id"),
    ],
)
def test_header_aliases(header, field):
    base = {
        "upn": "UPN",
        "legal_first_name": "Forename",
        "legal_last_name": "Surname",
        "date_of_birth": "DOB",
        "year_group": "Year",
    }
    base[field] = header
    parsed = parse(",".join(base.values()) + "\n")
    assert parsed.columns[field] == header


def test_legal_name_columns_win_over_plain_ones_in_any_order():
    header = "First Name,Last Name,UPN,Legal Forename,Legal Surname,DOB,Year"
    parsed = parse(f"{header}\nJo,Bloggs,{UPN1},Joanna,Bloggs-Smith,01/01/2012,8\n")
    (row,) = parsed.rows
    assert (row.legal_first_name, row.legal_last_name) == ("Joanna", "Bloggs-Smith")
    assert parsed.columns["legal_first_name"] == "Legal Forename"
    assert parsed.unmapped_headers == ["First Name", "Last Name"]


def test_unmapped_headers_are_listed_and_blank_headers_ignored():
    parsed = parse(f"{MINIMAL_HEADER},Ethnicity,,Attendance %\n")
    assert parsed.unmapped_headers == ["Ethnicity", "Attendance %"]


def test_repeated_header_uses_the_first_column():
    parsed = minimal(f"{row_line()},10", header=f"{MINIMAL_HEADER},Year Group")
    assert parsed.rows[0].year_group == 9
    assert parsed.unmapped_headers == ["Year Group"]


# --- encodings, delimiters and layout ----------------------------------------------------------


def test_utf8_bom_and_crlf():
    data = b"\xef\xbb\xbf" + SIMS_CSV.replace("\n", "\r\n").encode("utf-8")
    parsed = parse_roster(data, today=TODAY)
    assert parsed.rejections == []
    assert parsed.columns["upn"] == "UPN"
    assert [r.line for r in parsed.rows] == [2, 3, 4]
    assert parsed.rows[0].external_id is None
    assert parsed.rows[-1].fsm is False


def test_cp1252_windows_export():
    text = f"{MINIMAL_HEADER}\r\n{row_line(first='Zoë', last='Müller-Ní Bhriain')}\r\n"
    parsed = parse_roster(text.encode("cp1252"), today=TODAY)
    assert parsed.rows[0].legal_first_name == "Zoë"
    assert parsed.rows[0].legal_last_name == "Müller-Ní Bhriain"


def test_utf16_with_bom_tab_delimited():
    text = SIMS_CSV.replace(",", "\t")
    parsed = parse_roster(text.encode("utf-16"), today=TODAY)
    assert len(parsed.rows) == 3
    assert parsed.rows[1].legal_first_name == "Siobhán"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters(delimiter):
    parsed = parse(SIMS_CSV.replace(",", delimiter))
    assert parsed.rejections == []
    assert len(parsed.rows) == 3
    assert parsed.rows[0].preferred_first_name == "Jon"


def test_semicolon_file_with_commas_in_values():
    text = (
        "UPN;First Name;Last Name;DOB;Year;SEN Status\n"
        f'{UPN1};Amy;Lee;01/02/2012;8;"Education, Health and Care Plan"\n'
        f"{UPN2};Ben;Fox;03/04/2012;8;SEN Support\n"
    )
    parsed = parse(text)
    assert [r.sen_status for r in parsed.rows] == ["E", "K"]


def test_blank_lines_are_skipped_but_line_numbers_stay_physical():
    text = f"\n{MINIMAL_HEADER}\n\n{row_line()}\n   \n,,,,\n{row_line(UPN2, year='10x')}\n\n"
    parsed = parse(text)
    assert [r.line for r in parsed.rows] == [4]
    assert [r.line for r in parsed.rejections] == [7]


def test_quoted_multiline_cell_keeps_later_line_numbers_right():
    text = (
        "UPN,First Name,Last Name,DOB,Year,Notes\n"
        f'{UPN1},Amy,Lee,01/02/2012,8,"line one\nline two"\n'
        f"{UPN2},Ben,Fox,03/04/2012,8,\n"
    )
    parsed = parse(text)
    assert [r.line for r in parsed.rows] == [2, 4]


def test_ragged_rows_short_and_long():
    header = f"{MINIMAL_HEADER},Reg,FSM"
    parsed = minimal(row_line(), f"{row_line(UPN2)},9B,Yes,extra,cells", header=header)
    short, long = parsed.rows
    assert (short.tutor_group, short.fsm) == (None, False)
    assert (long.tutor_group, long.fsm) == ("9B", True)


def test_cells_are_stripped_and_names_kept_as_typed():
    parsed = minimal(
        f"  {UPN1.lower()}  ,  mary   ANNE ,  de la  Cruz , 01/09/2011 , Year 9 ",
        f"{UPN2},SEAN,McDONALD,01/09/2011,9",
    )
    first, second = parsed.rows
    assert first.upn == UPN1
    assert (first.legal_first_name, first.legal_last_name) == ("mary ANNE", "de la Cruz")
    assert (second.legal_first_name, second.legal_last_name) == ("SEAN", "McDONALD")


def test_header_only_file_gives_no_rows():
    parsed = parse(MINIMAL_HEADER + "\n")
    assert parsed == ParsedRoster(
        rows=[], rejections=[], columns=parsed.columns, unmapped_headers=[]
    )
    assert set(parsed.columns) == {
        "upn",
        "legal_first_name",
        "legal_last_name",
        "date_of_birth",
        "year_group",
    }


def test_absent_optional_columns_give_none_and_sen_n():
    (row,) = minimal(row_line()).rows
    assert (row.fsm, row.pupil_premium, row.looked_after) == (None, None, None)
    assert (row.gender, row.external_id, row.uln, row.tutor_group) == (None, None, None, None)
    assert (row.preferred_first_name, row.preferred_last_name) == (None, None)
    assert row.sen_status == "N"


# --- RosterFileError ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\n\r\n  \n", "no header row"),
        (b"\xef\xbb\xbf", "no header row"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Excel"),
        (b"UPN,Name\x00\x00\x01", "not a text"),
        (b"UPN,First Name\n\x81\x8d\x8f\x90\x9d", "could not be read"),
    ],
)
def test_unreadable_files(data, message):
    with pytest.raises(RosterFileError, match=message):
        parse_roster(data, today=TODAY)


def test_missing_required_columns_are_named_with_headers_found():
    with pytest.raises(RosterFileError) as excinfo:
        parse("Name,Date of Birth,Class\nAmy Lee,01/01/2012,8A\n")
    message = str(excinfo.value)
    assert "UPN, first name, last name and year group" in message
    assert "date of birth" not in message.split("Headers found")[0]
    assert '"Name", "Date of Birth", "Class"' in message


def test_not_a_csv_at_all():
    with pytest.raises(RosterFileError, match="no column for UPN"):
        parse("Dear admin,\nplease find attached the pupils.\n")


@pytest.mark.parametrize("missing", ["UPN", "Forename", "Surname", "DOB", "Year"])
def test_each_required_column(missing):
    header = ",".join(h for h in MINIMAL_HEADER.split(",") if h != missing)
    with pytest.raises(RosterFileError, match="no column for"):
        parse(header + "\n")


# --- UPN ---------------------------------------------------------------------------------------


def test_stdnum_accepts_the_la_codes_used_here():
    for la in (KENT, CAMDEN, BIRMINGHAM):
        assert upn_lib.is_valid(make_upn(la))


def test_temporary_upn_ending_in_a_letter_is_accepted():
    temporary = make_temporary_upn()
    assert temporary[-1] == "A"
    parsed = minimal(row_line(upn=temporary))
    assert parsed.rows[0].upn == temporary


def test_upn_with_spaces_and_lower_case_is_cleaned():
    spaced = f"{UPN1[:4]} {UPN1[4:8]} {UPN1[8:]}".lower()
    assert minimal(row_line(upn=spaced)).rows[0].upn == UPN1


def test_missing_upn():
    parsed = minimal(row_line(upn=""))
    assert only_reason(parsed) == "missing UPN"
    assert parsed.rejections[0].upn is None
    assert parsed.rejections[0].name == "Sam Jones"


def test_upn_wrong_length():
    assert only_reason(minimal(row_line(upn=UPN1[:-1]))) == (
        f"UPN {UPN1[:-1]} has 12 characters (it should have 13)"
    )


@pytest.mark.parametrize(
    "bad", ["X80120000A001", "B8012000050I1", "1886400112001", "É886400112001"]
)
def test_upn_wrong_format(bad):
    reason = only_reason(minimal(row_line(upn=bad)))
    assert reason.startswith(f"UPN {bad} is not in the right format")


def test_upn_wrong_check_letter_names_the_expected_letter():
    bad = wrong_check_letter(UPN1)
    parsed = minimal(row_line(upn=bad))
    assert only_reason(parsed) == f"UPN {bad} has the wrong check letter (expected {UPN1[0]})"
    assert parsed.rejections[0].upn == bad


def test_upn_unknown_local_authority():
    body = "000400112001"
    bad = upn_lib.calc_check_digit(body) + body
    assert only_reason(minimal(row_line(upn=bad))) == (
        f"UPN {bad} has an unknown local-authority code (000)"
    )


# --- duplicates --------------------------------------------------------------------------------


def test_every_occurrence_of_a_duplicated_upn_is_rejected():
    parsed = minimal(
        row_line(UPN1, first="Amy"),
        row_line(UPN2, first="Ben"),
        row_line(UPN1.lower(), first="Cat"),
    )
    assert [r.upn for r in parsed.rows] == [UPN2]
    reason = f"UPN {UPN1} appears more than once in this file (lines 2 and 4)"
    assert parsed.rejections == [
        Rejection(line=2, reason=reason, upn=UPN1, name="Amy Jones"),
        Rejection(line=4, reason=reason, upn=UPN1, name="Cat Jones"),
    ]


def test_three_occurrences_list_all_lines():
    parsed = minimal(row_line(), row_line(), row_line())
    assert {r.reason for r in parsed.rejections} == {
        f"UPN {UPN1} appears more than once in this file (lines 2, 3 and 4)"
    }


def test_duplicate_is_added_to_other_problems():
    parsed = minimal(row_line(year="3"), row_line())
    assert parsed.rejections[0].reason == (
        "year group 3 is outside Years 7–14; "
        f"UPN {UPN1} appears more than once in this file (lines 2 and 3)"
    )


def test_blank_upns_are_not_duplicates_of_each_other():
    parsed = minimal(row_line(upn=""), row_line(upn=""))
    assert [r.reason for r in parsed.rejections] == ["missing UPN", "missing UPN"]


# --- names and ULN -----------------------------------------------------------------------------


def test_missing_names():
    parsed = minimal(row_line(first=""), row_line(UPN2, last="  "), row_line(UPN3, "", ""))
    assert [r.reason for r in parsed.rejections] == [
        "missing first name",
        "missing last name",
        "missing first name; missing last name",
    ]
    assert [r.name for r in parsed.rejections] == ["Jones", "Sam", None]


def test_preferred_name_same_as_legal_ignoring_case_is_none():
    header = f"{MINIMAL_HEADER},Known As,Preferred Surname"
    parsed = minimal(f"{row_line()},SAM,jones", f"{row_line(UPN2)},Sammy,", header=header)
    first, second = parsed.rows
    assert (first.preferred_first_name, first.preferred_last_name) == (None, None)
    assert (second.preferred_first_name, second.preferred_last_name) == ("Sammy", None)


@pytest.mark.parametrize(("value", "expected"), [("1234567890", "1234567890"), ("", None)])
def test_valid_uln(value, expected):
    parsed = minimal(f"{row_line()},{value}", header=f"{MINIMAL_HEADER},ULN")
    assert parsed.rows[0].uln == expected


@pytest.mark.parametrize("value", ["123456789", "12345678901", "12345ABCDE", "1.23457E+09"])
def test_invalid_uln(value):
    parsed = minimal(f"{row_line()},{value}", header=f"{MINIMAL_HEADER},ULN")
    assert only_reason(parsed) == f"ULN {value} must be exactly 10 digits"


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2011-03-14",
        "14/03/2011",
        "14-03-2011",
        "14.03.2011",
        "2011-3-14",
        "14/3/2011",
        "14/03/2011 00:00",
        "2011-03-14T00:00:00",
    ],
)
def test_date_formats(value):
    assert minimal(row_line(dob=value)).rows[0].date_of_birth == date(2011, 3, 14)


def test_day_first_not_month_first():
    assert minimal(row_line(dob="4/5/2012")).rows[0].date_of_birth == date(2012, 5, 4)


@pytest.mark.parametrize("value", ["14/03/11", "14-03-11", "1.3.11"])
def test_two_digit_years_are_rejected_as_ambiguous(value):
    reason = only_reason(minimal(row_line(dob=value)))
    assert reason.startswith(f"date of birth {value} has a two-digit year, which is ambiguous")


def test_impossible_date():
    reason = only_reason(minimal(row_line(dob="31/02/2010")))
    assert reason == "date of birth 31/02/2010 is not a real date"


@pytest.mark.parametrize("value", ["March 2011", "14/03/2011/1", "2011/03", "next week"])
def test_unrecognised_date(value):
    reason = only_reason(minimal(row_line(dob=value)))
    assert (
        reason == f'date of birth "{value}" is not a recognised date (use DD/MM/YYYY or YYYY-MM-DD)'
    )


def test_missing_date_of_birth():
    assert only_reason(minimal(row_line(dob=""))) == "missing date of birth"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("02/09/2022", "date of birth 02/09/2022 is implausible (the pupil would be under 3)"),
        ("31/08/1994", "date of birth 31/08/1994 is implausible (the pupil would be 31)"),
        ("02/09/2025", "date of birth 02/09/2025 is implausible (it is in the future)"),
    ],
)
def test_implausible_dates(value, reason):
    assert only_reason(minimal(row_line(dob=value))) == reason


@pytest.mark.parametrize("value", ["01/09/2022", "02/09/1994", "01/09/1995"])
def test_plausible_age_boundaries(value):
    assert len(minimal(row_line(dob=value)).rows) == 1


def test_default_today_is_the_real_date():
    dob = date.today().replace(year=date.today().year - 12, day=1).strftime("%d/%m/%Y")
    parsed = parse_roster(f"{MINIMAL_HEADER}\n{row_line(dob=dob)}\n".encode())
    assert len(parsed.rows) == 1


# --- year groups -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10", 10),
        ("Y10", 10),
        ("Yr 10", 10),
        ("Year 10", 10),
        ("Year10", 10),
        ("year 10", 10),
        ("NC 10", 10),
        ("07", 7),
        ("7", 7),
        ("14", 14),
        ("Year 13", 13),
        ("Post-19", 15),
        ("19+", 15),
        ("Post 19", 15),
        ("post19", 15),
    ],
)
def test_year_groups(value, expected):
    assert minimal(row_line(year=value)).rows[0].year_group == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [("5", "5"), ("Year 5", "5"), ("1", "1"), ("Y6", "6"), ("R", "R"), ("Reception", "R"),
     ("YR", "R"), ("Year R", "R"), ("15", "15"), ("0", "0")],
)  # fmt: skip
def test_year_groups_outside_secondary(value, shown):
    reason = only_reason(minimal(row_line(year=value)))
    assert reason == f"year group {shown} is outside Years 7–14"


def test_missing_year_group():
    assert only_reason(minimal(row_line(year=""))) == "missing year group"


def test_unrecognised_year_group():
    assert only_reason(minimal(row_line(year="10W"))) == 'year group "10W" is not recognised'


# --- SEN, flags and gender ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("N", "N"),
        ("n", "N"),
        ("K", "K"),
        ("E", "E"),
        ("", "N"),
        ("None", "N"),
        ("No Special Educational Need", "N"),
        ("SEN Support", "K"),
        ("School Action", "K"),
        ("School Action Plus", "K"),
        ('"Education, Health and Care Plan"', "E"),
        ("EHC Plan", "E"),
        ("EHCP", "E"),
        ("Statement", "E"),
        ("K - SEN Support", "K"),
    ],
)
def test_sen_status(value, expected):
    parsed = minimal(f"{row_line()},{value}", header=f"{MINIMAL_HEADER},SEN Status")
    assert parsed.rows[0].sen_status == expected


def test_unknown_sen_status_quotes_the_value():
    parsed = minimal(f"{row_line()},Maybe later", header=f"{MINIMAL_HEADER},SEN")
    assert only_reason(parsed) == 'SEN status "Maybe later" is not recognised (expected N, K or E)'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Yes", True),
        ("yes", True),
        ("Y", True),
        ("TRUE", True),
        ("1", True),
        ("No", False),
        ("N", False),
        ("False", False),
        ("0", False),
        ("", False),
    ],
)
def test_boolean_flags(value, expected):
    header = f"{MINIMAL_HEADER},FSM,Pupil Premium,Looked After"
    (row,) = minimal(f"{row_line()},{value},{value},{value}", header=header).rows
    assert (row.fsm, row.pupil_premium, row.looked_after) == (expected, expected, expected)


@pytest.mark.parametrize(
    ("column", "label"), [("FSM", "FSM"), ("PP", "pupil premium"), ("CLA", "looked after")]
)
def test_unknown_boolean_value(column, label):
    parsed = minimal(f"{row_line()},Maybe", header=f"{MINIMAL_HEADER},{column}")
    assert only_reason(parsed) == f'{label} value "Maybe" is not recognised (use Yes or No)'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("F", "Female"),
        ("female", "Female"),
        ("M", "Male"),
        ("MALE", "Male"),
        ("non-binary", "Non-Binary"),
        ("not known", "Not Known"),
        ("", None),
    ],
)
def test_gender(value, expected):
    parsed = minimal(f"{row_line()},{value}", header=f"{MINIMAL_HEADER},Gender")
    assert parsed.rows[0].gender == expected


# --- several problems, and the result types ---------------------------------------------------


def test_all_problems_in_one_reason_in_column_order():
    header = f"{MINIMAL_HEADER},SEN,FSM,ULN"
    bad_upn = wrong_check_letter(UPN1)
    parsed = minimal(f"{bad_upn},,Jones,31/02/2010,5,X,Perhaps,12", header=header)
    rejection = parsed.rejections[0]
    assert rejection.reason.split("; ") == [
        f"UPN {bad_upn} has the wrong check letter (expected {UPN1[0]})",
        "ULN 12 must be exactly 10 digits",
        "missing first name",
        "date of birth 31/02/2010 is not a real date",
        "year group 5 is outside Years 7–14",
        'SEN status "X" is not recognised (expected N, K or E)',
        'FSM value "Perhaps" is not recognised (use Yes or No)',
    ]
    assert (rejection.line, rejection.upn, rejection.name) == (2, bad_upn, "Jones")


def test_good_and_bad_rows_are_separated_in_file_order():
    parsed = minimal(row_line(UPN1), row_line(UPN2, year="4"), row_line(UPN3))
    assert [r.line for r in parsed.rows] == [2, 4]
    assert [r.line for r in parsed.rejections] == [3]


def test_rows_are_frozen():
    row = minimal(row_line()).rows[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.upn = UPN2  # type: ignore[misc]


def test_two_thousand_rows_parse_without_rejections():
    lines = [SIMS_HEADER]
    for i in range(2000):
        lines.append(
            f"{make_upn(KENT, serial=i % 1000, year=12 + i // 1000)},Smith,Pupil {i},,,"
            f"14/03/2011,F,10,10W,K,Y"
        )
    data = "\r\n".join(lines).encode("utf-8")
    parsed = parse_roster(data, today=TODAY)
    assert len(parsed.rows) == 2000
    assert parsed.rejections == []
