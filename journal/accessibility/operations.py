"""Writes for view preferences. They flush (and audit staff changes); the caller commits."""

from __future__ import annotations

from journal.audit.operations import record
from journal.extensions import db

from .models import OWN, SETTINGS, STAFF_DEFAULT, ViewPreferences


def _row(user_id: int, set_by: str) -> ViewPreferences:
    row = db.session.get(ViewPreferences, (user_id, set_by))
    if row is None:
        row = ViewPreferences(user_id=user_id, set_by=set_by)
        db.session.add(row)
    return row


def _apply(row: ViewPreferences, values: dict) -> dict:
    """Set the row's settings; return what changed as {setting: [old, new]}."""
    changes = {}
    for name in SETTINGS:
        new = values.get(name)
        if getattr(row, name) != new:
            changes[name] = [getattr(row, name), new]
            setattr(row, name, new)
    return changes


def save_own_preferences(user, values: dict) -> None:
    """Remember a person's own choices; they win over any default staff set."""
    row = _row(user.id, OWN)
    _apply(row, values)
    row.updated_by_id = user.id
    db.session.flush()


def forget_own_preferences(user) -> None:
    """Go back to the school's defaults (or the usual settings) by dropping the own choices."""
    row = db.session.get(ViewPreferences, (user.id, OWN))
    if row is not None:
        db.session.delete(row)
        db.session.flush()


def set_pupil_defaults(pupil, values: dict, *, by) -> dict:
    """Set the view a pupil starts with; the pupil's own choices still win. Audited."""
    row = _row(pupil.user_id, STAFF_DEFAULT)
    changes = _apply(row, values)
    row.updated_by_id = by.id
    if changes:
        record("view_defaults_set", actor=by, pupil=pupil, changes=changes)
    db.session.flush()
    return changes
