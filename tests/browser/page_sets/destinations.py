"""Destinations pages in the browser walk: the staff page per pupil (careers staff editing,
a tutor reading, a former pupil's checkpoints, a form with errors), the careers team's
overview, the local authority import (upload, its error, the preview and the result), role
models, the page for families, and the former pupil's own pages (the home prompt, the
checkpoint question and its error, the role-model page) and a pupil on roll's."""

from __future__ import annotations

from sqlalchemy import select

from journal.extensions import db
from tests.browser.visits import _about_pupil, _goto, pupil_id_of


def _alumnus_page(page, live_server):
    return page.goto(f"/destinations/pupils/{pupil_id_of(live_server, 'alumnus')}").status


def _staff_error(page, live_server):
    page.goto(f"/destinations/pupils/{pupil_id_of(live_server, 'alumnus')}")
    section = page.locator("section:has(#checkpoint_2)")
    section.locator("details:has(form) > summary").click()
    section.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    return 422


def _la_file(live_server) -> bytes:
    """One row for a demo former pupil, one rejected row."""
    from journal.schools.models import Pupil

    with live_server.app.app_context():
        upn = db.session.scalar(
            select(Pupil.upn).where(Pupil.left_on.is_not(None)).order_by(Pupil.id.desc())
        )
        db.session.remove()
    lines = ["UPN,NCCIS code,Date,Provider", f"{upn},230,2025-09-08,Riverside College", "X,9,x"]
    return "\n".join(lines).encode()


def _preview(page, live_server):
    page.goto("/destinations/import")
    page.get_by_label("Local authority file (CSV)").set_input_files(
        files=[{"name": "la.csv", "mimeType": "text/csv", "buffer": _la_file(live_server)}]
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Check before importing").is_visible()
    return 200


def _import_error(page, live_server):
    page.goto("/destinations/import")
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    return 422


def _imported(page, live_server):
    _preview(page, live_server)
    button = page.get_by_role("button", name="Add 1 destination")
    if button.count():  # the first visit adds the row; later ones find it already recorded
        button.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", name="Destination updates imported").is_visible()
    return 200


def _checkpoint_error(page, live_server):
    page.goto("/destinations/mine")
    page.get_by_role("button", name="Send to my school").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    return 422


PAGES = {
    "destinations-staff": ("careers", _about_pupil("/destinations/pupils/{pupil}"), True),
    "destinations-staff-leaver": ("careers", _alumnus_page, False),
    "destinations-staff-error": ("careers", _staff_error, False),
    "destinations-tutor": ("tutor", _about_pupil("/destinations/pupils/{pupil}"), False),
    "destinations-overview": ("careers", _goto("/destinations/"), True),
    "destinations-import": ("careers", _goto("/destinations/import"), True),
    "destinations-import-error": ("careers", _import_error, False),
    "destinations-import-preview": ("careers", _preview, False),
    "destinations-imported": ("careers", _imported, False),
    "destinations-role-models": ("careers", _goto("/destinations/role-models"), True),
    "destinations-retention": (None, _goto("/destinations/how-long-we-keep-records"), True),
    "destinations-alumnus-home": ("alumnus", _goto("/"), False),
    "destinations-mine": ("alumnus", _goto("/destinations/mine"), True),
    "destinations-mine-error": ("alumnus", _checkpoint_error, False),
    "destinations-role-model-mine": ("alumnus", _goto("/destinations/mine/role-model"), True),
    "destinations-mine-on-roll": ("pupil", _goto("/destinations/mine"), False),
}
EXPECTED_STATUS = {
    "destinations-staff-error": 422,
    "destinations-import-error": 422,
    "destinations-mine-error": 422,
}
