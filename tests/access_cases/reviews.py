"""Access cases for annual reviews: staff pages about a pupil's reviews (careers staff run
them, the pupil's tutor writes a summary, school admins read), the pupil's own review pages,
and a linked family member's pages about their child's reviews.

Every case of one role shares one world, in order: the reviews made here are told apart by
their date, and the review a case completes is used by no other case."""

from __future__ import annotations

from datetime import date

from journal.calendar import utcnow
from journal.extensions import db
from tests.access_cases.family import _linked
from tests.access_support import CAREERS, STAFF, only

DATES = {"open": date(2026, 10, 1), "done": date(2026, 10, 2), "to_complete": date(2026, 10, 3)}
SUMMARISERS = (*CAREERS, "tutor")


def _review(pupil, key: str = "open"):
    """A review of ``pupil`` (made on first use): "open", "done" (completed) or "to_complete"."""
    from journal.reviews.models import AnnualReview

    found = db.session.scalar(
        db.select(AnnualReview).where(
            AnnualReview.pupil_id == pupil.id, AnnualReview.held_on == DATES[key]
        )
    )
    if found is None:
        found = AnnualReview(pupil_id=pupil.id, held_on=DATES[key])
        if key == "done":
            found.completed_at = utcnow()
        db.session.add(found)
        db.session.flush()
    return found


def _ehcp_pupil(w):
    """A Year 10 pupil with an EHCP in the tutor's group (made on first use)."""
    from journal.schools.models import Pupil
    from tests.factories import Factory

    found = db.session.scalar(
        db.select(Pupil).where(Pupil.school_id == w.pupil.school_id, Pupil.sen_status == "E")
    )
    return found or Factory().pupil(w.pupil.school, w.group, first="Sam", sen_status="E")


def _staff(pupil, tail: str = "", key: str = "open") -> str:
    return f"/pupils/{pupil.id}/reviews/{_review(pupil, key).id}{tail}"


def _mine(pupil, tail: str = "", key: str = "open") -> str:
    return f"/my-reviews/{_review(pupil, key).id}{tail}"


def _child(w, tail: str = "", review_of=None, key: str = "open") -> str:
    review = _review(review_of or w.pupil, key)
    return f"/family/children/{_linked(w).id}/reviews/{review.id}{tail}"


FAMILY = {"family"}
PUPIL = {"pupil"}

