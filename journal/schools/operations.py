"""Writes for schools and rosters. They flush and audit; the caller commits once."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from journal.accounts.models import User, UserRole
from journal.accounts.roles import Role
from journal.audit.operations import record
from journal.calendar import today
from journal.extensions import db

from .models import SCHOOL_TYPES, Pupil, School, TutorGroup
from .roster import ParsedRoster, Rejection, RosterRow


class SchoolError(ValueError):
    """A request about a school that cannot be carried out, with a message for the person."""


def create_school(*, urn: str, name: str, school_type: str) -> School:
    """Create a school with its own Ed25519 key pair for signing passports."""
    urn = urn.strip()
    if not re.fullmatch(r"\d{6,7}", urn):
        raise SchoolError("A URN is the school's 6- or 7-digit unique reference number.")
    if school_type not in SCHOOL_TYPES:
        raise SchoolError(f"The school type must be one of {', '.join(SCHOOL_TYPES)}.")
    if db.session.scalar(select(School.id).where(School.urn == urn)):
        raise SchoolError(f"A school with URN {urn} already exists.")
    key = Ed25519PrivateKey.generate()
    school = School(
        urn=urn,
        name=name.strip(),
        school_type=school_type,
        signing_key_private=key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        ),
        signing_key_public=key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        ),
    )
    db.session.add(school)
    db.session.flush()
    record("school_created", school_id=school.id, urn=urn)
    return school


def key_fingerprint(school: School) -> str:
    """The SHA-256 of the school's public key, in groups of four hex digits, for reading aloud."""
    digest = hashlib.sha256(school.signing_key_public).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


# --- roster import -------------------------------------------------------------------------

PUPIL_FIELDS = (
    "uln",
    "legal_first_name",
    "legal_last_name",
    "preferred_first_name",
    "preferred_last_name",
    "date_of_birth",
    "year_group",
    "sen_status",
    "fsm",
    "pupil_premium",
    "looked_after",
    "gender",
)


@dataclass
class PlannedUpdate:
    pupil: Pupil
    row: RosterRow
    changes: dict[str, tuple[object, object]]


@dataclass
class ImportPlan:
    """What importing a parsed roster would do, for the preview and for applying it."""

    creates: list[RosterRow] = field(default_factory=list)
    updates: list[PlannedUpdate] = field(default_factory=list)
    unchanged: list[RosterRow] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    new_groups: list[str] = field(default_factory=list)
    columns: frozenset[str] = frozenset()

    @property
    def summary(self) -> str:
        return (
            f"imported {len(self.creates)}, updated {len(self.updates)}, "
            f"unchanged {len(self.unchanged)}, rejected {len(self.rejections)}"
        )


def plan_import(school: School, parsed: ParsedRoster) -> ImportPlan:
    """Compare the file with the school's pupils by UPN; a few queries whatever the file's size.

    A pupil email that already belongs to someone else's account (emails are unique across the
    deployment) rejects the row rather than moving the address."""
    existing = {
        p.upn: p
        for p in db.session.scalars(
            select(Pupil)
            .where(Pupil.school_id == school.id)
            .options(joinedload(Pupil.tutor_group), joinedload(Pupil.user))
        )
    }
    groups = _groups_by_name(school)
    plan = ImportPlan(rejections=list(parsed.rejections), columns=frozenset(parsed.columns))
    owners = _email_owners({row.email for row in parsed.rows if row.email})
    for row in parsed.rows:
        pupil = existing.get(row.upn)
        owner = owners.get(row.email) if row.email else None
        if owner is not None and (pupil is None or owner != pupil.user_id):
            plan.rejections.append(
                Rejection(
                    row.line,
                    f"email {row.email} already belongs to another account",
                    row.upn,
                    f"{row.legal_first_name} {row.legal_last_name}",
                )
            )
            continue
        if pupil is None:
            plan.creates.append(row)
        elif changes := _changes(pupil, row, plan.columns):
            plan.updates.append(PlannedUpdate(pupil, row, changes))
        else:
            plan.unchanged.append(row)
    wanted = {r.tutor_group for r in parsed.rows if r.tutor_group}
    plan.new_groups = sorted(wanted - set(groups))
    return plan


def _email_owners(emails: set[str]) -> dict[str, int]:
    """email -> the id of the account holding it, for these emails (lower case)."""
    if not emails:
        return {}
    rows = db.session.execute(
        select(func.lower(User.email), User.id).where(func.lower(User.email).in_(emails))
    )
    return {email: user_id for email, user_id in rows}


def _groups_by_name(school: School) -> dict[str, TutorGroup]:
    return {
        g.name: g
        for g in db.session.scalars(select(TutorGroup).where(TutorGroup.school_id == school.id))
    }


