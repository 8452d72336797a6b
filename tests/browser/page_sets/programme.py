"""Careers programme pages in the browser walk: the list, the month calendar, recording an
activity (and its error page), an activity, its attendance list, the CSV import and its
preview, provider access, and custom groups (the list, a new group, the demo group)."""

from __future__ import annotations

from sqlalchemy import select

from journal.extensions import db
from tests.browser.visits import _goto

FAIR = "Year 10 autumn careers fair"  # journal/programme/demo.py


def _activity_id(live_server, title: str = FAIR) -> int:
    from journal.programme.models import ProgrammeActivity

    with live_server.app.app_context():
        found = db.session.scalar(
            select(ProgrammeActivity.id).where(ProgrammeActivity.title == title)
        )
        db.session.remove()
        return found


def _group_id(live_server) -> int:
    from journal.cohort.models import CustomGroup

    with live_server.app.app_context():
        found = db.session.scalar(
            select(CustomGroup.id).where(CustomGroup.name == "Year 11 with an EHCP")
        )
        db.session.remove()
        return found


def _on_fair(suffix: str = ""):
    def visit(page, live_server):
        return page.goto(f"/programme/activities/{_activity_id(live_server)}{suffix}").status

    return visit


def _calendar(page, live_server):
    from journal.calendar import today

    return page.goto(f"/programme/calendar?month={today():%Y-%m}").status


def _new_error(page, live_server):
    page.goto("/programme/new")
    page.get_by_label("Title").fill("")
    page.get_by_role("button", name="Save the activity").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    return 422


def _import_preview(page, live_server):
    page.goto(f"/programme/activities/{_activity_id(live_server)}/import")
    page.get_by_label("Attendance file (CSV)").set_input_files(
        files=[
            {
                "name": "sheet.csv",
                "mimeType": "text/csv",
                "buffer": b"UPN,Forename,Surname,DOB\nA123456789012,,,\n,No,Body,01/01/2011\n",
            }
        ]
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert page.get_by_text("Rows that matched nobody").is_visible()
    return 200


def _group(page, live_server):
    return page.goto(f"/programme/groups/{_group_id(live_server)}").status


PAGES = {
    "programme-list": ("careers", _goto("/programme"), True),
    "programme-calendar": ("careers", _calendar, True),
    "programme-new": ("careers", _goto("/programme/new"), True),
    "programme-new-error": ("careers", _new_error, False),
    "programme-activity": ("careers", _on_fair(), True),
    "programme-attendance": ("careers", _on_fair("/attendance"), True),
    "programme-import": ("careers", _on_fair("/import"), True),
    "programme-import-preview": ("careers", _import_preview, False),
    "programme-provider-access": ("careers", _goto("/programme/provider-access"), True),
    "programme-groups": ("careers", _goto("/programme/groups"), True),
    "programme-group-new": ("careers", _goto("/programme/groups/new"), True),
    "programme-group": ("careers", _group, True),
    "programme-tutor-list": ("tutor", _goto("/programme"), False),
}
EXPECTED_STATUS = {"programme-new-error": 422}
