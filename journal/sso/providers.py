"""What differs between Microsoft, Google and any other OpenID provider: the issuer a school's
tokens must come from, and the claims that say the account belongs to that school.

The issuer is always the school's own: Microsoft's tenant-specific
``https://login.microsoftonline.com/{tenant}/v2.0``, never ``common``. Authlib checks each ID
token's signature (the issuer's JWKS), ``iss`` against this issuer, ``aud``, ``exp`` and the
nonce; the checks here come on top, on claims Authlib does not know about.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from .models import SsoConnection

MICROSOFT_AUTHORITY = "https://login.microsoftonline.com"
GOOGLE_ISSUER = "https://accounts.google.com"
SCOPES = "openid email profile"


def issuer_of(connection: SsoConnection) -> str:
    """The issuer every ID token for this connection must name."""
    if connection.kind == "microsoft":
        authority = current_app.config.get("SSO_MICROSOFT_AUTHORITY", MICROSOFT_AUTHORITY)
        return f"{authority.rstrip('/')}/{connection.tenant_id}/v2.0"
    if connection.kind == "google":
        return current_app.config.get("SSO_GOOGLE_ISSUER", GOOGLE_ISSUER).rstrip("/")
    return (connection.issuer_url or "").rstrip("/")


def metadata_url(connection: SsoConnection) -> str:
    return issuer_of(connection) + "/.well-known/openid-configuration"


def authorize_params(connection: SsoConnection) -> dict:
    """Extra authorisation parameters: Google's ``hd`` shows only the school's accounts."""
    if connection.kind == "google":
        return {"hd": connection.domain}
    return {}


@dataclass(frozen=True)
class Identity:
    """Who the provider says signed in, once the claims have passed the school's checks."""

    issuer: str
    subject: str
    tenant_id: str | None
    email: str | None  # usable for a first match only when the provider vouches for it
    name: str | None


class WrongOrganisation(Exception):
    """The token is genuine but the account belongs to another tenant or domain."""


def identity_from(connection: SsoConnection, claims: dict) -> Identity:
    """The identity in validated ID-token claims; raises WrongOrganisation for another school's."""
    email = _lower(claims.get("email"))
    if connection.kind == "microsoft":
        tenant = _lower(claims.get("tid"))
        if tenant != _lower(connection.tenant_id) or not claims.get("oid"):
            raise WrongOrganisation(f"tenant {tenant or 'missing'}")
        # Entra ID sends email only when configured; the sign-in name (UPN) is the mailbox.
        email = email or _lower(claims.get("preferred_username"))
        return Identity(claims["iss"], claims["oid"], tenant, email, claims.get("name"))
    if connection.kind == "google":
        domain = _lower(connection.domain)
        if _lower(claims.get("hd")) != domain:
            raise WrongOrganisation(f"domain {claims.get('hd') or 'missing'}")
        if claims.get("email_verified") is not True or not (email or "").endswith("@" + domain):
            raise WrongOrganisation("email not verified in the domain")
        return Identity(claims["iss"], claims["sub"], None, email, claims.get("name"))
    verified = claims.get("email_verified") is True
    return Identity(
        claims["iss"], claims["sub"], None, email if verified else None, claims.get("name")
    )


def _lower(value) -> str | None:
    return value.strip().lower() if isinstance(value, str) and value.strip() else None
