"""People who sign in, their roles, and the QR sign-in cards some pupils use."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime

from .roles import CAREERS_STAFF, STAFF, Role


class User(UserMixin, db.Model):
    """A person who can sign in. Usernames and emails are unique across the deployment."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(default=False)
    session_version: Mapped[int] = mapped_column(default=1)
    is_enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    school = relationship("School", lazy="joined", innerjoin=True)
    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    def get_id(self) -> str:
        """The session carries the session version, so "sign out everywhere" can void it."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.is_enabled

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(r.role) for r in self.role_rows)

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_pupil(self) -> bool:
        return Role.PUPIL in self.roles

    @property
    def is_family(self) -> bool:
        return Role.FAMILY in self.roles

    @property
    def is_staff(self) -> bool:
        return bool(self.roles & STAFF)

    @property
    def is_careers_staff(self) -> bool:
        return bool(self.roles & CAREERS_STAFF)

    @property
    def is_school_admin(self) -> bool:
        return Role.SCHOOL_ADMIN in self.roles

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class UserRole(db.Model):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)

    user: Mapped[User] = relationship(back_populates="role_rows")


class SignInCard(db.Model):
    """A printed QR card that signs a pupil in on a device. Only a hash of its secret is kept."""

    __tablename__ = "sign_in_cards"
    __table_args__ = (UniqueConstraint("token_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
