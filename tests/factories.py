"""Factories for tests: each builds a valid object with sensible defaults and flushes it."""

from __future__ import annotations

import itertools
from datetime import date

from stdnum.gb import upn as upn_lib

from journal.accounts import operations as accounts
from journal.accounts.roles import Role
from journal.extensions import db
from journal.schools.models import Pupil, TutorAssignment, TutorGroup
from journal.schools.operations import create_school

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def valid_upn(serial: int, la: int = 886, establishment: int = 4001) -> str:
    body = f"{la:03d}{establishment:04d}25{serial % 1000:03d}"
    return upn_lib.calc_check_digit(body) + body


class Factory:
    def school(self, name: str = "Test School", urn: str | None = None, school_type="mainstream"):
        return create_school(
            urn=urn or f"{100000 + next(_counter)}", name=name, school_type=school_type
        )

    def user(
        self,
        school=None,
        *roles: Role,
        username: str | None = None,
        password: str | None = PASSWORD,
        name: str | None = None,
    ):
        school = school or self.school()
        n = next(_counter)
        return accounts.create_user(
            school=school,
            username=username or f"user{n}",
            display_name=name or f"Person {n}",
            roles=roles or [Role.TUTOR],
            password=password,
        )

    def group(self, school, name: str = "10H", year_group: int = 10, tutors=()):
        group = TutorGroup(school_id=school.id, name=name, year_group=year_group)
        db.session.add(group)
        db.session.flush()
        for tutor in tutors:
            db.session.add(TutorAssignment(tutor_group_id=group.id, user_id=tutor.id))
        db.session.flush()
        return group

    def pupil(
        self,
        school=None,
        group=None,
        *,
        first: str = "Alex",
        last: str = "Smith",
        year_group: int = 10,
        with_account: bool = True,
        **fields,
    ):
        school = school or self.school()
        n = next(_counter)
        user = None
        if with_account:
            user = self.user(school, Role.PUPIL, name=f"{first} {last}")
        pupil = Pupil(
            school_id=school.id,
            user=user,
            upn=fields.pop("upn", valid_upn(n)),
            legal_first_name=first,
            legal_last_name=last,
            date_of_birth=fields.pop("date_of_birth", date(2011, 5, 4)),
            year_group=year_group,
            tutor_group=group,
            record_began_on=fields.pop("record_began_on", date(2022, 9, 1)),
            **fields,
        )
        db.session.add(pupil)
        db.session.flush()
        return pupil

    def entry(self, pupil, *, state: str = "submitted", occurred_on: date | None = None, **content):
        """A pupil's encounter, written by the pupil, with one revision."""
        import uuid

        from journal.passport.entries import operations
        from journal.reference import kinds

        fields = {name: "" for name in kinds.ENCOUNTER_FIELDS} | {
            "category": "employer_talk",
            "organisation": "Riverside Hospital",
            "what_i_did": "Listened to a nurse talk about her job.",
            "feeling": 4,
            "occurred_on": (occurred_on or date(2026, 10, 1)).isoformat(),
        }
        entry, _ = operations.record_entry(
            pupil,
            kind=kinds.ENCOUNTER,
            client_id=str(uuid.uuid4()),
            content=fields | content,
            state=state,
            author=pupil.user,
        )
        return entry

    def document(self, pupil, *, kind: str = "cv", title: str = "My CV", content=None, **extra):
        """A pupil's CV or statement with its first version (empty unless ``content``)."""
        from journal.documents import operations

        return operations.create_document(
            pupil, kind=kind, title=title, by=pupil.user, content=content, **extra
        )
