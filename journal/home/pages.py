"""What each composed page shows, gathered from each domain's own queries before the page
renders (templates run no queries). The home page of each role and the staff pupil record are
the pages that read many domains; they are put together here, in the top layer."""

from __future__ import annotations

from flask import current_app

from journal.accessibility.permissions import can_set_view_defaults
from journal.accounts.forms import ButtonForm
from journal.destinations.permissions import is_alumnus
from journal.destinations.queries import checkpoint_due
from journal.guidance import queries as guidance
from journal.milestones.journey import journey_for
from journal.passport.entries.queries import drafts_of, timeline
from journal.passport.signoff.permissions import can_use_sign_off_queue
from journal.passport.signoff.queries import waiting_count
from journal.portable.permissions import can_transfer
from journal.portable.queries import imports_to_confirm
from journal.programme.queries import reflection_prompts
from journal.reviews.queries import open_review_of
from journal.schools.forms import CareerSendGroupForm
from journal.schools.permissions import can_edit_pupil_needs
from journal.schools.queries import tutor_groups_of

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
RECENT_ENTRIES = 5  # the pupil record lists this many saved entries, newest first


def pupil_home(user) -> dict:
    """The pupil's home: what to do next from each domain, their drafts, their journey."""
    pupil = user.pupil
    if pupil is None:
        return {"pupil": None}
    return {
        "pupil": pupil,
        "tutor_group": pupil.tutor_group,
        "checkpoint_due": checkpoint_due(pupil) if is_alumnus(user) else None,
        "review": open_review_of(pupil),
        "actions": guidance.actions_of(pupil, for_pupil=True, open_only=True, limit=HOME_ACTIONS),
        "advice": guidance.latest_advice(pupil),
        "reflection_prompts": reflection_prompts(pupil),
        "drafts": drafts_of(pupil),
        "journey": journey_for(pupil),
        "pages": _built(PUPIL_PAGES),
    }


def staff_home(user) -> dict:
    return {
        "groups": tutor_groups_of(user),
        "overdue": guidance.overdue_actions_owned_by(user),
        "waiting": waiting_count(user) if can_use_sign_off_queue(user) else None,
        "recent": guidance.recently_opened_pupils(user),
    }


def pupil_record(user, pupil) -> dict:
    """The staff view of a pupil: the facts, links to each domain's pages, the latest entries,
    open actions and the journey."""
    needs_form = None
    if can_edit_pupil_needs(user, pupil):
        needs_form = CareerSendGroupForm(career_send_group=str(pupil.career_send_group or ""))
    return {
        "pupil": pupil,
        "tutor_group": pupil.tutor_group,
        "has_card": pupil.user is not None and pupil.tutor_group is not None,
        "form": ButtonForm(),
        "needs_form": needs_form,
        "can_set_views": can_set_view_defaults(user, pupil),
        "can_transfer": can_transfer(user, pupil),
        "recent_entries": timeline(pupil, include_drafts=False).entries[:RECENT_ENTRIES],
        "open_actions": guidance.actions_of(pupil, for_pupil=False, open_only=True),
        "journey": journey_for(pupil),
        "imports_to_confirm": imports_to_confirm(pupil),
    }


def _built(pages: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return [
        (endpoint, label) for endpoint, label in pages if endpoint in current_app.view_functions
    ]