CASES = {
    "reviews.pupil_reviews": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/reviews", only(STAFF)),
        ("GET", lambda w: f"/pupils/{w.other_pupil.id}/reviews", only(STAFF, tutor=404)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/reviews", only(STAFF, 404)),
    ],
    "reviews.open_review": [
        ("POST", lambda w: f"/pupils/{w.pupil.id}/reviews", only(CAREERS, 422)),
        ("POST", lambda w: f"/pupils/{w.other_pupil.id}/reviews", only(CAREERS, 422, tutor=404)),
        ("POST", lambda w: f"/pupils/{w.foreign_pupil.id}/reviews", only(STAFF, 404)),
    ],
    "reviews.staff_review": [
        ("GET", lambda w: _staff(w.pupil), only(STAFF)),
        ("GET", lambda w: _staff(w.pupil, key="done"), only(STAFF)),
        ("GET", lambda w: _staff(w.other_pupil), only(STAFF, tutor=404)),
        ("GET", lambda w: _staff(w.foreign_pupil), only(STAFF, 404)),
        (
            "GET",
            lambda w: f"/pupils/{w.pupil.id}/reviews/{_review(w.other_pupil).id}",
            only(STAFF, 404),
        ),
    ],
    "reviews.staff_summary": [
        ("POST", lambda w: _staff(w.pupil, "/summary"), only(SUMMARISERS, 422)),
        ("POST", lambda w: _staff(w.pupil, "/summary", "done"), only(SUMMARISERS, 302)),
        ("POST", lambda w: _staff(w.other_pupil, "/summary"), only(CAREERS, 422, tutor=404)),
        ("POST", lambda w: _staff(w.foreign_pupil, "/summary"), only(STAFF, 404)),
    ],
    "reviews.area_notes": [
        ("POST", lambda w: _staff(_ehcp_pupil(w), "/areas"), only(CAREERS, 302)),
        ("POST", lambda w: _staff(w.pupil, "/areas"), only(CAREERS, 404)),
        ("POST", lambda w: _staff(w.foreign_pupil, "/areas"), only(STAFF, 404)),
    ],
    "reviews.outcomes": [
        ("GET", lambda w: _staff(w.pupil, "/outcomes"), only(CAREERS)),
        ("POST", lambda w: _staff(w.pupil, "/outcomes"), only(CAREERS, 422)),
        ("GET", lambda w: _staff(w.pupil, "/outcomes", "done"), only(CAREERS, 302)),
        ("GET", lambda w: _staff(w.other_pupil, "/outcomes"), only(CAREERS, tutor=404)),
        ("GET", lambda w: _staff(w.foreign_pupil, "/outcomes"), only(STAFF, 404)),
    ],
    "reviews.staff_pdf": [
        ("GET", lambda w: _staff(w.pupil, "/summary.pdf"), only(STAFF)),
        ("GET", lambda w: _staff(w.other_pupil, "/summary.pdf"), only(STAFF, tutor=404)),
        ("GET", lambda w: _staff(w.foreign_pupil, "/summary.pdf"), only(STAFF, 404)),
    ],
    "reviews.my_reviews": [("GET", lambda w: "/my-reviews", only(PUPIL))],
    "reviews.my_review": [
        ("GET", lambda w: _mine(w.pupil), only(PUPIL)),
        ("GET", lambda w: _mine(w.other_pupil), only(PUPIL, 404)),
    ],
    "reviews.my_words": [
        ("GET", lambda w: _mine(w.pupil, "/my-words"), only(PUPIL)),
        ("POST", lambda w: _mine(w.pupil, "/my-words"), only(PUPIL, 422)),
        ("POST", lambda w: _mine(w.pupil, "/my-words", "done"), only(PUPIL, 302)),
        ("GET", lambda w: _mine(w.other_pupil, "/my-words"), only(PUPIL, 404)),
        ("POST", lambda w: _mine(w.other_pupil, "/my-words"), only(PUPIL, 404)),
    ],
    "reviews.my_pdf": [
        ("GET", lambda w: _mine(w.pupil, "/summary.pdf"), only(PUPIL)),
        ("GET", lambda w: _mine(w.other_pupil, "/summary.pdf"), only(PUPIL, 404)),
    ],
    "reviews.child_reviews": [
        ("GET", lambda w: f"/family/children/{_linked(w).id}/reviews", only(FAMILY)),
        ("GET", lambda w: f"/family/children/{w.other_pupil.id}/reviews", only(FAMILY, 404)),
        ("GET", lambda w: f"/family/children/{w.foreign_pupil.id}/reviews", only(FAMILY, 404)),
    ],
    "reviews.child_review": [
        ("GET", lambda w: _child(w), only(FAMILY)),
        ("GET", lambda w: _child(w, key="done"), only(FAMILY)),
        ("GET", lambda w: _child(w, review_of=w.other_pupil), only(FAMILY, 404)),
        (
            "GET",
            lambda w: f"/family/children/{w.other_pupil.id}/reviews/{_review(w.other_pupil).id}",
            only(FAMILY, 404),
        ),
    ],
    "reviews.family_contribution": [
        ("GET", lambda w: _child(w, "/contribution"), only(FAMILY)),
        ("POST", lambda w: _child(w, "/contribution"), only(FAMILY, 422)),
        ("POST", lambda w: _child(w, "/contribution", key="done"), only(FAMILY, 302)),
        ("POST", lambda w: _child(w, "/contribution", w.other_pupil), only(FAMILY, 404)),
        (
            "POST",
            lambda w: (
                f"/family/children/{w.other_pupil.id}/reviews/{_review(w.other_pupil).id}"
                "/contribution"
            ),
            only(FAMILY, 404),
        ),
    ],
    "reviews.child_pdf": [
        ("GET", lambda w: _child(w, "/summary.pdf"), only(FAMILY)),
        ("GET", lambda w: _child(w, "/summary.pdf", w.other_pupil), only(FAMILY, 404)),
    ],
    # Last: the careers cases reach the handler (unconfirmed, so nothing is completed).
    "reviews.complete": [
        # 422: allowed, but sent without the "everything is recorded" box ticked
        ("POST", lambda w: _staff(w.pupil, "/complete", "to_complete"), only(CAREERS, 422)),
        ("POST", lambda w: _staff(w.other_pupil, "/complete"), only(CAREERS, 422, tutor=404)),
        ("POST", lambda w: _staff(w.foreign_pupil, "/complete"), only(STAFF, 404)),
    ],
}
