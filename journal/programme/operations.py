"""Writes for the careers programme. Flush and audit, never commit.

Attendance is written in bulk: however many pupils were there, recording it is the same few
statements (entries, their revisions, the current-revision pointers, sign-offs, attendance
rows, one audit event). Each present pupil gets a passport entry like one they could have
written (kind, category and benchmark from the activity), with ``source`` "recorded by staff
for a group activity", already signed off by the member of staff who took attendance: the
sign-off confirms the pupil was there. When the pupil adds what they did and learned, the
passport's own rule applies: their words are a new revision, waiting to be signed off again,
and the attendance sign-off stays on the first revision, shown in the entry's history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from journal.accounts.models import User
from journal.audit.operations import record
from journal.calendar import today, utcnow
from journal.cohort.models import BY_HAND, CustomGroup, CustomGroupPupil
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.entries.operations import NewEntry
from journal.passport.signoff.operations import record_signed_entries
from journal.reference import kinds
from journal.schools.models import Pupil, School

from . import queries
from .models import PROVIDER_ACCESS_TYPES, ProgrammeActivity, ProgrammeAttendance

SOURCE = "staff_group_activity"  # journal.reference.kinds.SOURCES


class AttendanceRefused(Exception):
    """Attendance cannot be taken (the activity is in the future): nothing was written."""


# --- activities ---------------------------------------------------------------------------------


@dataclass
class NewActivity:
    """What the record-an-activity form says, checked."""

    client_id: str
    title: str
    kind_code: str  # "encounter:careers_fair"
    occurred_on: date
    starts_at: str | None
    place: str
    organisations: list[dict]
    benchmarks: list[int]
    audience_kind: str
    audience: dict
    audience_label: str
    custom_group_id: int | None = None


def create_activity(
    school: School, by: User, new: NewActivity, pupils: list[Pupil]
) -> tuple[ProgrammeActivity, bool]:
    """Record an activity for ``pupils`` (already resolved and checked); return
    ``(activity, created)``. The form's idempotency key makes a second submission of the same
    form (a double click, a resent request) find the first activity instead."""
    existing = queries.activity_by_client_id(school.id, new.client_id)
    if existing is not None:
        return existing, False
    entry_kind, _, category = new.kind_code.partition(":")
    benchmarks = sorted(set(new.benchmarks) | _derived_benchmarks(entry_kind, category))
    activity = ProgrammeActivity(
        school_id=school.id,
        client_id=new.client_id,
        title=new.title,
        entry_kind=entry_kind,
        category=category,
        occurred_on=new.occurred_on,
        starts_at=new.starts_at,
        place=new.place,
        organisations=new.organisations,
        benchmarks=benchmarks,
        provider_access=any(o.get("type") in PROVIDER_ACCESS_TYPES for o in new.organisations),
        audience_kind=new.audience_kind,
        audience=new.audience,
        audience_label=new.audience_label[:300],
        year_groups=sorted({p.year_group for p in pupils}),
        audience_count=len(pupils),
        custom_group_id=new.custom_group_id,
        created_by_id=by.id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(activity)
            db.session.flush()
    except IntegrityError:
        return queries.activity_by_client_id(school.id, new.client_id), False
    record(
        "programme_activity_recorded",
        actor=by,
        school_id=school.id,
        activity_id=activity.id,
        title=activity.title,
        pupils=len(pupils),
    )
    return activity, True


def _derived_benchmarks(entry_kind: str, category: str) -> set[int]:
    """The benchmark the passport gives the entries (5, 6 or 7), always included."""
    field_name = kinds.CATEGORY_FIELD.get(entry_kind, "category")
    found = kinds.benchmark_of_entry(entry_kind, {field_name: category})
    return {found} if found else set()


def entry_content(activity: ProgrammeActivity) -> dict:
    """The first revision of each pupil's entry: what staff know about the activity; the
    pupil's own answers are left empty for them to fill in."""
    organisation = activity.organisation_names or activity.title
    sectors = ", ".join(sorted({o["sector"] for o in activity.organisations if o.get("sector")}))
    common = {"occurred_on": activity.occurred_on.isoformat(), "attachments": []}
    if activity.entry_kind == kinds.WORKPLACE:
        fields = dict.fromkeys(kinds.WORKPLACE_FIELDS, "") | {
            "placement_kind": activity.category,
            "employer": organisation[:200],
            "sector": sectors[:100],
            "ends_on": None,
            "hours": None,
            "feeling": None,
        }
    else:
        fields = dict.fromkeys(kinds.ENCOUNTER_FIELDS, "") | {
            "category": activity.category,
            "organisation": organisation[:200],
            "sector": sectors[:100],
            "feeling": None,
        }
    return fields | common


# --- attendance ---------------------------------------------------------------------------------


@dataclass
class AttendanceChange:
    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # unticked, but the pupil has written: kept