def _fields_in(columns: frozenset[str]) -> list[str]:
    """The pupil fields this file speaks for: a column it lacks leaves what we know alone."""
    return [name for name in PUPIL_FIELDS if name in columns or name in ALWAYS_PRESENT]


ALWAYS_PRESENT = {"legal_first_name", "legal_last_name", "date_of_birth", "year_group"}


def _changes(pupil: Pupil, row: RosterRow, columns: frozenset[str]) -> dict:
    changes = {}
    for name in _fields_in(columns):
        new = getattr(row, name)
        if getattr(pupil, name) != new:
            changes[name] = (getattr(pupil, name), new)
    old_group = pupil.tutor_group.name if pupil.tutor_group else None
    if row.tutor_group is not None and row.tutor_group != old_group:
        changes["tutor_group"] = (old_group, row.tutor_group)
    if row.external_id is not None and row.external_id != pupil.mis_id:
        changes["mis_id"] = (pupil.mis_id, row.external_id)
    old_email = pupil.user.email if pupil.user else None
    if row.email is not None and pupil.user is not None and row.email != old_email:
        changes["email"] = (old_email, row.email)
    return changes


def apply_import(school: School, plan: ImportPlan, *, by: User | None, filename: str = "") -> None:
    """Create and update pupils (and their sign-in accounts) as planned; one transaction."""
    groups = _groups_by_name(school)
    for name in plan.new_groups:
        groups[name] = TutorGroup(school_id=school.id, name=name, year_group=_year_of_group(name))
        db.session.add(groups[name])
    taken = set(db.session.scalars(select(User.username)))
    for row in plan.creates:
        pupil = Pupil(school_id=school.id, upn=row.upn, record_began_on=today())
        _fill(pupil, row, groups, plan.columns)
        pupil.user = _pupil_account(school, row, taken)
        db.session.add(pupil)
    renamed = [u.pupil for u in plan.updates if NAME_FIELDS & u.changes.keys()]
    _load_accounts(renamed)
    for update in plan.updates:
        _fill(update.pupil, update.row, groups, plan.columns)
    for pupil in renamed:
        if pupil.user is not None:  # the account shows the name the school now uses
            pupil.user.display_name = pupil.full_name
    db.session.flush()
    record(
        "roster_imported",
        actor=by,
        school_id=school.id,
        filename=filename[:200],
        created=len(plan.creates),
        updated=len(plan.updates),
        unchanged=len(plan.unchanged),
        rejected=len(plan.rejections),
    )


NAME_FIELDS = {"legal_first_name", "legal_last_name", "preferred_first_name", "preferred_last_name"}


def _load_accounts(pupils: list[Pupil]) -> None:
    """Load these pupils' accounts in one query, so ``pupil.user`` needs no query each."""
    ids = [p.user_id for p in pupils if p.user_id is not None]
    if ids:
        db.session.scalars(select(User).where(User.id.in_(ids))).all()


def _fill(pupil: Pupil, row: RosterRow, groups: dict[str, TutorGroup], columns) -> None:
    for name in _fields_in(columns):
        setattr(pupil, name, getattr(row, name))
    if pupil.sen_status is None:
        pupil.sen_status = "N"
    for name in ("fsm", "pupil_premium", "looked_after"):
        if getattr(pupil, name) is None:
            setattr(pupil, name, False)
    if row.tutor_group is not None:
        pupil.tutor_group = groups[row.tutor_group]
    if row.external_id is not None:
        pupil.mis_id = row.external_id
    if row.email is not None and pupil.user is not None:
        pupil.user.email = row.email


def _year_of_group(name: str) -> int | None:
    match = re.match(r"(\d{1,2})", name)
    return int(match.group(1)) if match and 7 <= int(match.group(1)) <= 15 else None


def _pupil_account(school: School, row: RosterRow, taken: set[str]) -> User:
    """A sign-in account for a new pupil, with no password: staff issue a card or one."""
    first = row.preferred_first_name or row.legal_first_name
    last = row.preferred_last_name or row.legal_last_name
    base = _slug(f"{first}.{last}") or "pupil"
    username, n = base, 1
    while username in taken:
        n += 1
        username = f"{base}{n}"
    taken.add(username)
    user = User(
        school_id=school.id, username=username, display_name=f"{first} {last}", email=row.email
    )
    user.role_rows = [UserRole(role=Role.PUPIL.value)]
    return user


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "", ascii_text.lower()).strip(".")[:60]


def set_career_send_group(pupil: Pupil, group: int | None, *, by: User) -> None:
    """Record the pupil's Career SEND group (1, 2 or not set); MIS exports do not carry it."""
    if group not in (None, 1, 2):
        raise SchoolError("The Career SEND group is 1, 2 or not set.")
    if pupil.career_send_group != group:
        record(
            "career_send_group_set", actor=by, pupil=pupil, old=pupil.career_send_group, new=group
        )
        pupil.career_send_group = group
