"""What a pupil can record, in one data module: kinds of entry, encounter categories (and the
Gatsby benchmark each one counts towards), where an entry came from, and the feelings scale.

The benchmark is derived from the category, never typed in: encounters with employers and
employees count towards benchmark 5, encounters with providers of further and higher
education and training towards benchmark 7 (Gatsby Benchmarks, updated 2025). Experiences of
workplaces (benchmark 6: work shadowing, placements…) are the separate "workplace" kind.
"""

from __future__ import annotations

from dataclasses import dataclass

ENCOUNTER = "encounter"

KINDS = {
    ENCOUNTER: "Encounter",
    "workplace": "Workplace experience",
    "achievement": "Achievement",
}

BENCHMARKS = {
    5: "Benchmark 5: encounters with employers and employees",
    7: "Benchmark 7: encounters with further and higher education",
}


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    benchmark: int


ENCOUNTER_CATEGORIES = {
    c.code: c
    for c in (
        Category("employer_talk", "A talk by an employer or employee", 5),
        Category("careers_fair", "A careers fair", 5),
        Category("enterprise", "An enterprise activity", 5),
        Category("mentoring", "A mentoring session", 5),
        Category("workplace_visit", "A visit to a workplace", 5),
        Category("sixth_form", "A school sixth form", 7),
        Category("fe_college", "A further education (FE) college", 7),
        Category("apprenticeship_provider", "An apprenticeship or training provider", 7),
        Category("university", "A university", 7),
        Category("supported_internship", "A supported internship provider", 7),
    )
}


def benchmark_of(category: str | None) -> int | None:
    """The Gatsby benchmark an encounter of this category counts towards (None if unknown)."""
    found = ENCOUNTER_CATEGORIES.get(category or "")
    return found.benchmark if found else None


def category_label(category: str | None) -> str:
    found = ENCOUNTER_CATEGORIES.get(category or "")
    return found.label if found else "Encounter"


STATES = {"draft": "Draft", "submitted": "Saved"}

PUPIL = "pupil"
SOURCES = {
    PUPIL: ("Written by you", "Written by the pupil"),
    "staff_group_activity": (
        "Recorded by staff for a group activity",
        "Recorded by staff for a group activity",
    ),
    "imported_passport": (
        "Brought from your previous school's passport",
        "Imported from a previous school's passport",
    ),
    "imported_file": ("Imported from a file", "Imported from a file"),
}


def source_label(source: str, *, for_pupil: bool) -> str:
    """Provenance in words, said to the pupil ("Written by you") or to staff."""
    to_pupil, to_staff = SOURCES.get(source, (source, source))
    return to_pupil if for_pupil else to_staff


FEELINGS = {
    1: "Very unhappy",
    2: "Unhappy",
    3: "OK",
    4: "Happy",
    5: "Very happy",
}

# The fields an encounter revision holds, in the order they are shown.
ENCOUNTER_FIELDS = (
    "category",
    "organisation",
    "sector",
    "occurred_on",
    "what_i_did",
    "who_i_met",
    "what_i_learned",
    "feeling",
    "what_next",
)
