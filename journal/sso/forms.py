from flask import current_app
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField, URLField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

GUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


class _ConnectionForm(FlaskForm):
    client_id = StringField(
        "Client id",
        validators=[DataRequired("Paste the client id."), Length(max=255)],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    client_secret = PasswordField(
        "Client secret",
        validators=[Optional(), Length(max=1024)],
        render_kw={"autocomplete": "new-password"},
        description="Stored encrypted and never shown again. Leave blank to keep the saved one.",
    )
    is_enabled = BooleanField("Show this sign-in button", default=True)


class MicrosoftForm(_ConnectionForm):
    tenant_id = StringField(
        "Directory (tenant) ID",
        validators=[
            DataRequired("Paste the school's tenant id."),
            Regexp(GUID, message="The tenant id looks like 72f988bf-86f1-41af-91ab-2d7cd011db47."),
        ],
        description="In Entra ID: Overview, Directory (tenant) ID. Sign-ins from any other "
        "tenant are refused.",
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    client_id = StringField(
        "Application (client) ID",
        validators=[
            DataRequired("Paste the application (client) id."),
            Regexp(GUID, message="The application id looks like a tenant id: 8-4-4-4-12 letters."),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )


class GoogleForm(_ConnectionForm):
    domain = StringField(
        "Workspace domain",
        validators=[
            DataRequired("Type the school's Google Workspace domain."),
            Regexp(
                r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$",
                message="Type a domain such as riverside.sch.uk, without @ or https://.",
            ),
            Length(max=253),
        ],
        description="Only verified accounts in this domain can sign in.",
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )


class OidcForm(_ConnectionForm):
    label = StringField(
        "Name on the button",
        validators=[DataRequired("Name the provider, as people know it."), Length(max=80)],
        description="The button reads “Sign in with …” and this name.",
    )
    issuer_url = URLField(
        "Issuer URL",
        validators=[DataRequired("Paste the provider's issuer URL."), Length(max=500)],
        description="Its discovery document is at this URL plus /.well-known/openid-configuration.",
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )

    def validate_issuer_url(self, field):
        value = (field.data or "").strip()
        if not value.startswith("https://") and not _allowed_loopback(value):
            raise ValidationError("The issuer URL must start with https://.")


def _allowed_loopback(url: str) -> bool:
    """Plain http only to this machine, and only where the tests switch it on."""
    allowed = current_app.config.get("SSO_ALLOW_HTTP_LOOPBACK", False)
    return allowed and url.startswith(("http://127.0.0.1:", "http://localhost:"))


FORMS = {"microsoft": MicrosoftForm, "google": GoogleForm, "oidc": OidcForm}


class PolicyForm(FlaskForm):
    require_for_staff = BooleanField("Staff must use the school sign-in")
    require_for_pupils = BooleanField("Pupils must use the school sign-in")


class LinkForm(FlaskForm):
    person = StringField(
        "Username or email of the person",
        validators=[DataRequired("Type the person's username or email."), Length(max=254)],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
