"""CV lines built from the passport: what a pupil can pick, and the suggested wording of each.

Every suggestion is the pupil's own words, lightly joined: the heading and dates come from the
entry's fields, the text from what they did and what they learned; a skill line is the "I can"
sentence of their latest rating, their note, and the entries they cited as evidence. Only the
pupil's own saved entries are offered (never a draft, never another pupil's). Lines are plain
text (Markdown marks such as ``**`` are taken off): the CV is shown and exported as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.plans.models import Aspiration, ProfileVersion, SkillRating
from journal.passport.plans.queries import current_profile
from journal.reference import kinds, skills
from journal.schools.models import Pupil

# Kinds a CV line can come from (a diary day belongs to its workplace experience).
PICKABLE_KINDS = (kinds.WORKPLACE, kinds.ENCOUNTER, kinds.ACHIEVEMENT)
# The most entries the picker lists, newest first.
PICK_LIMIT = 200

_MARKS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)


def plain(text: str | None) -> str:
    """A pupil's Markdown as plain text: emphasis marks and list bullets taken off, lines
    joined into one paragraph."""
    if not text:
        return ""
    text = _LIST_MARK.sub("", text)
    text = _MARKS.sub("", text)
    return " ".join(text.split())


def _sentence(text: str) -> str:
    text = plain(text)
    if text and text[-1] not in ".!?…)\"'”’":
        text += "."
    return text


def _joined(*parts: str | None) -> str:
    return " ".join(p for p in (_sentence(part) for part in parts) if p)


def _day(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def when_of(content: dict) -> str:
    """ "October 2026", or "October to December 2026", or "June 2025 to March 2026"."""
    first, last = _day(content.get("occurred_on")), _day(content.get("ends_on"))
    if first is None:
        return ""
    start = first.strftime("%B %Y")
    if last is None or (last.year, last.month) == (first.year, first.month) or last < first:
        return start
    if last.year == first.year:
        return f"{first.strftime('%B')} to {last.strftime('%B %Y')}"
    return f"{start} to {last.strftime('%B %Y')}"


# --- suggested lines ------------------------------------------------------------------------


def section_for(entry: Entry) -> str:
    """The CV section an entry's line goes in: volunteering is experience."""
    if entry.kind == kinds.ACHIEVEMENT:
        volunteering = entry.content.get("achievement_kind") == "volunteering"
        return "experience" if volunteering else "achievements"
    return "experience"


def heading_of(entry: Entry) -> str:
    content = entry.content
    if entry.kind == kinds.WORKPLACE:
        employer = plain(content.get("employer"))
        role = plain(content.get("role"))
        if employer and role:
            return f"{role[:1].upper()}{role[1:]}, {employer}"
        return employer or kinds.label_of(
            kinds.WORKPLACE_KINDS, content.get("placement_kind"), "Work experience"
        )
    if entry.kind == kinds.ACHIEVEMENT:
        title = plain(content.get("title")) or kinds.label_of(
            kinds.ACHIEVEMENT_KINDS, content.get("achievement_kind"), "Achievement"
        )
        awarded_by = plain(content.get("awarded_by"))
        return f"{title}, {awarded_by}" if awarded_by else title
    return plain(kinds.title_of(entry.kind, content))


def line_for(entry: Entry) -> dict:
    """An experience or achievement line: ``{"entry_id", "heading", "when", "text"}``."""
    content = entry.content
    return {
        "entry_id": entry.id,
        "heading": heading_of(entry),
        "when": when_of(content),
        "text": _joined(content.get("what_i_did"), content.get("what_i_learned")),
    }


def skill_line(rating: SkillRating, evidence: list[Entry]) -> dict:
    """A skills line: ``{"skill", "text", "entry_ids"}`` from the latest rating."""
    try:
        can = skills.descriptor(rating.skill, rating.step)
    except (KeyError, IndexError):
        can = ""
    text = _joined(can, rating.note)
    if evidence:
        text = f"{text} For example: {'; '.join(plain(e.title) for e in evidence)}.".strip()
    return {
        "skill": skills.skill_name(rating.skill),
        "text": text,
        "entry_ids": [e.id for e in evidence],
    }


def profile_suggestion(profile: ProfileVersion | None, aspiration: Aspiration | None) -> str:
    """A personal profile from "all about me" (what they are good at) and their latest
    aspiration (what they want to do and why)."""
    content = profile.content if profile is not None else {}
    parts = [content.get("strengths")]
    if aspiration is not None:
        parts += [aspiration.what, aspiration.why]
    return _joined(*parts)


def interests_suggestion(profile: ProfileVersion | None) -> str:
    return _joined((profile.content if profile is not None else {}).get("interests"))


# --- what can be picked -----------------------------------------------------------------------


