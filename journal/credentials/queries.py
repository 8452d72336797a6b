"""Reads for credentials: what a pupil could have issued, what they have, the bits set in a
school's status list, and a school by its URN or issuer id."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from journal.accounts.models import User
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.plans.models import SkillRating
from journal.passport.signoff.models import SignOff
from journal.reference import kinds
from journal.schools.models import Pupil, School

from .models import ISSUED, SIGN_OFF, SKILL_STEP, Credential

ISSUABLE_KINDS = (kinds.ENCOUNTER, kinds.WORKPLACE, kinds.ACHIEVEMENT)


@dataclass(frozen=True)
class Offer:
    """Something the school stands behind that the pupil may choose to have as a credential."""

    basis: str
    basis_id: int
    title: str
    detail: str
    existing: Credential | None

    @property
    def key(self) -> str:
        return f"{self.basis}:{self.basis_id}"


def current_sign_offs(pupil: Pupil) -> list[tuple[Entry, SignOff]]:
    """The pupil's signed encounters, workplace experiences and achievements with the sign-off
    that stands now (on the current revision), one query."""
    rows = db.session.execute(
        select(Entry, SignOff)
        .join(
            SignOff,
            and_(
                SignOff.entry_id == Entry.id,
                SignOff.revision_id == Entry.current_revision_id,
                SignOff.decision == "signed",
            ),
        )
        .where(
            Entry.pupil_id == pupil.id,
            Entry.state == "signed",
            Entry.kind.in_(ISSUABLE_KINDS),
        )
        .options(joinedload(SignOff.revision), joinedload(Entry.current_revision))
        .order_by(Entry.occurred_on.desc(), Entry.id.desc(), SignOff.id.desc())
    )
    seen, found = set(), []
    for entry, sign_off in rows:
        if entry.id not in seen:
            seen.add(entry.id)
            found.append((entry, sign_off))
    return found


def staff_skill_steps(pupil: Pupil) -> list[tuple[SkillRating, User]]:
    """Skills Builder steps a member of staff recorded for the pupil (not the pupil's own
    rating of themself), newest first."""
    rows = db.session.execute(
        select(SkillRating, User)
        .join(User, User.id == SkillRating.author_id)
        .where(SkillRating.pupil_id == pupil.id, User.id != pupil.user_id)
        .order_by(SkillRating.created_at.desc(), SkillRating.id.desc())
    )
    return [(rating, user) for rating, user in rows if user.is_staff]


def credentials_of(pupil: Pupil) -> list[Credential]:
    query = select(Credential).where(Credential.pupil_id == pupil.id)
    return list(db.session.scalars(query.order_by(Credential.requested_at.desc(), Credential.id)))


def offers_for(pupil: Pupil) -> list[Offer]:
    """Everything the pupil could choose, each with the live credential already made for it."""
    have = {}
    for credential in credentials_of(pupil):
        if credential.revoked_at is None:
            basis_id = credential.sign_off_id or credential.skill_rating_id
            have.setdefault((credential.basis, basis_id), credential)
    offers = [
        Offer(
            SIGN_OFF,
            s.id,
            entry.title,
            f"Signed off by {s.signer_name}",
            have.get((SIGN_OFF, s.id)),
        )
        for entry, s in current_sign_offs(pupil)
    ]
    from journal.reference.skills import skill_name

    offers += [
        Offer(
            SKILL_STEP,
            r.id,
            f"{skill_name(r.skill)}: step {r.step}",
            f"Recorded by {u.display_name}",
            have.get((SKILL_STEP, r.id)),
        )
        for r, u in staff_skill_steps(pupil)
    ]
    return offers


def credential_of(pupil: Pupil, credential_id: int) -> Credential | None:
    return db.session.scalar(
        select(Credential).where(Credential.pupil_id == pupil.id, Credential.id == credential_id)
    )


def waiting_for_agreement(pupils_query) -> list[Credential]:
    """Credentials under-13 pupils asked for that wait for staff, among ``pupils_query``'s."""
    ids = pupils_query.with_only_columns(Pupil.id)
    query = select(Credential).where(Credential.state != ISSUED, Credential.pupil_id.in_(ids))
    return list(db.session.scalars(query.options(joinedload(Credential.pupil))))


def revoked_indices(school: School) -> set[int]:
    """The bits set in the school's status list: credentials revoked by staff, and those
    standing on a sign-off that no longer stands (withdrawn, or the entry changed since: the
    entry is no longer signed, or its current revision is not the one signed)."""
    broken = (
        select(Credential.status_index)
        .join(SignOff, SignOff.id == Credential.sign_off_id, isouter=True)
        .join(Entry, Entry.id == SignOff.entry_id, isouter=True)
        .where(
            Credential.school_id == school.id,
            Credential.state == ISSUED,
            or_(
                Credential.revoked_at.is_not(None),
                and_(
                    Credential.basis == SIGN_OFF,
                    or_(
                        SignOff.id.is_(None),
                        Entry.state != "signed",
                        Entry.current_revision_id != SignOff.revision_id,
                    ),
                ),
            ),
        )
    )
    return set(db.session.scalars(broken))


def used_indices(school: School) -> set[int]:
    return set(
        db.session.scalars(select(Credential.status_index).where(Credential.school_id == school.id))
    )


def school_by_urn(urn: str) -> School | None:
    return db.session.scalar(select(School).where(School.urn == urn))


def credentials_on_sign_off(sign_off_ids: list[int]) -> list[Credential]:
    if not sign_off_ids:
        return []
    query = select(Credential).where(
        Credential.sign_off_id.in_(sign_off_ids), Credential.revoked_at.is_(None)
    )
    return list(db.session.scalars(query))


def issued_of(pupil: Pupil) -> list[Credential]:
    """The pupil's issued credentials, for the passport file."""
    return [c for c in credentials_of(pupil) if c.is_issued]
