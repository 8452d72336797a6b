"""Who may do what with family links and invites: functions of (person, thing).

Which pupils a member of staff reaches is decided by ``journal.schools.queries.pupil_for``;
which pupils a family member reaches, by their live links (``queries.child_for``).
"""

from __future__ import annotations

from journal.accounts.models import User
from journal.extensions import db
from journal.guidance.models import PUPIL_AND_FAMILY
from journal.media.models import Attachment
from journal.passport.entries.models import Entry
from journal.passport.entries.permissions import tutors_pupil
from journal.schools.models import Pupil

from .queries import is_linked


def can_see_family_links(user: User, pupil: Pupil) -> bool:
    """Staff of the pupil's school who can see the pupil see who is linked to them."""
    return user.is_staff and user.school_id == pupil.school_id


def can_link_another_child(user: User) -> bool:
    """A signed-in family member links a further child with a code (anyone signs up with one)."""
    return user.is_family


def can_manage_family_links(user: User, pupil: Pupil) -> bool:
    """Careers staff, and the pupil's own tutors, invite family members and revoke links and
    invites (as for guidance records). School admins only look."""
    if user.school_id != pupil.school_id:
        return False
    return user.is_careers_staff or tutors_pupil(user, pupil)


def family_can_see_entry(entry: Entry) -> bool:
    """A family member sees a saved entry the pupil shares with family; never a draft (the
    rule is ``Entry.visible_to_family``, which queries use in SQL)."""
    return entry.visible_to_family


def family_can_see_attachment(user: User, attachment: Attachment) -> bool:
    """A family member linked to the pupil sees a file on an entry they may see: never a
    draft's, a private entry's or an unclaimed upload. Given to media as a reader."""
    if not (user.is_family and attachment.entry_id and is_linked(user, attachment.pupil_id)):
        return False
    entry = db.session.get(Entry, attachment.entry_id)
    return (
        entry is not None and entry.pupil_id == attachment.pupil_id and family_can_see_entry(entry)
    )


def family_can_see_record(record) -> bool:
    """A guidance record reaches the family only when it is for "the pupil and their family"."""
    return record.visibility == PUPIL_AND_FAMILY


def family_can_mark_done(user: User, action) -> bool:
    """A linked family member ticks off the actions the family owns, nobody else's."""
    return user.is_family and action.owner_kind == "family" and family_can_see_record(action)
