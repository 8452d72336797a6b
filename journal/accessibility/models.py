"""A person's view preferences (their own choices, and the defaults staff set for a pupil), and
the symbols a school uploads for its own words."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.accounts.models import User
from journal.calendar import utcnow
from journal.extensions import db
from journal.types import UTCDateTime

TEXT_SIZES = (100, 125, 150, 200)
SPACINGS = ("normal", "wide")
CONTRASTS = ("normal", "high")
FONTS = ("default", "dyslexic")

# Who set a row: the person for themself, or staff for a pupil (the pupil's default).
OWN = "own"
STAFF_DEFAULT = "staff"

SETTINGS = ("text_size", "spacing", "contrast", "font", "reduced_motion", "symbols", "simple_mode")


class ViewPreferences(db.Model):
    """One row of settings for a person: ``set_by`` says whether it is their own choice or a
    default staff set for them. Every setting is nullable: NULL means "not set here", so the
    person's own choice, the staff default and the usual setting can be told apart
    (see :func:`journal.accessibility.queries.effective_settings`)."""

    __tablename__ = "view_preferences"
    __table_args__ = (
        CheckConstraint("set_by IN ('own', 'staff')", name="set_by"),
        CheckConstraint("text_size IS NULL OR text_size IN (100, 125, 150, 200)", name="text_size"),
        CheckConstraint("spacing IS NULL OR spacing IN ('normal', 'wide')", name="spacing"),
        CheckConstraint("contrast IS NULL OR contrast IN ('normal', 'high')", name="contrast"),
        CheckConstraint("font IS NULL OR font IN ('default', 'dyslexic')", name="font"),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    set_by: Mapped[str] = mapped_column(String(5), primary_key=True)
    text_size: Mapped[int | None]
    spacing: Mapped[str | None] = mapped_column(String(10))
    contrast: Mapped[str | None] = mapped_column(String(10))
    font: Mapped[str | None] = mapped_column(String(10))
    reduced_motion: Mapped[bool | None]
    symbols: Mapped[bool | None]
    simple_mode: Mapped[bool | None]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    def values(self) -> dict:
        """The settings set in this row (NULLs left out)."""
        return {name: getattr(self, name) for name in SETTINGS if getattr(self, name) is not None}

    def __repr__(self) -> str:
        return f"<ViewPreferences user={self.user_id} {self.set_by}>"


class SchoolSymbol(db.Model):
    """A picture a school uploaded for a word or phrase, shown instead of OpenMoji's.

    ``term`` is what the school typed ("Work experience"); ``match_key`` is how the matcher
    knows it (the words lower-cased, apostrophes made plain, one space between: "work
    experience"), unique per school. The picture is kept in the app's storage under ``key``
    (its SHA-256): like every other file, so backups and a later move to a bucket cover it.
    """

    __tablename__ = "school_symbols"
    __table_args__ = (
        UniqueConstraint("school_id", "match_key"),
        CheckConstraint("media_type IN ('image/svg+xml', 'image/png')", name="media_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    term: Mapped[str] = mapped_column(String(100))
    match_key: Mapped[str] = mapped_column(String(100))
    key: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    uploaded_by: Mapped[User | None] = relationship()

    @property
    def is_svg(self) -> bool:
        return self.media_type == "image/svg+xml"

    def __repr__(self) -> str:
        return f"<SchoolSymbol {self.id} {self.match_key!r}>"
