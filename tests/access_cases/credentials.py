"""Access cases for Open Badges: the pupil's choice and downloads, staff agreeing, and the
public DID document, status list and verify page."""

from __future__ import annotations

from tests.access_support import CAREERS, STAFF, entry_of, everyone, only

CASES = {
    # Withdrawing a sign-off (passport.signoff) revokes the credentials standing on it.
    "passport.withdraw": [
        (
            "POST",
            lambda w: f"/sign-off/{entry_of(w.pupil).id}/withdraw",
            only({"tutor", *CAREERS}, 302),
        ),
        (
            "POST",
            lambda w: f"/sign-off/{entry_of(w.other_pupil).id}/withdraw",
            only(CAREERS, 302, tutor=404),
        ),
    ],
    "credentials.mine": [
        ("GET", lambda w: "/credentials", only({"pupil"})),
        ("POST", lambda w: "/credentials", only({"pupil"}, 422)),
    ],
    "credentials.download": [("GET", lambda w: "/credentials/999999.jwt", only({"pupil"}, 404))],
    "credentials.bundle": [("GET", lambda w: "/credentials/bundle.zip", only({"pupil"}, 404))],
    "credentials.pupil_credentials": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/credentials", only(CAREERS)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/credentials", only(STAFF, 404)),
    ],
    "credentials.agree": [
        ("POST", lambda w: f"/pupils/{w.pupil.id}/credentials/999999/agree", only(CAREERS, 404)),
        (
            "POST",
            lambda w: f"/pupils/{w.foreign_pupil.id}/credentials/999999/agree",
            only(STAFF, 404),
        ),
    ],
    "credentials.did_document": [
        (
            "GET",
            lambda w: f"/credentials/schools/{w.pupil.school.urn}/did.json",
            everyone(200, anonymous=200),
        ),
        ("GET", lambda w: "/credentials/schools/0000000/did.json", everyone(404, anonymous=404)),
    ],
    "credentials.status_list": [
        (
            "GET",
            lambda w: f"/credentials/status/{w.pupil.school.urn}.jwt",
            everyone(200, anonymous=200),
        ),
        ("GET", lambda w: "/credentials/status/0000000.jwt", everyone(404, anonymous=404)),
    ],
    "credentials.verify": [
        ("GET", lambda w: "/verify", everyone(200, anonymous=200)),
        ("POST", lambda w: "/verify", everyone(422, anonymous=422)),
    ],
}
