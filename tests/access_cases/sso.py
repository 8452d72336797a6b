"""Access cases for school sign-in: the redirect to the provider and back are open to everyone
(they answer with a refusal page here, as no provider is running); the set-up page and its
forms are for the school's admins, and another school's connections, links and unmatched
sign-ins are 404 to them."""

from __future__ import annotations

from sqlalchemy import select

from journal.extensions import db
from tests.access_support import everyone, only

ADMIN = {"school_admin"}
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: refused at once, no network needed


def _connection(school, admin=None):
    """An enabled generic connection of ``school`` whose provider cannot be reached."""
    from journal.sso.models import SsoConnection
    from journal.sso.operations import save_connection

    found = db.session.scalar(select(SsoConnection).where(SsoConnection.school_id == school.id))
    if found is None:
        found = save_connection(
            school,
            "oidc",
            by=admin,
            secret="s3cret",
            client_id="client",
            is_enabled=True,
            label="Trust",
            issuer_url=UNREACHABLE,
        )
    return found


def _foreign(w):
    return _connection(w.foreign_pupil.school)


def _link(w, foreign: bool = False):
    from journal.sso.models import SsoLink

    connection = _foreign(w) if foreign else _connection(w.pupil.school)
    subject = f"subject-{connection.id}"
    found = db.session.scalar(select(SsoLink).where(SsoLink.subject == subject))
    if found is None:
        user = w.foreign_pupil.user if foreign else w.pupil.user
        found = SsoLink(
            user_id=user.id, connection_id=connection.id, issuer=UNREACHABLE, subject=subject
        )
        db.session.add(found)
        db.session.flush()
    return found


def _unmatched(w, foreign: bool = False):
    from journal.sso.models import SsoUnmatched

    connection = _foreign(w) if foreign else _connection(w.pupil.school)
    subject = f"unmatched-{connection.id}"
    found = db.session.scalar(select(SsoUnmatched).where(SsoUnmatched.subject == subject))
    if found is None:
        found = SsoUnmatched(connection_id=connection.id, issuer=UNREACHABLE, subject=subject)
        db.session.add(found)
        db.session.flush()
    return found


CASES = {
    "sso.start": [
        ("GET", lambda w: "/sso/999999/start", everyone(404, anonymous=404)),
        (
            "GET",
            lambda w: f"/sso/{_connection(w.pupil.school).id}/start",
            everyone(503, anonymous=503),
        ),
    ],
    "sso.callback": [("GET", lambda w: "/sso/callback?code=x&state=y", everyone(400, 400))],
    "sso.setup": [("GET", lambda w: "/admin/school-sign-in", only(ADMIN))],
    "sso.save": [
        ("POST", lambda w: "/admin/school-sign-in/google", only(ADMIN, 422)),
        ("POST", lambda w: "/admin/school-sign-in/nothing", everyone(404, anonymous=404)),
    ],
    "sso.test_connection": [
        (
            "POST",
            lambda w: f"/admin/school-sign-in/{_connection(w.pupil.school).id}/test",
            only(ADMIN, 302),
        ),
        ("POST", lambda w: f"/admin/school-sign-in/{_foreign(w).id}/test", only(ADMIN, 404)),
    ],
    "sso.policy": [("POST", lambda w: "/admin/school-sign-in/policy", only(ADMIN, 302))],
    "sso.unlink": [
        (
            "POST",
            lambda w: f"/admin/school-sign-in/links/{_link(w, foreign=True).id}/unlink",
            only(ADMIN, 404),
        ),
        ("POST", lambda w: f"/admin/school-sign-in/links/{_link(w).id}/unlink", only(ADMIN, 302)),
    ],
    "sso.link": [
        (
            "POST",
            lambda w: f"/admin/school-sign-in/unmatched/{_unmatched(w, foreign=True).id}/link",
            only(ADMIN, 404),
        ),
        (
            "POST",
            lambda w: f"/admin/school-sign-in/unmatched/{_unmatched(w).id}/link",
            only(ADMIN, 422),
        ),
    ],
}
