from __future__ import annotations

from flask import current_app, render_template
from flask_login import current_user, login_required
from sqlalchemy import text

from journal.extensions import db
from journal.guidance import queries as guidance
from journal.milestones.journey import journey_for
from journal.passport.entries.queries import drafts_of
from journal.passport.signoff.permissions import can_use_sign_off_queue
from journal.passport.signoff.queries import waiting_count
from journal.schools.queries import tutor_groups_of

from . import bp

# The pupil's own pages, in the order the home page lists them. A page not built yet is left
# out rather than breaking the home page.
PUPIL_PAGES = (
    ("passport.timeline", "My timeline"),
    ("passport.skills", "My skills"),
    ("passport.aspirations", "What I want to do"),
    ("passport.profile", "All about me"),
    ("documents.my_documents", "My CVs and statements"),
)

HOME_ACTIONS = 5  # the home page lists this many open actions, overdue first


@bp.app_context_processor
def _milestones():
    """The journey for the staff view of a pupil (``templates/schools/pupil_record.html``),
    given from the top layer: milestones sit above guidance, which used to give it."""
    return {"guidance_journey_for": journey_for}


@bp.route("/")
@login_required
def index():
    """Each role's home page."""
    if current_user.is_pupil:
        pupil = current_user.pupil
        if pupil is None:
            return render_template("home/pupil.html", pupil=None)
        return render_template(
            "home/pupil.html",
            pupil=pupil,
            drafts=drafts_of(pupil),
            actions=guidance.actions_of(pupil, for_pupil=True, open_only=True, limit=HOME_ACTIONS),
            advice=guidance.latest_advice(pupil),
            journey=journey_for(pupil),
            pages=_built(PUPIL_PAGES),
        )
    if current_user.is_staff:
        return render_template(
            "home/staff.html",
            groups=tutor_groups_of(current_user),
            overdue=guidance.overdue_actions_owned_by(current_user),
            waiting=waiting_count(current_user) if can_use_sign_off_queue(current_user) else None,
            recent=guidance.recently_opened_pupils(current_user),
        )
    from journal.family.views import home_page as family_home

    return family_home(current_user)


def _built(pages: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return [
        (endpoint, label) for endpoint, label in pages if endpoint in current_app.view_functions
    ]


@bp.route("/about")
def about():
    return render_template("home/about.html")


@bp.route("/healthz")
def health():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
