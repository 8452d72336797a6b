"""Access cases for the cohort dashboard: careers staff and school admins of the school see it
(journal/cohort/permissions.py); tutors, pupils and families are refused. It is always about
the person's own school, so there is no other school's page to find (a saved group of another
school in the query string is ignored: tests/cohort/test_dashboard.py)."""

from __future__ import annotations

from tests.access_support import CAREERS, only

VIEWERS = (*CAREERS, "school_admin")

CASES = {
    "cohort.dashboard": [
        ("GET", lambda w: "/cohort", only(VIEWERS)),
        ("GET", lambda w: f"/cohort?year=10&tutor_group={w.foreign_group.id}", only(VIEWERS)),
    ],
    "cohort.gap_list": [
        ("GET", lambda w: "/cohort/gaps/guidance-16", only(VIEWERS)),
        ("GET", lambda w: "/cohort/gaps/not-a-measure", only(VIEWERS, 404)),
    ],
    "cohort.export_gap_list": [
        ("GET", lambda w: "/cohort/gaps/employer/export.csv?year=10", only(VIEWERS)),
        ("GET", lambda w: "/cohort/gaps/not-a-measure/export.csv", only(VIEWERS, 404)),
    ],
}