@dataclass
class Pickable:
    """What a pupil can add to a CV, grouped as the picker shows it."""

    experience: list[Entry] = field(default_factory=list)
    encounters: list[Entry] = field(default_factory=list)
    achievements: list[Entry] = field(default_factory=list)
    # (rating, its evidence that is the pupil's own saved entries), in framework order
    skills: list[tuple[SkillRating, list[Entry]]] = field(default_factory=list)
    profile: str = ""
    interests: str = ""

    @property
    def entries(self) -> dict[int, Entry]:
        return {e.id: e for e in (*self.experience, *self.encounters, *self.achievements)}

    @property
    def ratings(self) -> dict[str, tuple[SkillRating, list[Entry]]]:
        return {rating.skill: (rating, evidence) for rating, evidence in self.skills}

    @property
    def empty(self) -> bool:
        return not (self.entries or self.skills or self.profile or self.interests)


def saved_entries(pupil: Pupil, ids: list[int] | None = None) -> list[Entry]:
    """The pupil's saved (not draft) entries a CV line can come from, newest first; only
    those with ``ids`` when given (two queries: the entries, then any parents for titles)."""
    query = (
        select(Entry)
        .where(
            Entry.pupil_id == pupil.id,
            Entry.state != "draft",
            Entry.kind.in_(PICKABLE_KINDS),
        )
        .options(
            joinedload(Entry.current_revision),
            selectinload(Entry.parent).joinedload(Entry.current_revision),
        )
        .order_by(Entry.occurred_on.desc(), Entry.id.desc())
    )
    if ids is not None:
        if not ids:
            return []
        query = query.where(Entry.id.in_(ids))
    return list(db.session.scalars(query.limit(PICK_LIMIT)))


def latest_ratings_with_evidence(pupil: Pupil) -> list[tuple[SkillRating, list[Entry]]]:
    """The pupil's newest rating of each skill with the evidence it cites that is the pupil's
    own saved entries, in the framework's order (two queries)."""
    newest = (
        select(func.max(SkillRating.id))
        .where(SkillRating.pupil_id == pupil.id)
        .group_by(SkillRating.skill)
    )
    ratings = db.session.scalars(
        select(SkillRating)
        .where(SkillRating.id.in_(newest))
        .options(
            selectinload(SkillRating.evidence).options(
                joinedload(Entry.current_revision),
                joinedload(Entry.parent).joinedload(Entry.current_revision),
            )
        )
    )
    order = {code: i for i, code in enumerate(skills.SKILLS)}
    found = [
        (
            rating,
            [
                e
                for e in sorted(rating.evidence, key=lambda e: (e.occurred_on, e.id))
                if e.pupil_id == pupil.id and not e.is_draft
            ],
        )
        for rating in ratings
    ]
    return sorted(found, key=lambda pair: order.get(pair[0].skill, len(order)))


def latest_aspiration(pupil: Pupil) -> Aspiration | None:
    query = select(Aspiration).where(Aspiration.pupil_id == pupil.id)
    return db.session.scalar(query.order_by(Aspiration.id.desc()).limit(1))


def pickable(pupil: Pupil) -> Pickable:
    """Everything the pupil can add to a CV (a fixed number of queries, however much there
    is)."""
    found = Pickable()
    for entry in saved_entries(pupil):
        if entry.kind == kinds.ENCOUNTER:
            found.encounters.append(entry)
        elif section_for(entry) == "experience":
            found.experience.append(entry)
        else:
            found.achievements.append(entry)
    found.skills = latest_ratings_with_evidence(pupil)
    profile = current_profile(pupil)
    found.profile = profile_suggestion(profile, latest_aspiration(pupil))
    found.interests = interests_suggestion(profile)
    return found


def add_to_cv(
    content: dict,
    available: Pickable,
    *,
    entry_ids: list[int],
    skill_codes: list[str],
    profile: bool = False,
    interests: bool = False,
) -> tuple[dict, int]:
    """``content`` with a suggested line for each chosen entry and skill (only those in
    ``available``: the pupil's own saved ones), and the profile or interests filled in where
    chosen. An entry or skill already on the CV is not added twice. Returns the new content
    and how many things were added."""
    new = {
        key: [dict(row) for row in value] if isinstance(value, list) else value
        for key, value in content.items()
    }
    for key in ("education", "experience", "skills", "achievements"):
        new.setdefault(key, [])
    added = 0
    on_cv = {row.get("entry_id") for key in ("experience", "achievements") for row in new[key]} - {
        None
    }
    entries = available.entries
    for entry_id in entry_ids:
        entry = entries.get(entry_id)
        if entry is None or entry.id in on_cv:
            continue
        new[section_for(entry)].append(line_for(entry))
        on_cv.add(entry.id)
        added += 1
    ratings = available.ratings
    skills_on_cv = {row.get("skill") for row in new["skills"]}
    for code in skill_codes:
        if code not in ratings or skills.skill_name(code) in skills_on_cv:
            continue
        new["skills"].append(skill_line(*ratings[code]))
        skills_on_cv.add(skills.skill_name(code))
        added += 1
    for key, wanted, suggestion in (
        ("profile", profile, available.profile),
        ("interests", interests, available.interests),
    ):
        if wanted and suggestion:
            current = (new.get(key) or "").strip()
            if suggestion not in current:
                new[key] = f"{current}\n\n{suggestion}" if current else suggestion
                added += 1
    return new, added
