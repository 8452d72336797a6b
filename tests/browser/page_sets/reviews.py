"""Annual review pages in the browser walk: staff's list and review pages (Maya's, and an EHCP
pupil's with the Preparing for Adulthood notes), a summary error, the decisions and actions
form; the pupil's list, review and "what I want people to know" (full and simple); the
family's list, review and contribution. The demo seeds the reviews (journal/reviews/demo.py)."""

from __future__ import annotations

from sqlalchemy import select

from journal.extensions import db
from tests.browser.visits import pupil_id_of


def _review_ids(live_server) -> dict[str, tuple[int, int]]:
    """ "maya" and "ehcp": (pupil id, review id) of the demo's open reviews."""
    from journal.reviews.models import AnnualReview
    from journal.schools.models import Pupil

    maya = pupil_id_of(live_server, "pupil")
    with live_server.app.app_context():
        rows = db.session.execute(
            select(AnnualReview.pupil_id, AnnualReview.id, Pupil.sen_status)
            .join(Pupil, Pupil.id == AnnualReview.pupil_id)
            .where(AnnualReview.completed_at.is_(None))
            .order_by(AnnualReview.id)
        ).all()
        db.session.remove()
    found = {}
    for pupil_id, review_id, sen in rows:
        if pupil_id == maya:
            found.setdefault("maya", (pupil_id, review_id))
        elif sen == "E":
            found.setdefault("ehcp", (pupil_id, review_id))
    if "ehcp" not in found:
        found["ehcp"] = _ehcp_review(live_server)
    return found


def _ehcp_review(live_server) -> tuple[int, int]:
    """The 30-pupil demo may have no pupil with an EHCP in Year 9 or above: add one to 10H,
    with the demo's EHCP review (Preparing for Adulthood notes and all)."""
    from journal.accounts.operations import find_by_login
    from journal.reviews.models import AnnualReview
    from journal.schools.models import School, TutorGroup
    from journal_demo.reviews import seed_ehcp_review
    from tests.factories import Factory

    with live_server.app.app_context():
        school = db.session.scalar(select(School).order_by(School.id))
        group = db.session.scalar(select(TutorGroup).where(TutorGroup.name == "10H"))
        pupil = Factory().pupil(school, group, first="Leo", last="Hughes", sen_status="E")
        seed_ehcp_review(school, find_by_login("adviser"))
        db.session.commit()
        review_id = db.session.scalar(
            select(AnnualReview.id).where(AnnualReview.pupil_id == pupil.id)
        )
        pupil_id = pupil.id
        db.session.remove()
    return pupil_id, review_id


def _go(path: str, which: str = "maya"):
    """Visit ``path`` with {pupil} and {review} of the demo's review ``which``."""

    def visit(page, live_server):
        pupil_id, review_id = _review_ids(live_server)[which]
        return page.goto(path.format(pupil=pupil_id, review=review_id)).status

    return visit


def _summary_error(page, live_server):
    _go("/pupils/{pupil}/reviews/{review}")(page, live_server)
    page.get_by_label("Your words").fill("")
    page.get_by_role("button", name="Save the summary").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    return 422


PAGES = {
    "reviews-staff-list": ("careers", _go("/pupils/{pupil}/reviews"), True),
    "reviews-staff-review": ("careers", _go("/pupils/{pupil}/reviews/{review}"), True),
    "reviews-staff-pfa": ("careers", _go("/pupils/{pupil}/reviews/{review}", "ehcp"), False),
    "reviews-staff-error": ("careers", _summary_error, False),
    "reviews-outcomes": ("careers", _go("/pupils/{pupil}/reviews/{review}/outcomes"), True),
    "reviews-mine": ("pupil", _go("/my-reviews"), True),
    "reviews-my-review": ("pupil", _go("/my-reviews/{review}"), True),
    "reviews-my-words": ("pupil", _go("/my-reviews/{review}/my-words?mode=full"), True),
    "reviews-my-words-simple": ("pupil", _go("/my-reviews/{review}/my-words?mode=simple"), False),
    "reviews-child-list": ("family", _go("/family/children/{pupil}/reviews"), True),
    "reviews-child-review": ("family", _go("/family/children/{pupil}/reviews/{review}"), True),
    "reviews-contribution": (
        "family",
        _go("/family/children/{pupil}/reviews/{review}/contribution"),
        True,
    ),
}
EXPECTED_STATUS = {"reviews-staff-error": 422}
