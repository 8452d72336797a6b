"""Reads: the settings that apply to a person, resolved from their own choices, the staff
default and the usual settings."""

from __future__ import annotations

from dataclasses import dataclass, fields

from flask import g, has_request_context
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from journal.extensions import db

from .models import OWN, STAFF_DEFAULT, ViewPreferences


@dataclass(frozen=True)
class ViewSettings:
    """The settings in force for one person, and where each came from."""

    text_size: int = 100
    spacing: str = "normal"
    contrast: str = "normal"
    font: str = "default"
    reduced_motion: bool = False
    symbols: bool = False
    simple_mode: bool = False

    @property
    def classes(self) -> str:
        """The classes on ``<html>``: ``text-200 spacing-wide contrast-high font-dyslexic
        reduce-motion symbols simple`` (only those that differ from standard)."""
        names = []
        if self.text_size != 100:
            names.append(f"text-{self.text_size}")
        if self.spacing == "wide":
            names.append("spacing-wide")
        if self.contrast == "high":
            names.append("contrast-high")
        if self.font == "dyslexic":
            names.append("font-dyslexic")
        if self.reduced_motion:
            names.append("reduce-motion")
        if self.symbols:
            names.append("symbols")
        if self.simple_mode:
            names.append("simple")
        return " ".join(names)

    def as_form_data(self) -> dict[str, str]:
        return {f.name: _form_value(getattr(self, f.name)) for f in fields(self)}


STANDARD = ViewSettings()


def _form_value(value) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def preference_rows(user_id: int) -> dict[str, ViewPreferences]:
    """The person's rows by ``set_by`` (``own``, ``staff``); either may be missing."""
    rows = db.session.scalars(select(ViewPreferences).where(ViewPreferences.user_id == user_id))
    return {row.set_by: row for row in rows}


def usual_settings(user) -> ViewSettings:
    """The settings before anyone chose: simple mode is on for pupils in Career SEND group 1."""
    pupil = getattr(user, "pupil", None) if user.is_pupil else None
    return ViewSettings(simple_mode=bool(pupil and pupil.career_send_group == 1))


def effective_settings(user, rows: dict[str, ViewPreferences] | None = None) -> ViewSettings:
    """Each setting from the person's own choice, else the staff default, else the usual one."""
    if rows is None:
        rows = preference_rows(user.id)
    values = usual_settings(user).__dict__.copy()
    for set_by in (STAFF_DEFAULT, OWN):
        if set_by in rows:
            values.update(rows[set_by].values())
    return ViewSettings(**values)


def current_view_settings() -> ViewSettings:
    """The signed-in person's settings, loaded once per request (one query) and kept on ``g``."""
    if not has_request_context() or not current_user.is_authenticated:
        return STANDARD
    if "view_settings" not in g:
        try:
            g.view_settings = effective_settings(current_user)
        except SQLAlchemyError:  # an error page must still render when the database fails
            db.session.rollback()
            g.view_settings = STANDARD
    return g.view_settings
