"""Access cases for destinations: the staff page per pupil (careers staff edit, tutors and
admins read, leaving dates by careers staff and admins), the careers team's pages and the
exchange, the page for families, and a (former) pupil's own pages.

The world's pupil (``w.pupil``) is on roll: their own pages answer with the "after you leave"
words; tests/destinations covers a former pupil's."""

from __future__ import annotations

from tests.access_support import CAREERS, STAFF, everyone, only

LEAVING = (*CAREERS, "school_admin")


def _page(w, who: str, rest: str = "") -> str:
    return f"/destinations/pupils/{getattr(w, who).id}{rest}"


CASES = {
    "destinations.pupil_destinations": [
        ("GET", lambda w: _page(w, "pupil"), only(STAFF)),
        ("GET", lambda w: _page(w, "other_pupil"), only(STAFF, tutor=404)),
        ("GET", lambda w: _page(w, "foreign_pupil"), only(STAFF, 404)),
    ],
    "destinations.record": [
        ("POST", lambda w: _page(w, "pupil", "/record/leaving"), only(CAREERS, 422)),
        (
            "POST",
            lambda w: _page(w, "other_pupil", "/record/intended_18"),
            only(CAREERS, 422, tutor=404),
        ),
        ("POST", lambda w: _page(w, "pupil", "/record/guarantee_11"), only(CAREERS, 404)),
        ("POST", lambda w: _page(w, "pupil", "/record/nonsense"), only(CAREERS, 404)),
        ("POST", lambda w: _page(w, "foreign_pupil", "/record/leaving"), only(STAFF, 404)),
    ],
    "destinations.confirm_intended": [
        ("POST", lambda w: _page(w, "pupil", "/confirm/16"), only(CAREERS, 302)),
        ("POST", lambda w: _page(w, "foreign_pupil", "/confirm/18"), only(STAFF, 404)),
    ],
    "destinations.record_left": [
        ("POST", lambda w: _page(w, "pupil", "/left"), only(LEAVING, 422)),
        ("POST", lambda w: _page(w, "other_pupil", "/left"), only(LEAVING, 422, tutor=404)),
        ("POST", lambda w: _page(w, "foreign_pupil", "/left"), only(STAFF, 404)),
    ],
    "destinations.undo_left": [
        ("POST", lambda w: _page(w, "pupil", "/left/undo"), only(LEAVING, 302)),
        ("POST", lambda w: _page(w, "foreign_pupil", "/left/undo"), only(STAFF, 404)),
    ],
    "destinations.overview": [("GET", lambda w: "/destinations/", only(LEAVING))],
    "destinations.export": [("GET", lambda w: "/destinations/export.csv", only(CAREERS))],
    "destinations.import_upload": [
        ("GET", lambda w: "/destinations/import", only(CAREERS)),
        ("POST", lambda w: "/destinations/import", only(CAREERS, 422)),
    ],
    "destinations.import_confirm": [
        ("POST", lambda w: "/destinations/import/confirm", only(CAREERS, 400))
    ],
    "destinations.role_models": [("GET", lambda w: "/destinations/role-models", only(CAREERS))],
    "destinations.retention_explained": [
        ("GET", lambda w: "/destinations/how-long-we-keep-records", everyone(200, anonymous=200))
    ],
    "destinations.my_destination": [
        ("GET", lambda w: "/destinations/mine", only({"pupil"})),
        ("POST", lambda w: "/destinations/mine", only({"pupil"})),
    ],
    "destinations.my_role_model": [
        ("GET", lambda w: "/destinations/mine/role-model", only({"pupil"})),
        ("POST", lambda w: "/destinations/mine/role-model", only({"pupil"})),
    ],
    "destinations.withdraw_role_model": [
        ("POST", lambda w: "/destinations/mine/role-model/withdraw", only({"pupil"}, 302))
    ],
}
