"""Saved custom groups: "Year 11 pupils with an EHCP", "girls interested in engineering".

A group is either defined by a filter (``definition``, a ``PupilFilter.to_json()``), so it
follows the roster as pupils join, move group or leave, or made of hand-picked pupils
(``CustomGroupPupil``). ``members_query`` is the one way to list a group's pupils.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Select, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow
from journal.extensions import db
from journal.schools.models import Pupil
from journal.types import UTCDateTime

from .filters import PupilFilter

BY_FILTER = "filter"
BY_HAND = "picked"
GROUP_KINDS = {BY_FILTER: "Pupils who match a filter", BY_HAND: "Pupils picked by name"}


class CustomGroup(db.Model):
    __tablename__ = "custom_groups"
    __table_args__ = (UniqueConstraint("school_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(10), default=BY_FILTER)
    definition: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by = relationship("User")

    @property
    def pupil_filter(self) -> PupilFilter:
        return PupilFilter.from_json(self.definition)

    def members_query(self) -> Select:
        """A SELECT of the group's pupils at this school who are still on roll."""
        query = select(Pupil).where(Pupil.school_id == self.school_id, Pupil.left_on.is_(None))
        if self.kind == BY_HAND:
            picked = select(CustomGroupPupil.pupil_id).where(CustomGroupPupil.group_id == self.id)
            return query.where(Pupil.id.in_(picked))
        return self.pupil_filter.apply(query)


class CustomGroupPupil(db.Model):
    """A pupil picked by hand into a group."""

    __tablename__ = "custom_group_pupils"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("custom_groups.id", ondelete="CASCADE"), primary_key=True
    )
    pupil_id: Mapped[int] = mapped_column(
        ForeignKey("pupils.id", ondelete="CASCADE"), primary_key=True, index=True
    )
