"""Who an activity is for: year groups, tutor groups, a saved custom group or named pupils,
turned into pupils, checked against what the person recording it may do.

A tutor records activities for their own tutor groups' pupils only: choosing a year group, a
tutor group or a pupil outside them is refused with a message saying so. A custom group is
narrowed to the tutor's own pupils (a tutor may use a school-wide group such as "Year 11 with an
EHCP", and only their own pupils in it are listed and given entries).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from journal.accounts.models import User
from journal.calendar import year_group_label
from journal.cohort.models import CustomGroup
from journal.extensions import db
from journal.schools.models import Pupil, TutorGroup
from journal.schools.queries import pupils_in_scope

from .permissions import is_tutor_only
from .queries import audience_select, in_scope


@dataclass
class Resolution:
    pupils: list[Pupil] = field(default_factory=list)
    audience: dict = field(default_factory=dict)
    label: str = ""
    problem: str | None = None
    custom_group_id: int | None = None


def resolve(
    user: User,
    kind: str,
    *,
    year_groups: list[int] | None = None,
    tutor_group_ids: list[int] | None = None,
    group_id: int | None = None,
    names: str = "",
) -> Resolution:
    """The pupils an audience means for ``user``, or the problem to show beside the field."""
    school_id = user.school_id
    if kind == "years":
        if not year_groups:
            return Resolution(problem="Choose at least one year group.")
        audience = {"year_groups": sorted(year_groups)}
        label = ", ".join(year_group_label(y) for y in sorted(year_groups))
    elif kind == "tutor_groups":
        names_of = _tutor_group_names(school_id, tutor_group_ids or [])
        if not names_of:
            return Resolution(problem="Choose at least one tutor group.")
        audience = {"tutor_group_ids": sorted(names_of)}
        label = "Tutor group " + ", ".join(names_of[i] for i in sorted(names_of))
    elif kind == "group":
        group = db.session.get(CustomGroup, group_id or 0)
        if group is None or group.school_id != school_id or group.archived_at is not None:
            return Resolution(problem="Choose one of the saved groups.")
        pupils = _pupils(in_scope(user, group.members_query()))
        label = group.name
        if not pupils:
            return Resolution(problem=_empty(label, user))
        return Resolution(pupils, {"group_id": group.id}, label, custom_group_id=group.id)
    elif kind == "pupils":
        return _named(user, names)
    else:
        return Resolution(problem="Choose who the activity was for.")
    pupils = _pupils(audience_select(school_id, kind, audience))
    if not pupils:
        return Resolution(problem=_empty(label, user))
    if is_tutor_only(user):
        mine = set(db.session.scalars(pupils_in_scope(user).with_only_columns(Pupil.id)))
        outside = [p for p in pupils if p.id not in mine]
        if outside:
            return Resolution(
                problem=f"You can record activities only for pupils in your own tutor groups. "
                f"{label} has {len(outside)} pupil{'s' if len(outside) != 1 else ''} outside "
                "them. Choose your tutor group instead, or ask the careers leader."
            )
    return Resolution(pupils, audience, label)


def _empty(label: str, user: User) -> str:
    where = " in your tutor groups" if is_tutor_only(user) else ""
    return f"There are no pupils{where} in {label}. Choose another group."


def _pupils(query) -> list[Pupil]:
    return list(db.session.scalars(query.order_by(Pupil.id)))


def _tutor_group_names(school_id: int, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = db.session.execute(
        select(TutorGroup.id, TutorGroup.name).where(
            TutorGroup.school_id == school_id, TutorGroup.id.in_(ids)
        )
    )
    return dict(rows.all())


def _named(user: User, text: str) -> Resolution:
    """Pupils named one a line (a name as on the roll, or a UPN), among those ``user`` may
    see. Every line that matches nobody, or more than one pupil, is a problem."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if not lines:
        return Resolution(problem="Write at least one pupil's name or UPN, one on each line.")
    if len(lines) > 500:
        return Resolution(problem="Name up to 500 pupils, or use a year group or a saved group.")
    pupils = list(db.session.scalars(pupils_in_scope(user).where(Pupil.left_on.is_(None))))
    found: dict[int, Pupil] = {}
    problems = []
    for line in lines:
        matches = _matches(pupils, line)
        if len(matches) == 1:
            found[matches[0].id] = matches[0]
        elif not matches:
            problems.append(f"nobody called “{line}”")
        else:
            problems.append(f"{len(matches)} pupils called “{line}” (use their UPN)")
    if problems:
        where = "in your tutor groups" if is_tutor_only(user) else "on the roll"
        return Resolution(problem=f"We could not find, {where}: " + "; ".join(problems) + ".")
    chosen = sorted(found.values(), key=lambda p: p.id)
    label = ", ".join(p.full_name for p in chosen[:5])
    if len(chosen) > 5:
        label += f" and {len(chosen) - 5} more"
    return Resolution(chosen, {"pupil_ids": [p.id for p in chosen]}, label)


def _matches(pupils: list[Pupil], line: str) -> list[Pupil]:
    wanted = line.casefold()
    upn = line.replace(" ", "").upper()
    return [
        p
        for p in pupils
        if p.upn == upn
        or wanted
        in (
            f"{p.legal_first_name} {p.legal_last_name}".casefold(),
            p.full_name.casefold(),
        )
    ]
