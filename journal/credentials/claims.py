"""What a credential says about each thing the school stands behind, in plain words: the
title, what was done, the criteria, the Gatsby benchmark, and the evidence. The pupil's own
words (what they did, what they learned) go in only if the pupil chose that."""

from __future__ import annotations

from journal.passport.entries.models import Entry
from journal.passport.plans.models import SkillRating
from journal.passport.signoff.models import SignOff
from journal.reference import kinds, skills
from journal.schools.models import School

from .issuing import Claim

ACHIEVEMENT_TYPES = {
    kinds.ENCOUNTER: "ext:CareersEncounter",
    kinds.WORKPLACE: "ext:WorkplaceExperience",
    kinds.ACHIEVEMENT: "Achievement",
}
KIND_WORDS = {
    kinds.ENCOUNTER: "encounter",
    kinds.WORKPLACE: "experience of a workplace",
    kinds.ACHIEVEMENT: "achievement",
}
ROLE_WORDS = {
    "tutor": "tutor",
    "careers_leader": "careers leader",
    "careers_adviser": "careers adviser",
    "senco": "SENCO",
}


def _own_words(content: dict) -> str:
    parts = [
        f"{kinds.PROMPTS.get(name, name)} {content[name].strip()}"
        for name in ("what_i_did", "what_i_learned")
        if isinstance(content.get(name), str) and content[name].strip()
    ]
    return " ".join(parts)


def sign_off_claim(entry: Entry, sign_off: SignOff, school: School, *, own_words: bool) -> Claim:
    """What a staff-signed encounter, workplace experience or achievement says."""
    content = sign_off.revision.content
    what = KIND_WORDS.get(entry.kind, "entry")
    when = content.get("occurred_on") or entry.occurred_on.isoformat()
    where = content.get("organisation") or content.get("employer") or content.get("awarded_by")
    description = f"{kinds.title_of(entry.kind, content)}, on {when}"
    if where:
        description += f", with {where}"
    role = ROLE_WORDS.get(sign_off.signer_role, sign_off.signer_role)
    confirmed = (
        f"Confirmed by {sign_off.signer_name}, {role} at {school.name}, "
        f"on {sign_off.signed_at.date().isoformat()}."
    )
    evidence = confirmed
    if own_words and (words := _own_words(content)):
        evidence += f" In the pupil's own words: {words}"
    return Claim(
        title=kinds.title_of(entry.kind, content),
        description=description + ".",
        criteria=(
            f"A member of staff at {school.name} checked the pupil's record of this {what} in "
            "their Careers Passport and signed off that it happened as recorded."
        ),
        achievement_type=ACHIEVEMENT_TYPES.get(entry.kind, "Achievement"),
        benchmark=entry.benchmark or (6 if entry.kind == kinds.WORKPLACE else None),
        evidence=evidence,
        occurred_on=when,
    )


def skill_claim(rating: SkillRating, school: School, *, own_words: bool, staff_name: str) -> Claim:
    """What a Skills Builder step recorded by a member of staff says."""
    name = skills.skill_name(rating.skill)
    step_words = skills.descriptor(rating.skill, rating.step)
    evidence = (
        f"Recorded by {staff_name} at {school.name} on {rating.created_at.date().isoformat()}."
    )
    if own_words and rating.note.strip():
        evidence += f" Note: {rating.note.strip()}"
    return Claim(
        title=f"{name}: step {rating.step} of the Skills Builder framework",
        description=f"{step_words} ({skills.band_name(rating.step)}).",
        criteria=(
            f"A member of staff at {school.name} saw the pupil show {name.lower()} at step "
            f"{rating.step} of the Skills Builder Universal Framework and recorded it."
        ),
        achievement_type="Competency",
        benchmark=None,
        evidence=evidence,
        occurred_on=rating.created_at.date().isoformat(),
    )
