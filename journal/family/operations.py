"""Writes for families: invites, links, sign-up with a code, and the audit of what families
open. Each flushes and audits; the request commits once."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from journal.accounts import operations as accounts
from journal.accounts import passwords
from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.audit.operations import record
from journal.calendar import utcnow
from journal.extensions import db
from journal.schools.models import Pupil

from .models import FamilyInvite, FamilyLink

# No 0/O, 1/I/L, 5/S, 2/Z or 8/B: a code read from a letter is typed right first time.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 10
INVITE_DAYS = 30

DOES_NOT_WORK = "This code does not work. Check it against the letter and try again."
USED_OR_EXPIRED = (
    "This code has been used or has expired. Ask the school for a new letter with a new code."
)


class FamilyError(ValueError):
    """Something a family member or member of staff asked for that cannot be done, with a
    message for them (``field``: the form field it belongs beside)."""

    def __init__(self, message: str, *, field: str | None = None, code_failed: bool = False):
        super().__init__(message)
        self.field = field
        self.code_failed = code_failed  # a wrong guess at a code: counts towards the throttle


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What was typed, without spaces or dashes, in capitals ("acd7k-…" is "ACD7K…")."""
    return re.sub(r"[^A-Z0-9]", "", (typed or "").upper())


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def shown(code: str) -> str:
    """A code as printed: two groups of five, "ACD7K-MN4QR"."""
    return f"{code[:5]}-{code[5:]}"


def make_invite(
    pupil: Pupil, *, by: User, relationship_label: str = ""
) -> tuple[FamilyInvite, str]:
    """A new invite for a family member of ``pupil``; returns it and its code (shown once)."""
    code = new_code()
    invite = FamilyInvite(
        pupil_id=pupil.id,
        code_sha256=code_hash(code),
        relationship_label=relationship_label.strip(),
        made_by_id=by.id,
        made_at=utcnow(),
        expires_at=utcnow() + timedelta(days=INVITE_DAYS),
    )
    db.session.add(invite)
    db.session.flush()
    record("family_invite_made", actor=by, pupil=pupil, invite_id=invite.id)
    return invite, code


def revoke_invite(invite: FamilyInvite, *, by: User) -> bool:
    """Cancel an invite that has not been used. False (nothing written) if it was already."""
    if invite.used_at is not None or invite.revoked_at is not None:
        return False
    invite.revoked_at = utcnow()
    invite.revoked_by_id = by.id
    record("family_invite_revoked", actor=by, pupil=invite.pupil, invite_id=invite.id)
    return True


def revoke_link(link: FamilyLink, *, by: User) -> bool:
    """End a family member's link to a pupil: from the next request they see nothing of them."""
    if link.revoked_at is not None:
        return False
    link.revoked_at = utcnow()
    link.revoked_by_id = by.id
    record(
        "family_link_revoked",
        actor=by,
        pupil=link.pupil,
        link_id=link.id,
        family_user_id=link.family_user_id,
    )
    return True


def invite_for_code(typed: str, *, now: datetime | None = None) -> FamilyInvite:
    """The open invite with this code, or FamilyError: "does not work" for a code that never
    existed or was cancelled, "used or expired" for one that was used or ran out."""
    code = normalise_code(typed)
    invite = None
    if len(code) == CODE_LENGTH:
        invite = db.session.scalar(
            select(FamilyInvite)
            .where(FamilyInvite.code_sha256 == code_hash(code))
            .with_for_update()  # two people typing the same code at once: one of them wins
        )
    if invite is None or invite.revoked_at is not None:
        raise FamilyError(DOES_NOT_WORK, field="code", code_failed=True)
    if not invite.is_open(now):
        raise FamilyError(USED_OR_EXPIRED, field="code", code_failed=True)
    return invite


def record_code_failed(typed: str, reason: str, *, actor: User | None = None) -> None:
    """A wrong, used or expired code: audited with its first two characters only."""
    record(
        "family_code_failed",
        actor=actor,
        school_id=getattr(actor, "school_id", None),
        reason=reason,
        code_start=normalise_code(typed)[:2],
    )


def _link(user: User, invite: FamilyInvite, relationship_label: str) -> FamilyLink:
    pupil = invite.pupil
    if live_link(user, pupil) is not None:
        raise FamilyError(f"Your account is already linked to {pupil.first_name}.", field="code")
    now = utcnow()
    invite.used_at = now
    invite.used_by_id = user.id
    link = FamilyLink(
        family_user_id=user.id,
        pupil_id=pupil.id,
        relationship_label=(relationship_label or invite.relationship_label).strip(),
        invite_id=invite.id,
        linked_by_id=invite.made_by_id,
        linked_at=now,
    )
    db.session.add(link)
    db.session.flush()
    record("family_linked", actor=user, pupil=pupil, link_id=link.id, invite_id=invite.id)
    return link


def live_link(user: User, pupil: Pupil) -> FamilyLink | None:
    return db.session.scalar(
        select(FamilyLink).where(
            FamilyLink.family_user_id == user.id,
            FamilyLink.pupil_id == pupil.id,
            FamilyLink.revoked_at.is_(None),
        )
    )


def link_with_code(user: User, typed: str, relationship_label: str = "") -> FamilyLink:
    """A signed-in family member links a further child (a brother or sister) with a code."""
    if not user.is_family:
        raise FamilyError("Only a family member's account can be linked to a pupil.")
    return _link(user, invite_for_code(typed), relationship_label)


def join(
    typed: str,
    *,
    display_name: str,
    username: str,
    email: str | None,
    password: str,
    relationship_label: str = "",
) -> tuple[User, FamilyLink]:
    """A family member's new account, made with an invite code and linked to that child.
    The password follows the same rules as everyone's (``journal.accounts.passwords``)."""
    invite = invite_for_code(typed)
    problem = passwords.weakness(password, username=username.strip())
    if problem:
        raise FamilyError(problem, field="password")
    try:
        user = accounts.create_user(
            school=invite.pupil.school,
            username=username,
            display_name=display_name,
            roles=[Role.FAMILY],
            email=email,
            password=password,
        )
    except accounts.AccountError as taken:
        raise FamilyError(str(taken), field=taken.field or "username") from taken
    record("family_joined", actor=user, pupil=invite.pupil, user_id=user.id)
    return user, _link(user, invite, relationship_label)


def viewed(user: User, pupil: Pupil, page: str, **detail) -> None:
    """Every page a family member opens about a child is recorded in the audit log."""
    record("family_viewed", actor=user, pupil=pupil, page=page, **detail)


def staff_opened(user: User, pupil: Pupil, page: str) -> None:
    record("family_links_opened", actor=user, pupil=pupil, page=page)
