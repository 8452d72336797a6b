"""The portable passport's pages: importing a passport (staff and pupil), a refused file and
the preview of a good one. The downloads and the public key are files, not pages."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.browser.visits import _about_pupil, _goto, pupil_id_of


def _passport_from_elsewhere(live_server) -> Path:
    """The demo pupil's passport as if issued by a school outside this deployment."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from journal.extensions import db
    from journal.portable.export import passport_zip
    from journal.schools.models import Pupil
    from tests.portable.support import resigned

    app = live_server.app
    with app.test_request_context():
        pupil = db.session.get(Pupil, pupil_id_of(live_server, "pupil"))
        data = passport_zip(pupil, include_drafts=False)
        db.session.remove()
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes_raw()
    public = key.public_key().public_bytes_raw()

    def move(document):
        from journal.portable.formats import b64, fingerprint

        document["issuer"].update(
            name="Far Away School",
            urn="400004",
            public_key=b64(public),
            fingerprint=fingerprint(public),
        )

    path = Path(tempfile.mkdtemp()) / "pupil.passport.zip"
    path.write_bytes(resigned(data, move, private_key=raw))
    return path


def _upload(page, path: str, file: Path) -> int:
    page.goto(path)
    page.get_by_label("Passport file (.passport.zip)").set_input_files(str(file))
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Check the file").click()
    return navigation.value.status


def _preview(page, live_server):
    pupil = pupil_id_of(live_server, "pupil")
    return _upload(page, f"/pupils/{pupil}/passport/import", _passport_from_elsewhere(live_server))


def _refused(page, live_server):
    file = Path(tempfile.mkdtemp()) / "not.passport.zip"
    file.write_bytes(b"this is not a zip file")
    status = _upload(page, "/passport/import", file)
    assert status == 422
    return 200


def _preview_mine(page, live_server):
    """The pupil's own preview of a passport from a school outside this deployment."""
    return _upload(page, "/passport/import", _passport_from_elsewhere(live_server))


def _confirm_key(page, live_server):
    """The page where staff confirm, later, the key of a passport the pupil imported."""
    from journal.extensions import db
    from journal.portable.importer import import_passport
    from journal.portable.verify import check
    from journal.schools.models import Pupil

    pupil_id = pupil_id_of(live_server, "pupil")
    data = _passport_from_elsewhere(live_server).read_bytes()
    with live_server.app.test_request_context():
        pupil = db.session.get(Pupil, pupil_id)
        done, _ = import_passport(pupil, check(data, receiving=pupil.school, pupil=pupil), by=None)
        db.session.commit()
        import_id = done.id
        db.session.remove()
    return page.goto(f"/pupils/{pupil_id}/passport/imports/{import_id}/key").status


PAGES = {
    "passport-import-staff": ("careers", _about_pupil("/pupils/{pupil}/passport/import"), True),
    "passport-import-mine": ("pupil", _goto("/passport/import"), True),
    "passport-import-refused": ("pupil", _refused, False),
    "passport-import-preview": ("careers", _preview, False),
    "passport-import-preview-mine": ("pupil", _preview_mine, False),
    "passport-confirm-key": ("careers", _confirm_key, True),
}
