"""Writes to skills, aspirations, intended destinations and the vocational profile.

Each change adds a row and never edits one, so the history shows how a pupil grew and how
their plans changed. Flush, never commit: the request commits once.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from journal import calendar
from journal.accounts.models import User
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.plans.models import (
    Aspiration,
    IntendedDestination,
    ProfileVersion,
    SkillRating,
)
from journal.passport.plans.queries import current_profile
from journal.reference import kinds
from journal.reference.destinations import STAGES, intentions_for
from journal.reference.skills import SKILLS, STEPS
from journal.schools.models import Pupil

EHCP = "E"
# "By 16" means by the end of Year 11 and "by 18" by the end of Year 13 (journal.calendar).
STAGE_DEADLINES = {"16": calendar.by_16_deadline, "18": calendar.by_18_deadline}


# --- stages -----------------------------------------------------------------------------------


def stages_for(pupil: Pupil) -> list[str]:
    """The stages a pupil can hold intended destinations for: 16 and 18 for everyone, and
    "up to 25" only with an EHCP, since only an EHCP's provision can run to 25."""
    return [stage for stage in STAGES if stage != "25" or pupil.sen_status == EHCP]


def stage_is_past(pupil: Pupil, stage: str, on: date | None = None) -> bool:
    """Whether the pupil has gone beyond a stage: a Year 12 pupil's plan at 16 is history."""
    deadline = STAGE_DEADLINES.get(stage)
    on = on or calendar.today()
    return deadline is not None and deadline(pupil.year_group, on) < on


def open_stages(pupil: Pupil) -> list[str]:
    """The stages whose plan the pupil can still change."""
    return [stage for stage in stages_for(pupil) if not stage_is_past(pupil, stage)]


# --- writes -----------------------------------------------------------------------------------


def rate_skill(
    pupil: Pupil,
    skill: str,
    step: int,
    note: str,
    evidence_ids: list[int],
    author: User,
    *,
    source: str = kinds.PUPIL,
) -> SkillRating:
    """Add a rating of one skill; earlier ratings stay as they were. Evidence is only ever the
    pupil's own saved entries: any other id (another pupil's entry, a draft, a number that is
    no entry) is left out."""
    if skill not in SKILLS:
        raise ValueError(f"unknown skill {skill!r}")
    if step not in STEPS:
        raise ValueError(f"step {step!r} is outside 0–15")
    rating = SkillRating(
        pupil_id=pupil.id,
        skill=skill,
        step=step,
        note=(note or "").strip(),
        source=source,
        author_id=author.id,
        evidence=_own_saved_entries(pupil, evidence_ids),
    )
    db.session.add(rating)
    db.session.flush()
    return rating


def _own_saved_entries(pupil: Pupil, ids: list[int]) -> list[Entry]:
    wanted = {i for i in ids if isinstance(i, int)}
    if not wanted:
        return []
    query = select(Entry).where(
        Entry.pupil_id == pupil.id, Entry.id.in_(wanted), Entry.state != "draft"
    )
    return list(db.session.scalars(query.order_by(Entry.id)))


def add_aspiration(
    pupil: Pupil, what: str, why: str, author: User, *, source: str = kinds.PUPIL
) -> Aspiration:
    """Add what the pupil wants to do now and why; what they wrote before is kept."""
    what = (what or "").strip()
    if not what:
        raise ValueError("an aspiration needs what the pupil wants to do")
    aspiration = Aspiration(
        pupil_id=pupil.id,
        what=what,
        why=(why or "").strip(),
        source=source,
        author_id=author.id,
    )
    db.session.add(aspiration)
    db.session.flush()
    return aspiration


def set_intended_destination(
    pupil: Pupil,
    stage: str,
    category: str,
    detail: str,
    author: User,
    *,
    source: str = kinds.PUPIL,
) -> IntendedDestination | None:
    """Record where the pupil now means to go at a stage, as a new row beside the earlier
    ones. Returns None when it is what the pupil had already chosen (nothing is written).
    Refuses (ValueError) a stage the pupil cannot plan for, such as "up to 25" without an
    EHCP, and a choice that does not belong to the stage."""
    if stage not in stages_for(pupil):
        raise ValueError(f"pupil {pupil.id} cannot plan for stage {stage!r}")
    if category not in {i.code for i in intentions_for(stage)}:
        raise ValueError(f"{category!r} is not a choice at stage {stage!r}")
    detail = (detail or "").strip()
    current = _latest_destination(pupil, stage)
    if current is not None and (current.category, current.detail) == (category, detail):
        return None
    row = IntendedDestination(
        pupil_id=pupil.id,
        stage=stage,
        category=category,
        detail=detail,
        source=source,
        author_id=author.id,
    )
    db.session.add(row)
    db.session.flush()
    return row


def _latest_destination(pupil: Pupil, stage: str) -> IntendedDestination | None:
    query = select(IntendedDestination).where(
        IntendedDestination.pupil_id == pupil.id, IntendedDestination.stage == stage
    )
    return db.session.scalar(query.order_by(IntendedDestination.id.desc()).limit(1))


def save_profile(
    pupil: Pupil, content: dict[str, str], author: User, *, source: str = kinds.PUPIL
) -> ProfileVersion | None:
    """Save the pupil's "all about me" as a new version. Returns None when nothing changed
    (nothing is written); refuses (ValueError) a profile with every answer empty."""
    content = {name: (value or "").strip() for name, value in content.items()}
    if not any(content.values()):
        raise ValueError("a profile needs at least one answer")
    current = current_profile(pupil)
    if current is not None and current.content == content:
        return None
    version = ProfileVersion(pupil_id=pupil.id, content=content, source=source, author_id=author.id)
    db.session.add(version)
    db.session.flush()
    return version
