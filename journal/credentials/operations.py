"""Writes for credentials: the pupil's choice, staff agreeing, signing, revoking. Flush and
audit, never commit."""

from __future__ import annotations

import secrets
import uuid as uuidlib

from journal.accounts.models import User
from journal.audit.operations import record
from journal.calendar import today, utcnow
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.plans.models import SkillRating
from journal.passport.signoff.models import SignOff
from journal.schools.models import Pupil, School

from . import claims, issuing, queries
from .models import ISSUED, REQUESTED, SIGN_OFF, SKILL_STEP, Credential
from .permissions import needs_staff_agreement


class NotOffered(ValueError):
    """That is not something the school stands behind for this pupil (now)."""


def choose(pupil: Pupil, offer_keys: list[str], *, subject_name: str, own_words: bool, by: User):
    """Make a credential for each chosen offer ("sign_off:12", "skill_step:3") not already
    made: issued at once, or for an under-13 pupil requested until staff agree. Returns the
    credentials (new and existing) in the order chosen."""
    subject_name = " ".join(subject_name.split())[:200]
    if not subject_name:
        raise ValueError("a credential needs the name to show")
    offers = {o.key: o for o in queries.offers_for(pupil)}
    school = db.session.get(School, pupil.school_id)
    waiting = needs_staff_agreement(pupil, today())
    chosen = []
    for key in offer_keys:
        offer = offers.get(key)
        if offer is None:
            raise NotOffered(key)
        if offer.existing is not None:
            chosen.append(offer.existing)
            continue
        credential = Credential(
            uuid=str(uuidlib.uuid4()),
            school_id=school.id,
            pupil_id=pupil.id,
            basis=offer.basis,
            sign_off_id=offer.basis_id if offer.basis == SIGN_OFF else None,
            skill_rating_id=offer.basis_id if offer.basis == SKILL_STEP else None,
            state=REQUESTED,
            status_index=_free_index(school),
            subject_name=subject_name,
            own_words=own_words,
            title=offer.title[:300],
        )
        db.session.add(credential)
        db.session.flush()
        if not waiting:
            issue(credential)
        record(
            "credential_chosen",
            actor=by,
            pupil=pupil,
            credential_id=credential.id,
            basis=offer.basis,
            waiting_for_staff=waiting,
            own_words=own_words,
        )
        chosen.append(credential)
    return chosen


def agree(credential: Credential, *, by: User) -> Credential:
    """Staff agree to an under-13 pupil's choice: the credential is issued."""
    if credential.state == REQUESTED:
        credential.agreed_by_id = by.id
        issue(credential)
        record("credential_agreed", actor=by, pupil=credential.pupil, credential_id=credential.id)
    return credential


def issue(credential: Credential) -> Credential:
    """Sign the credential (VC-JWT, EdDSA, the school's key) and keep the token as issued."""
    school = db.session.get(School, credential.school_id)
    now = utcnow().replace(microsecond=0)
    credential.issued_at = now
    credential.valid_until = now + issuing.VALID_FOR
    ob = issuing.credential_for(
        school,
        uuid=credential.uuid,
        achievement_id=str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, credential.uuid)),
        claim=claim_of(credential, school),
        subject_name=credential.subject_name,
        status_index=credential.status_index,
        issued_at=credential.issued_at,
        valid_until=credential.valid_until,
    )
    credential.token = issuing.sign(school, ob)
    credential.state = ISSUED
    db.session.flush()
    return credential


def claim_of(credential: Credential, school: School) -> issuing.Claim:
    if credential.basis == SIGN_OFF:
        sign_off = db.session.get(SignOff, credential.sign_off_id)
        entry = db.session.get(Entry, sign_off.entry_id)
        return claims.sign_off_claim(entry, sign_off, school, own_words=credential.own_words)
    rating = db.session.get(SkillRating, credential.skill_rating_id)
    author = db.session.get(User, rating.author_id)
    return claims.skill_claim(
        rating, school, own_words=credential.own_words, staff_name=author.display_name
    )


def revoke(credential: Credential, *, reason: str, by: User | None = None) -> None:
    """Set the credential's bit in its school's status list (from the next time it is served)."""
    if credential.revoked_at is None:
        credential.revoked_at = utcnow()
        credential.revoked_reason = reason[:200]
        record(
            "credential_revoked",
            actor=by,
            pupil=credential.pupil,
            credential_id=credential.id,
            reason=reason[:200],
        )
    db.session.flush()


def revoke_on_withdrawal(sign_off: SignOff, *, by: User) -> None:
    """The receiver of ``sign_off_withdrawn``: revoke every credential standing on it."""
    for credential in queries.credentials_on_sign_off([sign_off.id]):
        revoke(credential, reason="Staff withdrew the sign-off", by=by)


def _free_index(school: School) -> int:
    """A random bit not yet used in the school's list: a verifier fetching the list learns
    nothing about which credential it is checking, or how many the school has issued."""
    used = queries.used_indices(school)
    if len(used) >= issuing.STATUS_LIST_BITS:
        raise RuntimeError("the school's status list is full")
    while (index := secrets.randbelow(issuing.STATUS_LIST_BITS)) in used:
        pass
    return index
