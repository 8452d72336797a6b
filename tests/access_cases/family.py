"""Access cases for families: staff invites and links, the sign-up with a code, the family's
pages about a linked child, and the pupil's list of who is linked.

The world's family member is linked to nobody; ``_linked`` links them to ``w.pupil`` (only),
so the family's pages about ``w.pupil`` answer and those about ``w.other_pupil`` are 404."""

from __future__ import annotations

from datetime import date, timedelta

from journal.accounts.roles import Role
from journal.calendar import utcnow
from journal.extensions import db
from tests.access_support import CAREERS, STAFF, action_of, entry_of, only

MANAGERS = (*CAREERS, "tutor")  # not school admins: see journal/family/permissions.py


def _linked(w):
    """``w.pupil``, with the world's family member linked to them."""
    from journal_demo.family import link_family

    link_family(w.users["family"], w.pupil, "Mum")
    return w.pupil


def _invite(pupil):
    """An open invite for ``pupil`` (made on first use)."""
    from journal.family.models import FamilyInvite

    found = db.session.scalar(db.select(FamilyInvite).where(FamilyInvite.pupil_id == pupil.id))
    if found is None:
        found = FamilyInvite(
            pupil_id=pupil.id,
            code_sha256=f"{pupil.id:064d}",
            expires_at=utcnow() + timedelta(days=30),
        )
        db.session.add(found)
        db.session.flush()
    return found


def _other_link(pupil):
    """A live link of another family member to ``pupil``, to revoke."""
    from journal.family.models import FamilyLink
    from journal_demo.family import link_family
    from tests.factories import Factory

    found = db.session.scalar(
        db.select(FamilyLink).where(
            FamilyLink.pupil_id == pupil.id, FamilyLink.relationship_label == "Dad"
        )
    )
    if found is None:
        found = link_family(Factory().user(pupil.school, Role.FAMILY), pupil, "Dad")
    return found


def _entry(pupil, **changes):
    """A saved entry of ``pupil`` with ``changes`` (kept from family, or a draft)."""
    from journal.passport.entries.models import Entry

    key = "private" if "shared_with_family" in changes else "draft"
    found = db.session.scalar(
        db.select(Entry).where(Entry.pupil_id == pupil.id, Entry.client_id == f"{key}-{pupil.id}")
    )
    if found is None:
        found = Entry(
            pupil_id=pupil.id,
            kind="encounter",
            client_id=f"{key}-{pupil.id}",
            state=changes.get("state", "submitted"),
            shared_with_family=changes.get("shared_with_family", True),
            occurred_on=date(2026, 10, 1),
        )
        db.session.add(found)
        db.session.flush()
    return found


def _action(pupil, owner_kind="family", visibility="pupil_family"):
    from journal.guidance.models import Action

    if visibility == "pupil_family":
        return action_of(pupil, owner_kind)
    found = Action(pupil_id=pupil.id, what="Secret", owner_kind=owner_kind, visibility=visibility)
    db.session.add(found)
    db.session.flush()
    return found


def _child(w, entry_or_action: str, thing) -> str:
    return f"/family/children/{_linked(w).id}/{entry_or_action}/{thing.id}"


CASES = {
    "family.pupil_family": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/family", only(STAFF)),
        ("GET", lambda w: f"/pupils/{w.other_pupil.id}/family", only(STAFF, tutor=404)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/family", only(STAFF, 404)),
    ],
    "family.new_invite": [
        ("POST", lambda w: f"/pupils/{w.pupil.id}/family/invites", only(MANAGERS)),
        (
            "POST",
            lambda w: f"/pupils/{w.other_pupil.id}/family/invites",
            only(CAREERS, tutor=404),
        ),
        ("POST", lambda w: f"/pupils/{w.foreign_pupil.id}/family/invites", only(STAFF, 404)),
    ],
    "family.invite_letter": [
        (
            "GET",
            lambda w: f"/pupils/{w.pupil.id}/family/invites/{_invite(w.pupil).id}/letter",
            only(MANAGERS),
        ),
        (
            "GET",
            lambda w: f"/pupils/{w.pupil.id}/family/invites/{_invite(w.other_pupil).id}/letter",
            only(MANAGERS, 404),
        ),
        (
            "GET",
            lambda w: (
                f"/pupils/{w.foreign_pupil.id}/family/invites/{_invite(w.foreign_pupil).id}/letter"
            ),
            only(STAFF, 404),
        ),
    ],
    "family.revoke_invite": [
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/family/invites/{_invite(w.pupil).id}/revoke",
            only(MANAGERS, 302),
        ),
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/family/invites/{_invite(w.other_pupil).id}/revoke",
            only(MANAGERS, 404),
        ),
    ],
    "family.revoke_link": [
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/family/links/{_other_link(w.pupil).id}/revoke",
            only(MANAGERS, 302),
        ),
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/family/links/{_other_link(w.other_pupil).id}/revoke",
            only(MANAGERS, 404),
        ),
    ],
    "family.join": [
        ("GET", lambda w: "/family/join", only({"family"}, anonymous=200)),
        ("POST", lambda w: "/family/join", only({"family"}, 422, anonymous=422)),
    ],
    "family.child_entry": [
        ("GET", lambda w: _child(w, "entries", entry_of(w.pupil)), only({"family"})),
        (
            "GET",
            lambda w: f"/family/children/{w.other_pupil.id}/entries/{entry_of(w.other_pupil).id}",
            only({"family"}, 404),
        ),
        ("GET", lambda w: _child(w, "entries", entry_of(w.other_pupil)), only({"family"}, 404)),
        (
            "GET",
            lambda w: _child(w, "entries", _entry(w.pupil, shared_with_family=False)),
            only({"family"}, 404),
        ),
        (
            "GET",
            lambda w: _child(w, "entries", _entry(w.pupil, state="draft")),
            only({"family"}, 404),
        ),
    ],
    "family.mark_done": [
        ("POST", lambda w: _child(w, "actions", _action(w.pupil)) + "/done", only({"family"}, 302)),
        (
            "POST",
            lambda w: _child(w, "actions", _action(w.pupil, "pupil")) + "/done",
            only({"family"}, 403),
        ),
        (
            "POST",
            lambda w: _child(w, "actions", _action(w.pupil, "family", "staff")) + "/done",
            only({"family"}, 404),
        ),
        (
            "POST",
            lambda w: _child(w, "actions", _action(w.pupil, "family", "pupil")) + "/done",
            only({"family"}, 404),
        ),
        (
            "POST",
            lambda w: (
                f"/family/children/{w.other_pupil.id}/actions/{_action(w.other_pupil).id}/done"
            ),
            only({"family"}, 404),
        ),
    ],
    "family.my_family": [("GET", lambda w: "/account/family", only({"pupil"}))],
}
