"""Who may do what with a CV or statement: functions of (person, thing)."""

from __future__ import annotations

from journal.accounts.models import User
from journal.schools.models import Pupil

from .models import Document


def is_owner(user: User, document: Document) -> bool:
    return user.is_pupil and document.pupil.user_id == user.id


def can_write_documents(user: User, pupil: Pupil | None) -> bool:
    """Only the pupil writes their own CVs and statements."""
    return pupil is not None and user.is_pupil and pupil.user_id == user.id


def can_comment_on_document(user: User, document: Document) -> bool:
    """Staff who can see the pupil (checked by the caller through ``pupil_for``) give feedback;
    the pupil answers it."""
    return user.is_staff or is_owner(user, document)


def can_resolve_comment(user: User, document: Document) -> bool:
    return user.is_staff or is_owner(user, document)
