"""A sign-off: a member of staff confirming (or returning) one revision of an entry."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.passport.entries.models import EntryRevision
from journal.types import UTCDateTime


class SignOff(db.Model):
    """A member of staff confirming one revision of an entry (or returning it with a comment).

    ``content_sha256`` is the SHA-256 of the revision's canonical serialisation
    (``journal.passport.signoff.signing``), so a later change to a signed revision is detected. The
    signer's name and role are copied at the time: they must stay true if the account changes.
    """

    __tablename__ = "sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("entry_revisions.id", ondelete="CASCADE"))
    decision: Mapped[str] = mapped_column(String(10))  # "signed" or "returned"
    comment: Mapped[str] = mapped_column(Text, default="")
    content_sha256: Mapped[str] = mapped_column(String(64))
    signer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_role: Mapped[str] = mapped_column(String(30))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    revision: Mapped[EntryRevision] = relationship()
    signer = relationship("User")
