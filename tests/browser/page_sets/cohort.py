"""Cohort insight pages in the browser walk: the careers leader's dashboard with every pupil
and with filters chosen (charts, tables and the open filter form), and a gap list of named
pupils. The gap list's CSV is a download (ROUTES_NOT_PAGES)."""

from __future__ import annotations

from tests.browser.visits import _goto

PAGES = {
    "cohort-dashboard": ("careers", _goto("/cohort"), True),
    "cohort-dashboard-filtered": (
        "careers",
        _goto("/cohort?year=10&year=11&sen=E&sen=K&disadvantaged=no"),
        False,
    ),
    "cohort-dashboard-admin": ("admin", _goto("/cohort?gender=Female"), False),
    "cohort-gap-list": ("careers", _goto("/cohort/gaps/guidance-16?year=11"), True),
}
