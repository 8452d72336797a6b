"""The navigation: (label, endpoint, permission) entries, each shown to the people the page's
own permission function lets in. The rules are the domains' own functions, called here, never
re-stated."""

from __future__ import annotations

from collections.abc import Callable

from journal.accounts.models import User
from journal.cohort.permissions import can_view_cohort
from journal.credentials.permissions import can_choose as can_choose_credentials
from journal.documents.permissions import can_write_documents
from journal.family.permissions import can_link_another_child
from journal.guidance.permissions import can_read_own_guidance
from journal.passport.entries.permissions import can_write_passport
from journal.passport.signoff.permissions import can_use_sign_off_queue
from journal.programme.permissions import can_see_programme
from journal.schools.permissions import (
    can_change_school_settings,
    can_list_pupils,
    can_manage_accounts,
    can_manage_roster,
    can_open_cards,
    can_read_audit_log,
)

Rule = Callable[[User], bool]


def _own(rule: Callable[[User, object], bool]) -> Rule:
    """A rule about the pupil's own record, given the record as the page's guard finds it."""
    return lambda user: rule(user, user.pupil if user.is_pupil else None)


def _everyone(user: User) -> bool:
    return True


SIGNED_OUT = [("accounts.sign_in", "Sign in"), ("home.about", "About")]

NAVIGATION: list[tuple[str, str, Rule]] = [
    ("Home", "home.index", _everyone),
    ("Record something", "passport.record_something", _own(can_write_passport)),
    ("From my school", "guidance.my_guidance", _own(can_read_own_guidance)),
    ("My timeline", "passport.timeline", _own(can_write_passport)),
    ("My skills", "passport.skills", _own(can_write_passport)),
    ("What I want to do", "passport.aspirations", _own(can_write_passport)),
    ("All about me", "passport.profile", _own(can_write_passport)),
    ("My CVs", "documents.my_documents", _own(can_write_documents)),
    ("My Open Badges", "credentials.mine", _own(can_choose_credentials)),
    ("Link another child", "family.join", can_link_another_child),
    ("Pupils", "schools.pupil_list", can_list_pupils),
    ("Sign off", "passport.queue", can_use_sign_off_queue),
    ("Programme", "programme.programme", can_see_programme),
    ("Cohort insight", "cohort.dashboard", can_view_cohort),
    ("Sign-in cards", "schools.cards", can_open_cards),
    ("Roster import", "schools.roster_upload", can_manage_roster),
    ("People", "accounts.people", can_manage_accounts),
    ("Audit log", "audit.log", can_read_audit_log),
    ("School", "schools.settings", can_change_school_settings),
    ("View settings", "accessibility.settings", _everyone),
    ("My account", "accounts.account", _everyone),
]


def nav_items(user) -> list[tuple[str, str]]:
    """The navigation for a person: (endpoint, label) pairs for the pages they may open."""
    if not user.is_authenticated:
        return list(SIGNED_OUT)
    return [(endpoint, label) for label, endpoint, rule in NAVIGATION if rule(user)]
