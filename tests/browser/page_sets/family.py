"""Family pages in the browser walk: the family home (the demo family member linked to Maya),
a shared entry, the sign-up with a code (its error and its second step), the staff family
page, the invite code and its letter, and the pupil's "my family" page."""

from __future__ import annotations

from sqlalchemy import select

from journal.extensions import db
from tests.browser.visits import _about_pupil, _goto, pupil_id_of


def _link_demo_family(live_server) -> int:
    """Link the demo family member to the demo pupil (once); returns the pupil's id."""
    from journal.accounts.operations import find_by_login
    from journal.schools.models import Pupil
    from journal_demo.family import link_family

    pupil_id = pupil_id_of(live_server, "pupil")
    with live_server.app.app_context():
        link_family(find_by_login("family"), db.session.get(Pupil, pupil_id), "Mum")
        db.session.commit()
        db.session.remove()
    return pupil_id


def _shared_entry_id(live_server, pupil_id: int) -> int:
    from journal.passport.entries.models import Entry

    with live_server.app.app_context():
        found = db.session.scalar(
            select(Entry.id)
            .where(
                Entry.pupil_id == pupil_id,
                Entry.state != "draft",
                Entry.shared_with_family.is_(True),
                Entry.kind == "workplace",
            )
            .order_by(Entry.occurred_on.desc())
        )
        db.session.remove()
        return found


def _new_code(live_server) -> str:
    from journal.accounts.operations import find_by_login
    from journal.family import operations
    from journal.schools.models import Pupil

    pupil_id = pupil_id_of(live_server, "pupil")
    with live_server.app.app_context():
        _, code = operations.make_invite(
            db.session.get(Pupil, pupil_id), by=find_by_login("careers")
        )
        db.session.commit()
        db.session.remove()
    return operations.shown(code)


def _home(page, live_server):
    _link_demo_family(live_server)
    return page.goto("/").status


def _entry(page, live_server):
    pupil_id = _link_demo_family(live_server)
    entry_id = _shared_entry_id(live_server, pupil_id)
    return page.goto(f"/family/children/{pupil_id}/entries/{entry_id}").status


def _join_error(page, live_server):
    page.goto("/family/join")
    page.get_by_label("Your code").fill("AAAAA-AAAAA")
    page.get_by_role("button", name="Carry on").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    return 422


def _join_details(page, live_server):
    page.goto("/family/join")
    page.get_by_label("Your code").fill(_new_code(live_server))
    page.get_by_role("button", name="Carry on").click()
    page.wait_for_load_state()
    assert page.get_by_label("Choose a username").is_visible()
    return 200


def _invite_made(page, live_server):
    page.goto(f"/pupils/{pupil_id_of(live_server, 'pupil')}/family")
    page.get_by_role("button", name="Make an invite code").click()
    page.wait_for_load_state()
    assert page.locator(".family-code").is_visible()
    return 200


def _letter(page, live_server):
    _invite_made(page, live_server)
    page.get_by_role("link", name="Print a letter with this code").click()
    page.wait_for_load_state()
    assert "-" in page.locator(".family-letter .family-code").inner_text()
    return 200


PAGES = {
    "family-home": ("family", _home, True),
    "family-entry": ("family", _entry, True),
    "family-join": (None, _goto("/family/join"), True),
    "family-join-error": (None, _join_error, False),
    "family-join-details": (None, _join_details, False),
    "family-join-linked": ("family", _goto("/family/join"), False),
    "family-staff": ("careers", _about_pupil("/pupils/{pupil}/family"), True),
    "family-invite-made": ("careers", _invite_made, False),
    "family-letter": ("careers", _letter, True),
    "family-mine": ("pupil", _goto("/account/family"), True),
}
EXPECTED_STATUS = {"family-join-error": 422}
