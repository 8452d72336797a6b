"""Writes for annual reviews: each flushes and audits; the request commits once."""

from __future__ import annotations

from datetime import date

from journal.accounts.models import User
from journal.audit.operations import record
from journal.calendar import utcnow
from journal.extensions import db
from journal.guidance import operations as guidance
from journal.guidance.operations import NewAction
from journal.schools.models import Pupil

from . import queries
from .models import (
    PFA_AREAS,
    AnnualReview,
    ReviewAreaNote,
    ReviewContribution,
    review_actions,
    review_decisions,
)

COMPLETED = "This review is completed, so it can no longer be changed."


class ReviewClosed(ValueError):
    """A change to a review that is completed."""

    def __init__(self) -> None:
        super().__init__(COMPLETED)


def _open(review: AnnualReview) -> None:
    if review.is_completed:
        raise ReviewClosed()


def open_review(pupil: Pupil, held_on: date, *, by: User) -> AnnualReview:
    """A new annual review for ``pupil`` on ``held_on``."""
    review = AnnualReview(pupil_id=pupil.id, held_on=held_on, opened_by_id=by.id)
    db.session.add(review)
    db.session.flush()
    record("review_opened", actor=by, pupil=pupil, review_id=review.id, held_on=str(held_on))
    return review


def write_contribution(
    review: AnnualReview, voice: str, text: str, *, by: User
) -> ReviewContribution:
    """Save ``by``'s own words for the review (the pupil's, a family member's or a member of
    staff's); written again, it replaces their earlier words. Each person has their own."""
    _open(review)
    found = queries.contribution_of(review, voice, by)
    now = utcnow()
    if found is None:
        found = ReviewContribution(
            review_id=review.id, voice=voice, author_id=by.id, created_at=now
        )
        db.session.add(found)
    found.author_name = by.display_name
    found.text = text
    found.updated_at = now
    db.session.flush()
    record(
        "review_contribution_saved",
        actor=by,
        pupil=review.pupil,
        review_id=review.id,
        voice=voice,
        contribution_id=found.id,
    )
    return found


def write_area_notes(review: AnnualReview, notes: dict[str, str], *, by: User) -> None:
    """Staff notes on the Preparing for Adulthood areas (an empty note clears it)."""
    _open(review)
    existing = queries.area_notes_of(review)
    changed = []
    for area in PFA_AREAS:
        text = (notes.get(area) or "").strip()
        row = existing.get(area)
        if row is None and not text:
            continue
        if row is None:
            row = ReviewAreaNote(review_id=review.id, area=area)
            db.session.add(row)
        if row.text != text:
            row.text, row.author_id, row.updated_at = text, by.id, utcnow()
            changed.append(area)
    db.session.flush()
    if changed:
        record(
            "review_areas_saved", actor=by, pupil=review.pupil, review_id=review.id, areas=changed
        )


def record_outcomes(
    review: AnnualReview,
    *,
    by: User,
    decisions: tuple[str, ...],
    actions: tuple[NewAction, ...],
    visibility: str,
) -> None:
    """The decisions and actions agreed at the review: guidance records like any other (seen
    by whom ``visibility`` says), linked back to the review."""
    _open(review)
    pupil = review.pupil
    for text in decisions:
        note = guidance.add_note(pupil, by=by, kind="decision", text=text, visibility=visibility)
        db.session.execute(review_decisions.insert().values(review_id=review.id, note_id=note.id))
    for new in actions:
        action = guidance.add_action(pupil, new, by=by, visibility=visibility)
        db.session.execute(review_actions.insert().values(review_id=review.id, action_id=action.id))
    record(
        "review_outcomes_recorded",
        actor=by,
        pupil=pupil,
        review_id=review.id,
        decisions=len(decisions),
        actions=len(actions),
    )


def complete(review: AnnualReview, *, by: User) -> None:
    """Mark the review completed: from now on it is read-only."""
    _open(review)
    review.completed_at = utcnow()
    review.completed_by_id = by.id
    db.session.flush()
    record("review_completed", actor=by, pupil=review.pupil, review_id=review.id)


def viewed(user: User, review: AnnualReview, page: str) -> None:
    """A member of staff opening a review (a family member's views go through
    ``journal.family.operations.viewed``)."""
    record("review_viewed", actor=user, pupil=review.pupil, review_id=review.id, page=page)


def exported(user: User, review: AnnualReview, style: str) -> None:
    record("review_exported", actor=user, pupil=review.pupil, review_id=review.id, style=style)


def record_list_opened(user: User, pupil: Pupil) -> None:
    record("review_list_opened", actor=user, pupil=pupil)
