"""Who may open an uploaded file: functions of (person, thing).

A file belongs to its pupil from the moment it is uploaded. Staff see it only once an entry
they can see has claimed it; which pupils a member of staff can see at all comes from the
scoping helper (``journal.schools.queries.pupil_for``), applied in ``queries.attachment_for``.
A linked family member sees it once a saved entry shared with family has claimed it.
"""

from __future__ import annotations

from journal.accounts.models import User
from journal.passport.entries.models import Entry
from journal.passport.entries.permissions import staff_can_see_entry

from .models import Attachment


def owns_attachment(user: User, attachment: Attachment) -> bool:
    """The pupil who uploaded it (or whose passport it is in) always may."""
    return user.is_pupil and user.pupil is not None and user.pupil.id == attachment.pupil_id


def staff_can_see_attachment(user: User, attachment: Attachment, entry: Entry | None) -> bool:
    """Staff see a file on a saved entry of the same pupil: never an unclaimed upload, never
    a draft's photos (the pupil has not shared those yet)."""
    return (
        user.is_staff
        and entry is not None
        and entry.id == attachment.entry_id
        and entry.pupil_id == attachment.pupil_id
        and staff_can_see_entry(entry)
    )


def family_can_see_attachment(user: User, attachment: Attachment, entry: Entry | None) -> bool:
    """A family member linked to the pupil (checked by ``queries.attachment_for``) sees a file
    on a saved entry the pupil shares with family: never a draft's, a private entry's or an
    unclaimed upload."""
    return (
        user.is_family
        and entry is not None
        and entry.id == attachment.entry_id
        and entry.pupil_id == attachment.pupil_id
        and not entry.is_draft
        and entry.shared_with_family
    )
