"""The places and words a generated demo passport draws on, read from the data files
(``data/sectors.toml``, ``places.toml``, ``words.toml``, ``awards.toml``, ``passport.toml``)
into the shapes ``journal_demo.story`` uses. Their order is part of the seeded random sequence:
the same files give the same demo."""

from __future__ import annotations

from dataclasses import dataclass

from .common import data

EMPLOYER = "employer"
TERM_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)


@dataclass(frozen=True)
class Sector:
    """A kind of work as a pupil would name it, with what they might see and learn there."""

    name: str
    jobs: tuple[str, ...]
    tasks: tuple[str, ...]  # what I did, after "I"
    facts: tuple[str, ...]  # what I learned, after "I learned that"
    roles: tuple[str, ...]  # a placement role
    course: str  # at college
    a_levels: str
    degree: str
    apprenticeship: str
    hopes: tuple[tuple[str, str], ...]  # aspirations as they firm up: (what, why)


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str  # EMPLOYER, or the encounter category of a provider
    sector: str  # a key of SECTORS ("" for a provider of education)


@dataclass(frozen=True)
class Words:
    """Sentences a pupil might write for each prompt; {placeholders} are filled per entry."""

    did: tuple[str, ...]
    met: tuple[str, ...]
    learned: tuple[str, ...]
    next: tuple[str, ...]


@dataclass(frozen=True)
class Award:
    kind: str  # a key of kinds.ACHIEVEMENT_KINDS
    title: str
    awarded_by: str
    did: str
    learned: str
    years: tuple[int, int]  # the year groups it fits, first and last
    who: str = "all"  # "all", "send" (SEN support or an EHCP) or "no_ehcp"
    months: tuple[int, ...] = TERM_MONTHS


def _tuples(value):
    """Lists from a data file as tuples, all the way down (the dataclasses are frozen)."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _sector(table: dict) -> Sector:
    return Sector(**{name: _tuples(value) for name, value in table.items()})


def _words(table: dict, **given: tuple[str, ...]) -> Words:
    return Words(**{name: _tuples(value) for name, value in table.items()} | given)


def _award(table: dict) -> Award:
    return Award(**{name: _tuples(value) for name, value in table.items()})


SECTORS = {key: _sector(table) for key, table in data("sectors").items()}

_PLACES = data("places")
ORGANISATIONS = tuple(Organisation(*row) for row in _PLACES["organisations"])
EMPLOYERS = tuple(o for o in ORGANISATIONS if o.kind == EMPLOYER)
PROVIDER_SECTORS: dict[str, str] = _PLACES["provider_sectors"]
CAREERS_FAIRS: tuple[str, ...] = _tuples(_PLACES["careers_fairs"])
IN_SCHOOL: tuple[tuple[str, str, str], ...] = _tuples(_PLACES["in_school"])  # where, sector, role
ONLINE_SECTORS: tuple[str, ...] = _tuples(_PLACES["online_sectors"])
UNIVERSITIES: tuple[str, ...] = _tuples(_PLACES["universities"])

_WORDS = data("words")
PEOPLE: tuple[str, ...] = _tuples(_WORDS["people"])
FAMILY: tuple[str, ...] = _tuples(_WORDS["family"])
SUBJECTS: tuple[str, ...] = _tuples(_WORDS["subjects"])
PRODUCTS: tuple[str, ...] = _tuples(_WORDS["products"])
CAN: tuple[str, ...] = _tuples(_WORDS["can"])
EXTRAS: tuple[str, ...] = _tuples(_WORDS["extras"])
FIRST_DAY: str = _WORDS["first_day"]
LAST_DAY: str = _WORDS["last_day"]
ENCOUNTER_WORDS = {category: _words(t) for category, t in _WORDS["encounter"].items()}
WORKPLACE_WORDS = _words(_WORDS["workplace"])
DIARY_WORDS = _words(_WORDS["diary"])
ONLINE_WORDS = _words(_WORDS["online"], learned=WORKPLACE_WORDS.learned)
ONLINE_DIARY_WORDS = _words(_WORDS["online_diary"], learned=DIARY_WORDS.learned)

_AWARDS = data("awards")
AWARDS = tuple(_award(table) for table in _AWARDS["award"])
RESULTS = {int(year): _award(table) for year, table in _AWARDS["results"].items()}

_PASSPORT = data("passport")
# What a pupil might write when rating each Skills Builder skill; {place} is the cited entry's.
SKILL_NOTES: dict[str, str] = _PASSPORT["skill_notes"]
# "All about me" phrases for each section of a SEND pupil's vocational profile.
PROFILE: dict[str, tuple[str, ...]] = {k: _tuples(v) for k, v in _PASSPORT["profile"].items()}
# When in the school year each kind of encounter tends to happen.
CATEGORY_MONTHS = {k: _tuples(v) for k, v in _PASSPORT["category_months"].items()}
# Encounters in each year group (15: post-19): (category, fewest, most).
ENCOUNTERS_BY_YEAR = {int(k): _tuples(v) for k, v in _PASSPORT["encounters_by_year"].items()}
# When a pupil states an intended destination: (year group, month), first and later.
DESTINATION_TIMES = {k: _tuples(v) for k, v in _PASSPORT["destination_times"].items()}
