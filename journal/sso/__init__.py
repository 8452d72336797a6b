"""School sign-in with OpenID Connect: Microsoft 365 (Entra ID), Google Workspace, or another
provider, set up by each school's admins. See ``operations`` for how accounts are linked."""

from flask import Blueprint

from journal.accounts.hooks import SignInMethod, add_sign_in_method

bp = Blueprint("sso", __name__)


@bp.record_once
def _set_up(state) -> None:
    from . import client, crypto, operations, queries

    crypto.configure(state.app)
    client.init_app(state.app)
    add_sign_in_method(
        state.app,
        SignInMethod(choices=queries.sign_in_choices, password_refusal=operations.password_refusal),
    )


from . import views  # noqa: E402, F401
