"""Who may open an uploaded file: functions of (person, thing).

A file belongs to its pupil from the moment it is uploaded, and its pupil may always open it.
Anyone else may open it only through the entry that claimed it, and media does not know
entries: the domains that do give media their rule, a function of (person, file) registered
with ``add_reader`` when their blueprint is registered. Passport's rule is for staff
(``journal.passport.entries.permissions.staff_can_see_attachment``: a saved entry of a pupil in
their scope), the family's for family members
(``journal.family.permissions.family_can_see_attachment``: the one family-visibility rule,
``Entry.visible_to_family``).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

from journal.accounts.models import User

from .models import Attachment

Reader = Callable[[User, Attachment], bool]
READERS = "media_readers"  # the key in app.extensions


def add_reader(app: Flask, rule: Reader) -> None:
    """Let people ``rule(user, attachment)`` says yes to open a file, besides its pupil. A rule
    may also abort with 404 itself (a pupil outside a member of staff's scope)."""
    app.extensions.setdefault(READERS, []).append(rule)


def owns_attachment(user: User, attachment: Attachment) -> bool:
    """The pupil who uploaded it (or whose passport it is in) always may."""
    return user.is_pupil and user.pupil is not None and user.pupil.id == attachment.pupil_id


def can_open_attachment(user: User, attachment: Attachment) -> bool:
    """Its pupil, or anyone a registered rule lets in, in the order the rules were added."""
    if owns_attachment(user, attachment):
        return True
    return any(rule(user, attachment) for rule in current_app.extensions.get(READERS, ()))
