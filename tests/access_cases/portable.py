"""Access cases for the portable passport: the public key, downloads and imports."""

from __future__ import annotations

from tests.access_support import CAREERS, STAFF, everyone, only

TRANSFER = (*CAREERS, "school_admin")  # not tutors: see journal/portable/permissions.py

CASES = {
    "portable.public_key": [
        (
            "GET",
            lambda w: f"/.well-known/careers-passport/schools/{w.pupil.school.urn}.pub",
            everyone(200, anonymous=200),
        ),
        (
            "GET",
            lambda w: "/.well-known/careers-passport/schools/0000000.pub",
            everyone(404, anonymous=404),
        ),
    ],
    "portable.export_mine": [
        ("GET", lambda w: "/passport/download", only({"pupil"})),
        ("POST", lambda w: "/passport/download", only({"pupil"}, 303)),  # starts a job
    ],
    "portable.export_pupil": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/passport.zip", only(TRANSFER)),
        ("POST", lambda w: f"/pupils/{w.pupil.id}/passport.zip", only(TRANSFER, 303)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/passport.zip", only(STAFF, 404)),
        ("POST", lambda w: f"/pupils/{w.foreign_pupil.id}/passport.zip", only(STAFF, 404)),
    ],
    "portable.import_for_pupil": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/passport/import", only(TRANSFER)),
        ("POST", lambda w: f"/pupils/{w.pupil.id}/passport/import", only(TRANSFER, 422)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/passport/import", only(STAFF, 404)),
    ],
    "portable.confirm_key": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/passport/imports/999999/key", only(TRANSFER, 404)),
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/passport/imports/999999/key",
            only(TRANSFER, 404),
        ),
        (
            "GET",
            lambda w: f"/pupils/{w.foreign_pupil.id}/passport/imports/999999/key",
            only(STAFF, 404),
        ),
    ],
    "portable.import_mine": [
        ("GET", lambda w: "/passport/import", only({"pupil"})),
        ("POST", lambda w: "/passport/import", only({"pupil"}, 422)),
    ],
}
