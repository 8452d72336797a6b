"""Demo annual reviews: Maya's coming review with all three voices (hers, her mum Kim's and
the careers adviser's), and a review for a demo pupil with an EHCP (Maya has SEN support, not
an EHCP; a demo of 60 pupils has one, a smaller one may not) with the Preparing for
Adulthood notes. Seeding again adds nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from journal.accounts import operations as accounts
from journal.accounts.models import User
from journal.calendar import today
from journal.extensions import db
from journal.reviews import operations
from journal.reviews.models import FAMILY, PUPIL, STAFF, AnnualReview
from journal.reviews.permissions import PFA_FROM_YEAR
from journal.schools.models import Pupil, School

from .common import DEMO_FAMILY, DEMO_PUPIL, pupil_by_username

MAYA_WORDS = (
    "What I like: Animals, especially dogs and horses. Being outside.\n"
    "What I am good at: Looking after our dog. I am patient and I listen.\n"
    "What helps me: Knowing what will happen before I go somewhere new.\n"
    "What I want to do next: Go to City College to do animal care."
)
KIM_WORDS = (
    "Maya has grown in confidence this year, especially since her week at the vets.\n"
    "We would like help with planning how she will travel to college on her own."
)
ADVISER_WORDS = (
    "Maya has taken part in every careers activity this year and reflects well on them.\n"
    "Her placement at Riverside Vets went very well: the vet praised her calm way with the "
    "animals. Next: applications to City College and travel training."
)


def _review_for(pupil: Pupil, held_on, by: User) -> AnnualReview | None:
    """A new review for ``pupil``, or None if they already have one (seeded before)."""
    if db.session.scalar(select(AnnualReview.id).where(AnnualReview.pupil_id == pupil.id)):
        return None
    return operations.open_review(pupil, held_on, by=by)


def seed_reviews(school: School, *, pupil_username: str = DEMO_PUPIL) -> None:
    adviser = accounts.find_by_login("adviser")
    if adviser is None:
        return
    maya = pupil_by_username(pupil_username)
    if maya is not None:
        review = _review_for(maya, today() + timedelta(days=14), adviser)
        if review is not None:
            operations.write_contribution(review, PUPIL, MAYA_WORDS, by=maya.user)
            kim = accounts.find_by_login(DEMO_FAMILY)
            if kim is not None and kim.is_family:
                operations.write_contribution(review, FAMILY, KIM_WORDS, by=kim)
            operations.write_contribution(review, STAFF, ADVISER_WORDS, by=adviser)
    seed_ehcp_review(school, adviser)


def seed_ehcp_review(school: School, adviser: User) -> None:
    """A coming review for the oldest demo pupil with an EHCP from Year 9 (if the demo has one),
    with their words, staff's and notes on all four Preparing for Adulthood areas."""
    pupil = db.session.scalar(
        select(Pupil)
        .where(
            Pupil.school_id == school.id,
            Pupil.sen_status == "E",
            Pupil.year_group.between(PFA_FROM_YEAR, 14),
            Pupil.user_id.is_not(None),
        )
        .order_by(Pupil.year_group.desc(), Pupil.id)
        .limit(1)
    )
    if pupil is None:
        return
    review = _review_for(pupil, today() + timedelta(days=7), adviser)
    if review is None:
        return
    operations.write_contribution(
        review,
        PUPIL,
        "What I like: Cooking and gardening.\nWhat I want to do next: Work in a café.",
        by=pupil.user,
    )
    operations.write_contribution(
        review,
        STAFF,
        f"{pupil.first_name} has worked hard on travel training and now gets the bus to "
        "school on their own twice a week.",
        by=adviser,
    )
    operations.write_area_notes(
        review,
        {
            "employment": "Interested in catering. A supported internship is being explored.",
            "independent_living": "Travel training: bus to school alone twice a week.",
            "community": "Goes to a youth club on Fridays.",
            "health": "Manages their own medication with a reminder app.",
        },
        by=adviser,
    )
