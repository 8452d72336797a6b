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
WORKPLACE = "workplace"
DIARY = "diary"
ACHIEVEMENT = "achievement"

KINDS = {
    ENCOUNTER: "Encounter",
    WORKPLACE: "Workplace experience",
    DIARY: "Diary day",
    ACHIEVEMENT: "Achievement",
}

# What a pupil picks from "Record something" (a diary day is added from its placement).
RECORDABLE = {
    ENCOUNTER: "An encounter: a talk, a fair, a visit, a college or university",
    WORKPLACE: "Work experience: a visit, shadowing, a placement or an internship",
    ACHIEVEMENT: "An achievement: a certificate, an award, a qualification or volunteering",
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


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


def _choices(*pairs: tuple[str, str]) -> dict[str, Choice]:
    return {code: Choice(code, label) for code, label in pairs}


WORKPLACE_KINDS = _choices(
    ("work_visit", "A work visit"),
    ("shadowing", "Work shadowing"),
    ("placement", "A work placement"),
    ("extended_placement", "An extended placement (a day a week, or longer)"),
    ("supported_internship", "A supported internship"),
    ("internal", "Work experience in school"),
    ("virtual", "Virtual work experience (online)"),
)

ACHIEVEMENT_KINDS = _choices(
    ("certificate", "A certificate"),
    ("award", "An award"),
    ("qualification", "A qualification"),
    ("volunteering", "Volunteering"),
)


def label_of(choices: dict[str, Choice], code: str | None, default: str) -> str:
    found = choices.get(code or "")
    return found.label if found else default


def title_of(kind: str, content: dict, parent_content: dict | None = None) -> str:
    """An entry's title in words, from what the pupil wrote (no query)."""
    if kind == ENCOUNTER:
        label = category_label(content.get("category"))
        organisation = content.get("organisation")
        return f"{label}: {organisation}" if organisation else label
    if kind == WORKPLACE:
        label = label_of(WORKPLACE_KINDS, content.get("placement_kind"), "Work experience")
        employer = content.get("employer")
        return f"{label}: {employer}" if employer else label
    if kind == DIARY:
        employer = (parent_content or {}).get("employer")
        return f"Diary: a day at {employer}" if employer else "Diary day"
    if kind == ACHIEVEMENT:
        title = content.get("title")
        return title or label_of(ACHIEVEMENT_KINDS, content.get("achievement_kind"), "Achievement")
    return KINDS.get(kind, kind)


CATEGORY_FIELD = {
    ENCOUNTER: "category",
    WORKPLACE: "placement_kind",
    ACHIEVEMENT: "achievement_kind",
}


def category_of_entry(kind: str, content: dict) -> str | None:
    """The one word that sorts an entry within its kind (None for a diary day)."""
    name = CATEGORY_FIELD.get(kind)
    return (content.get(name) or None) if name else None


def benchmark_of_entry(kind: str, content: dict) -> int | None:
    """Encounters count towards 5 or 7 by category; workplace experiences towards 6."""
    if kind == ENCOUNTER:
        return benchmark_of(content.get("category"))
    if kind == WORKPLACE:
        return 6
    return None


STATES = {
    "draft": "Draft",
    "submitted": "Waiting to be signed off",
    "signed": "Signed off",
    "returned": "Returned with a comment",
}

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

# The five faces of the feelings scale: OpenMoji code points (static/vendor/openmoji/).
FACES = {1: "1F622", 2: "1F641", 3: "1F610", 4: "1F642", 5: "1F600"}

# The fields each kind's revision holds, in the order they are shown. Every kind also holds
# "occurred_on" (the day it happened, or began) and "attachments" (the files it shows).
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
WORKPLACE_FIELDS = (
    "placement_kind",
    "employer",
    "role",
    "sector",
    "occurred_on",
    "ends_on",
    "hours",
    "what_i_did",
    "who_i_met",
    "what_i_learned",
    "feeling",
    "what_next",
)
DIARY_FIELDS = ("occurred_on", "what_i_did", "what_i_learned", "feeling", "what_next")
ACHIEVEMENT_FIELDS = (
    "achievement_kind",
    "title",
    "awarded_by",
    "occurred_on",
    "what_i_did",
    "what_i_learned",
    "feeling",
)
FIELDS = {
    ENCOUNTER: ENCOUNTER_FIELDS,
    WORKPLACE: WORKPLACE_FIELDS,
    DIARY: DIARY_FIELDS,
    ACHIEVEMENT: ACHIEVEMENT_FIELDS,
}

# The guided questions, in the order they are asked and shown; each kind asks some of them.
PROMPTS = {
    "what_i_did": "What did you do?",
    "who_i_met": "Who did you meet?",
    "what_i_learned": "What did you learn?",
    "what_next": "What next?",
}

# Where a kind asks a question in other words.
QUESTIONS = {
    (DIARY, "what_i_did"): "What did you do that day?",
    (DIARY, "what_next"): "What next?",
    (WORKPLACE, "who_i_met"): "Who did you work with?",
    (ACHIEVEMENT, "what_i_did"): "What did you do to get it?",
    (ACHIEVEMENT, "what_i_learned"): "What does it show about you?",
}


def question_for(kind: str, name: str) -> str:
    return QUESTIONS.get((kind, name), PROMPTS.get(name, name))
