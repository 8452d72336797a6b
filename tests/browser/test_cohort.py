"""The cohort dashboard in a real browser: the "done when" path (filter to Year 11 with an
EHCP, open the list of those without a guidance interview, download it) without JavaScript
needed, and the page fits a 320px screen."""

from __future__ import annotations

import os

from journal.extensions import db

from .helpers import assert_layout, check_axe


def _year_11_with_an_ehcp(live_server) -> None:
    """A Year 11 pupil with an EHCP and no guidance interview, in the demo school."""
    from journal.schools.models import Pupil
    from journal.schools.queries import school_by_urn
    from journal_demo.common import DEMO_URN
    from tests.factories import Factory

    with live_server.app.app_context():
        school = school_by_urn(DEMO_URN)
        if not db.session.scalar(db.select(Pupil.id).where(Pupil.legal_first_name == "Ezra")):
            Factory().pupil(
                school, first="Ezra", last="Quist", year_group=11, sen_status="E",
                with_account=False,
            )  # fmt: skip
            db.session.commit()
        db.session.remove()


def test_filter_list_and_export(new_context, live_server):
    _year_11_with_an_ehcp(live_server)
    context = new_context("careers", width=320, axe=True)
    page = context.new_page()
    page.goto("/cohort")
    if os.environ.get("COHORT_SHOTS"):
        page.screenshot(path=f"{os.environ['COHORT_SHOTS']}/dashboard-320.png", full_page=True)
    assert_layout(page, "cohort dashboard")
    page.get_by_label("Year 11").check()
    page.get_by_label("EHCP").check()
    page.get_by_role("button", name="Show these pupils").click()
    page.wait_for_load_state()
    assert "year=11" in page.url and "sen=E" in page.url
    assert page.get_by_text("Showing: Year 11; EHCP.").is_visible()
    check_axe(page, "cohort dashboard filtered")
    page.get_by_role("link", name="without a guidance interview by 16").click()
    page.wait_for_load_state()
    assert (
        page.get_by_role("heading", level=1).inner_text().startswith("A guidance interview by 16")
    )
    assert page.get_by_role("link", name="Ezra Quist").is_visible()
    assert_layout(page, "cohort gap list")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this list (CSV)").click()
    assert download.value.suggested_filename == "gap-guidance-16.csv"
    assert "Ezra" in download.value.path().read_text()
    context.close()
