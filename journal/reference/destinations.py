"""Destination categories in one data module: the NCCIS activity codes local authorities use
(DfE "NCCIS management information requirement"), grouped, and the plain-words choices a pupil
picks an intended destination from, each mapped to a code.

Intended destinations (what a pupil plans at 16, at 18 and, with an EHCP, up to 25) and actual
destinations (on leaving and at the checkpoints after) use the same codes, so a plan can be
compared with what happened.
"""

from __future__ import annotations

from dataclasses import dataclass

GROUPS = {
    "education": "Education",
    "employment": "Employment",
    "training": "Training",
    "neet": "Not in education, employment or training",
    "not_known": "Not known",
}


@dataclass(frozen=True)
class Activity:
    code: str
    label: str
    group: str


ACTIVITIES = {
    a.code: a
    for a in (
        Activity("210", "School sixth form", "education"),
        Activity("220", "Sixth-form college", "education"),
        Activity("230", "Further education", "education"),
        Activity("240", "Higher education", "education"),
        Activity("250", "Part-time education", "education"),
        Activity("260", "Gap year", "education"),
        Activity("270", "Other full-time education", "education"),
        Activity("280", "Special post-16 institution", "education"),
        Activity("310", "Apprenticeship", "employment"),
        Activity(
            "320", "Full-time employment with study towards a regulated qualification", "employment"
        ),
        Activity("330", "Employment without training", "employment"),
        Activity("340", "Employment with other training", "employment"),
        Activity("350", "Temporary employment", "employment"),
        Activity("360", "Part-time employment", "employment"),
        Activity("380", "Self-employment", "employment"),
        Activity("381", "Self-employment with study", "employment"),
        Activity("410", "Work-based learning", "training"),
        Activity("430", "Other training", "training"),
        Activity("440", "DWP training and support programme", "training"),
        Activity("450", "Traineeship", "training"),
        Activity("460", "Supported internship", "training"),
        Activity("540", "Working not for reward", "neet"),
        Activity("550", "Working not for reward (other)", "neet"),
        Activity("610", "Not yet ready for work or learning", "neet"),
        Activity("615", "Start date agreed", "neet"),
        Activity("616", "Start date agreed (other)", "neet"),
        Activity("619", "Seeking education, employment or training", "neet"),
        Activity("620", "Not available: carer", "neet"),
        Activity("630", "Not available: teenage parent", "neet"),
        Activity("640", "Not available: illness", "neet"),
        Activity("650", "Not available: pregnancy", "neet"),
        Activity("680", "Not available: other reason", "neet"),
        Activity("810", "Not known", "not_known"),
        Activity("820", "Cannot be contacted", "not_known"),
        Activity("830", "Refused to disclose", "not_known"),
    )
}

HIGHER_EDUCATION = "240"
UNDECIDED = "undecided"

STAGES = {
    "16": "After Year 11 (at 16)",
    "18": "After Year 13 (at 18)",
    "25": "Later, up to 25",
}


@dataclass(frozen=True)
class Intention:
    """A choice a pupil can make, in plain words, and the activity code it means."""

    code: str
    label: str
    stages: tuple[str, ...]


INTENTIONS = {
    i.code: i
    for i in (
        Intention("210", "Stay on at a school sixth form", ("16",)),
        Intention("220", "Go to a sixth-form college", ("16",)),
        Intention("230", "Go to a further education (FE) college", ("16", "18", "25")),
        Intention("280", "Go to a specialist college", ("16", "18", "25")),
        Intention("310", "Start an apprenticeship", ("16", "18", "25")),
        Intention("460", "Do a supported internship", ("16", "18", "25")),
        Intention("240", "Go to university (higher education)", ("18", "25")),
        Intention("320", "Get a job with training", ("16", "18", "25")),
        Intention("330", "Get a job", ("18", "25")),
        Intention("360", "Work part-time", ("18", "25")),
        Intention("380", "Work for myself", ("18", "25")),
        Intention("430", "Do a training course", ("16", "18", "25")),
        Intention("540", "Volunteer", ("18", "25")),
        Intention("260", "Take a gap year", ("18",)),
        Intention(UNDECIDED, "I don't know yet", ("16", "18", "25")),
    )
}


def intentions_for(stage: str) -> list[Intention]:
    return [i for i in INTENTIONS.values() if stage in i.stages]


def activity_label(code: str | None) -> str:
    if code in INTENTIONS:
        return INTENTIONS[code].label
    found = ACTIVITIES.get(code or "")
    return found.label if found else "Not recorded"


def group_of(code: str | None) -> str | None:
    found = ACTIVITIES.get(code or "")
    return found.group if found else None


# What a former pupil can say they are doing now, in plain words, each mapped to a code. Used on
# the alumni checkpoint page (journal.destinations); staff choose from the full ACTIVITIES list.
NOW_DOING = {
    "210": "Studying at a school sixth form",
    "230": "Studying at a college",
    "280": "Studying at a specialist college",
    "240": "Studying at university",
    "310": "Doing an apprenticeship",
    "460": "Doing a supported internship",
    "320": "Working in a job with training",
    "330": "Working in a job",
    "360": "Working part-time",
    "380": "Working for myself",
    "430": "Doing a training course",
    "540": "Volunteering",
    "619": "Looking for work, study or training",
    "620": "Looking after someone (caring)",
    "640": "Not able to work or study because I am ill",
    "680": "Not working or studying for another reason",
}


def grouped_activities() -> dict[str, list[tuple[str, str]]]:
    """Group label -> [(code, "code label")], for a select list with one group per heading."""
    grouped: dict[str, list[tuple[str, str]]] = {label: [] for label in GROUPS.values()}
    for activity in ACTIVITIES.values():
        grouped[GROUPS[activity.group]].append((activity.code, f"{activity.code} {activity.label}"))
    return grouped