def take_attendance(
    activity: ProgrammeActivity,
    *,
    listed: set[int],
    present: set[int],
    by: User,
    how: str = "list",
) -> AttendanceChange:
    """Make attendance say ``present`` for the ``listed`` pupils (ids already checked against
    the list ``by`` may see); pupils not listed are left as they are.

    A pupil newly marked present gets an entry, signed off by ``by``; a pupil unticked loses
    theirs, unless they have written in it or it has comments: then it is kept, they stay
    marked present, and the change says so (their words are never removed). A fixed number of
    statements, whatever the number of pupils. Raises :class:`AttendanceRefused` for an
    activity dated in the future.
    """
    if activity.occurred_on > today():
        raise AttendanceRefused(
            f"This activity is on {activity.occurred_on:%-d %B %Y}. "
            "You can record who was there on the day or after it."
        )
    rows = queries.attendance_rows(activity)
    present = present & listed
    unticked = [rows[p] for p in listed - present if p in rows]
    written = queries.pupils_who_wrote(unticked)
    change = AttendanceChange(
        added=sorted(present - set(rows)),
        removed=sorted(r.pupil_id for r in unticked if r.pupil_id not in written),
        kept=sorted(written),
    )
    _remove(activity, [rows[p] for p in change.removed])
    _add(activity, change.added, by)
    first_time = activity.attendance_taken_at is None
    activity.attendance_taken_at = utcnow()
    activity.attendance_taken_by_id = by.id
    if change.added or change.removed or first_time:
        record(
            "programme_attendance_changed",
            actor=by,
            school_id=activity.school_id,
            activity_id=activity.id,
            how=how,
            added=change.added,
            removed=change.removed,
            kept_because_written=change.kept,
        )
    db.session.flush()
    return change


def _remove(activity: ProgrammeActivity, rows: list[ProgrammeAttendance]) -> None:
    """Two statements: the attendance rows, then the entries (their revisions, sign-offs and
    links go with them through the foreign keys' cascades)."""
    if not rows:
        return
    pupil_ids = [r.pupil_id for r in rows]
    entry_ids = [r.entry_id for r in rows if r.entry_id]
    db.session.execute(
        delete(ProgrammeAttendance).where(
            ProgrammeAttendance.activity_id == activity.id,
            ProgrammeAttendance.pupil_id.in_(pupil_ids),
        )
    )
    if entry_ids:
        db.session.execute(
            delete(Entry).where(Entry.id.in_(entry_ids), Entry.source == SOURCE),
            execution_options={"synchronize_session": False},
        )
    for row in rows:
        if row in db.session:
            db.session.expunge(row)


def _add(activity: ProgrammeActivity, pupil_ids: list[int], by: User) -> None:
    """Five statements for any number of pupils: the passport's bulk writer (entries, revisions,
    the entries' current revision, sign-offs), then the attendance rows."""
    if not pupil_ids:
        return
    content = entry_content(activity)
    school = db.session.get(School, activity.school_id)
    now = utcnow()
    entries = [
        NewEntry(
            pupil_id=p,
            kind=activity.entry_kind,
            content=content,
            author_id=by.id,
            shared_with_family=school.family_sharing_default,
            source=SOURCE,
            written_at=now,
        )
        for p in pupil_ids
    ]
    record_signed_entries(
        entries,
        signer=by,
        signer_role=_signer_role(by),
        comment=f"Was at {activity.title} (recorded for the group).",
        signed_at=now,
    )
    db.session.execute(
        insert(ProgrammeAttendance),
        [
            {
                "activity_id": activity.id,
                "pupil_id": e.pupil_id,
                "entry_id": e.id,
                "revision_id": e.revision_id,
                "marked_by_id": by.id,
                "marked_at": now,
            }
            for e in entries
        ],
    )


def _signer_role(user: User) -> str:
    """As ``journal.passport.signoff.permissions.signer_role_for`` without a pupil: the careers role
    if they have one, else tutor."""
    from journal.accounts.roles import Role

    for role in (Role.CAREERS_LEADER, Role.CAREERS_ADVISER, Role.SENCO):
        if user.has_role(role):
            return role.value
    return Role.TUTOR.value


# --- custom groups ------------------------------------------------------------------------------


def save_group(
    school_id: int,
    by: User,
    *,
    name: str,
    kind: str,
    definition: dict,
    group: CustomGroup | None = None,
) -> CustomGroup:
    """Create a group, or change an existing one's name and filter."""
    if group is None:
        group = CustomGroup(school_id=school_id, kind=kind, created_by_id=by.id)
        db.session.add(group)
    group.name = name
    group.definition = definition if kind != BY_HAND else {}
    group.updated_at = utcnow()
    db.session.flush()
    record("custom_group_saved", actor=by, school_id=school_id, group_id=group.id, name=name)
    return group


def pick_pupils(group: CustomGroup, by: User, *, add: set[int], remove: set[int]) -> None:
    """Add and remove hand-picked pupils (ids already checked against the person's scope)."""
    picked = set(
        db.session.scalars(
            select(CustomGroupPupil.pupil_id).where(CustomGroupPupil.group_id == group.id)
        )
    )
    new = sorted(add - picked)
    if new:
        db.session.execute(
            insert(CustomGroupPupil), [{"group_id": group.id, "pupil_id": p} for p in new]
        )
    gone = sorted(remove & picked)
    if gone:
        db.session.execute(
            delete(CustomGroupPupil).where(
                CustomGroupPupil.group_id == group.id, CustomGroupPupil.pupil_id.in_(gone)
            )
        )
    group.updated_at = utcnow()
    record(
        "custom_group_pupils_changed",
        actor=by,
        school_id=group.school_id,
        group_id=group.id,
        added=new,
        removed=gone,
    )
    db.session.flush()


def archive_group(group: CustomGroup, by: User, *, archived: bool = True) -> None:
    group.archived_at = utcnow() if archived else None
    record(
        "custom_group_archived" if archived else "custom_group_restored",
        actor=by,
        school_id=group.school_id,
        group_id=group.id,
    )
    db.session.flush()
