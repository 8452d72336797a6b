"""Planned passports written in bulk: the entries through the passport's one bulk writer
(``journal.passport.entries.operations.record_entries``), then the skill ratings and histories
that cite them, a handful of statements per batch of pupils rather than several per entry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert

from journal.extensions import db
from journal.passport.entries.operations import NewEntry, record_entries
from journal.passport.plans.models import (
    Aspiration,
    IntendedDestination,
    ProfileVersion,
    SkillRating,
    skill_rating_evidence,
)
from journal.reference import kinds
from journal.schools.models import Pupil

from .planned import Passport, PlannedEntry

BATCH = 100  # pupils per round of inserts


def write_passports(passports: Sequence[tuple[Pupil, Passport]]) -> int:
    """Store planned passports; return how many entries were written.

    Each entry gets exactly the rows ``record_entry`` writes (the entry, its first revision as
    the current one, the category and benchmark derived from the content, a diary day's link to
    its placement), written by ``record_entries`` a batch of pupils at a time, so a school of
    300 seeds in seconds.
    """
    written = 0
    for start in range(0, len(passports), BATCH):
        batch = passports[start : start + BATCH]
        written += _write_entries(batch)
        _write_ratings(batch)
        _write_histories(batch)
    return written


def _insert(model, rows: list[dict]) -> list[int]:
    """Insert ``rows`` and return their new ids, in order."""
    if not rows:
        return []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))


def _write_entries(batch: Sequence[tuple[Pupil, Passport]]) -> int:
    """The batch's entries through the passport's one bulk writer, ``record_entries``; a diary
    day's placement is in the same passport, so in the same batch."""
    planned = [(pupil, entry) for pupil, passport in batch for entry in passport.entries]
    new = {id(entry): _new_entry(pupil, entry) for pupil, entry in planned}
    for _, entry in planned:
        if entry.parent is not None:
            new[id(entry)].parent = new[id(entry.parent)]
    record_entries(list(new.values()))
    for _, entry in planned:
        entry.id = new[id(entry)].id
    return len(new)


def _new_entry(pupil: Pupil, entry: PlannedEntry) -> NewEntry:
    default = pupil.school.family_sharing_default
    return NewEntry(
        pupil_id=pupil.id,
        kind=entry.kind,
        content=entry.content,
        author_id=pupil.user_id,
        shared_with_family=default if entry.shared else not default,
        state=entry.state,
        source=kinds.PUPIL,
        client_id=entry.client_id,
        written_at=entry.written_at,
    )


def _by_pupil(pupil: Pupil, at: datetime) -> dict:
    """The columns every history row shares: whose it is, who wrote it (the pupil), when."""
    return {
        "pupil_id": pupil.id,
        "source": kinds.PUPIL,
        "author_id": pupil.user_id,
        "created_at": at,
    }


def _write_ratings(batch: Sequence[tuple[Pupil, Passport]]) -> None:
    """Skill ratings, each with the entries it cites (already written)."""
    ratings = [(pupil, r) for pupil, passport in batch for r in passport.ratings]
    ids = _insert(
        SkillRating,
        [
            _by_pupil(p, r.at) | {"skill": r.skill, "step": r.step, "note": r.note}
            for p, r in ratings
        ],
    )
    evidence = [
        {"rating_id": rating_id, "entry_id": entry.id}
        for (_, rating), rating_id in zip(ratings, ids, strict=True)
        for entry in rating.evidence
    ]
    if evidence:
        db.session.execute(insert(skill_rating_evidence), evidence)


def _write_histories(batch: Sequence[tuple[Pupil, Passport]]) -> None:
    """Aspirations, intended destinations and "all about me" versions."""
    rows = {
        Aspiration: [
            _by_pupil(p, at) | {"what": what, "why": why}
            for p, passport in batch
            for at, what, why in passport.aspirations
        ],
        IntendedDestination: [
            _by_pupil(p, at) | {"stage": stage, "category": code, "detail": detail}
            for p, passport in batch
            for at, stage, code, detail in passport.destinations
        ],
        ProfileVersion: [
            _by_pupil(p, at) | {"content": content}
            for p, passport in batch
            for at, content in passport.profiles
        ],
    }
    for model, model_rows in rows.items():
        if model_rows:
            db.session.execute(insert(model), model_rows)
