"""Programme activities and who attended them.

An activity is recorded once for a group ("Year 10 careers fair"). Attendance is one row per
pupil who was there, pointing at the passport entry it made (kind, category and benchmark as
the passport knows them, so the journey and the cohort counts see it) and at the revision the
member of staff signed. While the entry's current revision is still that one, the pupil has
not written in it yet: that is what puts the reflection prompt on their home page.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.calendar import utcnow, year_group_label
from journal.extensions import db
from journal.reference import kinds
from journal.types import UTCDateTime

# Who an activity was for.
AUDIENCES = {
    "years": "Year groups",
    "tutor_groups": "Tutor groups",
    "group": "A saved custom group",
    "pupils": "Named pupils",
}

# The kinds of organisation at an activity. Provider access (the "Baker clause", Education
# Act 1997 s.42B as amended): providers of technical education or apprenticeships.
ORGANISATION_TYPES = {
    "employer": "Employer or employee",
    "fe_college": "Further education (FE) college",
    "utc": "University technical college (UTC) or studio school",
    "apprenticeship": "Apprenticeship or independent training provider",
    "sixth_form": "School sixth form",
    "university": "University",
    "other": "Other organisation",
}
PROVIDER_ACCESS_TYPES = frozenset({"fe_college", "utc", "apprenticeship"})

GATSBY = {
    1: "1: A stable careers programme",
    2: "2: Learning from career and labour market information",
    3: "3: Addressing the needs of each young person",
    4: "4: Linking curriculum learning to careers",
    5: "5: Encounters with employers and employees",
    6: "6: Experiences of workplaces",
    7: "7: Encounters with further and higher education",
    8: "8: Personal guidance",
}


def activity_kinds() -> dict[str, str]:
    """``"encounter:careers_fair"`` → label: the passport's encounter categories and
    workplace-experience kinds, which decide the entry each pupil gets."""
    found = {f"{kinds.ENCOUNTER}:{c.code}": c.label for c in kinds.ENCOUNTER_CATEGORIES.values()}
    found |= {f"{kinds.WORKPLACE}:{c.code}": c.label for c in kinds.WORKPLACE_KINDS.values()}
    return found


class ProgrammeActivity(db.Model):
    __tablename__ = "programme_activities"
    __table_args__ = (
        UniqueConstraint("school_id", "client_id"),
        Index("ix_programme_activities_school_occurred", "school_id", "occurred_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    client_id: Mapped[str] = mapped_column(String(36))  # the form's idempotency key
    title: Mapped[str] = mapped_column(String(200))
    entry_kind: Mapped[str] = mapped_column(String(20))  # encounter or workplace
    category: Mapped[str] = mapped_column(String(40))  # encounter category / placement kind
    occurred_on: Mapped[date]
    starts_at: Mapped[str | None] = mapped_column(String(5))  # "HH:MM", London time
    place: Mapped[str] = mapped_column(String(200), default="")
    organisations: Mapped[list] = mapped_column(JSON, default=list)  # [{name, sector, type}]
    benchmarks: Mapped[list] = mapped_column(JSON, default=list)
    provider_access: Mapped[bool] = mapped_column(default=False)
    audience_kind: Mapped[str] = mapped_column(String(20))
    audience: Mapped[dict] = mapped_column(JSON, default=dict)  # what was chosen, by id
    audience_label: Mapped[str] = mapped_column(String(300))  # said in words at the time
    year_groups: Mapped[list] = mapped_column(JSON, default=list)  # of the pupils it was for
    audience_count: Mapped[int] = mapped_column(default=0)
    custom_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("custom_groups.id", ondelete="SET NULL")
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attendance_taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attendance_taken_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    created_by = relationship("User", foreign_keys=[created_by_id])
    attendance_taken_by = relationship("User", foreign_keys=[attendance_taken_by_id])

    @property
    def kind_code(self) -> str:
        return f"{self.entry_kind}:{self.category}"

    @property
    def kind_label(self) -> str:
        return activity_kinds().get(self.kind_code, self.category)

    @property
    def years_label(self) -> str:
        return ", ".join(year_group_label(y) for y in self.year_groups) or "—"

    @property
    def organisation_names(self) -> str:
        return ", ".join(o.get("name", "") for o in self.organisations if o.get("name"))

    @property
    def attendance_taken(self) -> bool:
        return self.attendance_taken_at is not None

    def __repr__(self) -> str:
        return f"<ProgrammeActivity {self.id} {self.title!r}>"


class ProgrammeAttendance(db.Model):
    """A pupil who was at an activity, and the passport entry it gave them."""

    __tablename__ = "programme_attendance"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("programme_activities.id", ondelete="CASCADE"), primary_key=True
    )
    pupil_id: Mapped[int] = mapped_column(
        ForeignKey("pupils.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("entries.id", ondelete="SET NULL"), index=True
    )
    revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("entry_revisions.id", ondelete="SET NULL")
    )  # the revision staff signed: the pupil has not written while it is current
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
