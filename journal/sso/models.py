"""School sign-in (OpenID Connect): each school's connections to its identity provider, its
policy, the links from a provider's accounts to people, and sign-ins nobody could be found for."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime

KINDS = {
    "microsoft": "Microsoft 365 (Entra ID)",
    "google": "Google Workspace",
    "oidc": "Another OpenID Connect provider",
}


class SsoConnection(db.Model):
    """A school's registration of this app with one identity provider (one per kind).

    The client secret is kept encrypted (see ``crypto.py``) and never shown again. ``version``
    goes up on every change, so a cached Authlib client with the old settings is not reused."""

    __tablename__ = "sso_connections"
    __table_args__ = (UniqueConstraint("school_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str | None] = mapped_column(String(80))  # the button's name, for "oidc"
    tenant_id: Mapped[str | None] = mapped_column(String(64))  # Microsoft
    domain: Mapped[str | None] = mapped_column(String(253))  # Google Workspace
    issuer_url: Mapped[str | None] = mapped_column(String(500))  # another OIDC provider
    client_id: Mapped[str] = mapped_column(String(255))
    client_secret_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    is_enabled: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    last_tested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_test_result: Mapped[str | None] = mapped_column(String(500))

    school = relationship("School")

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def button_label(self) -> str:
        if self.kind == "microsoft":
            return "Sign in with Microsoft"
        if self.kind == "google":
            return "Sign in with Google"
        return f"Sign in with {self.label or 'your school account'}"


class SsoPolicy(db.Model):
    """Whether a school turns password sign-in off for its staff and/or its pupils.

    Family members and former pupils always keep their passwords; QR cards keep working."""

    __tablename__ = "sso_policies"

    school_id: Mapped[int] = mapped_column(
        ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True
    )
    require_for_staff: Mapped[bool] = mapped_column(default=False)
    require_for_pupils: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SsoLink(db.Model):
    """A provider's account linked to a person: (issuer, subject) is the provider's stable id.

    For Microsoft the subject is the object id (``oid``) and the tenant id is kept too; the
    email at the time of linking is kept only to show the admin whose account it was."""

    __tablename__ = "sso_links"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    connection_id: Mapped[int] = mapped_column(
        ForeignKey("sso_connections.id", ondelete="CASCADE"), index=True
    )
    issuer: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(255))
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    email_at_link: Mapped[str | None] = mapped_column(String(254))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    last_signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User", foreign_keys=[user_id])
    connection: Mapped[SsoConnection] = relationship()


class SsoUnmatched(db.Model):
    """A sign-in from the school's provider that matched nobody, for an admin to link by hand."""

    __tablename__ = "sso_unmatched"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(
        ForeignKey("sso_connections.id", ondelete="CASCADE"), index=True
    )
    issuer: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(255))
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(254))
    name: Mapped[str | None] = mapped_column(String(200))
    tried_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    connection: Mapped[SsoConnection] = relationship()
