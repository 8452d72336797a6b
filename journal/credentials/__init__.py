"""Open Badges 3.0 credentials: what the school stands behind (a staff-signed entry, a Skills
Builder step staff recorded), issued at the pupil's choice as VC-JWTs signed with the school's
Ed25519 key, revoked through a Bitstring Status List per school, and checked on a public
verify page."""

from flask import Blueprint

from journal.passport.signoff.operations import sign_off_withdrawn

bp = Blueprint("credentials", __name__)


@sign_off_withdrawn.connect
def _revoke_what_stands_on(sign_off, *, by) -> None:
    from .operations import revoke_on_withdrawal

    revoke_on_withdrawal(sign_off, by=by)


from . import views  # noqa: E402,F401  (routes register on bp)
