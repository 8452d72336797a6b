"""Access cases for the careers programme: careers staff and tutors see the programme; careers
staff take attendance for any activity and manage custom groups; a tutor takes attendance only
for the activities they recorded. Another school's activity or group is a 404."""

from __future__ import annotations

import uuid
from datetime import timedelta

from journal.calendar import today
from journal.extensions import db
from tests.access_support import CAREERS, only

SEE = (*CAREERS, "tutor")


def _activity(school_pupil, by, key: str):
    """An activity (made on first use) for ``school_pupil``'s school, recorded by ``by``."""
    from journal.programme import operations
    from journal.programme.models import ProgrammeActivity

    found = db.session.scalar(db.select(ProgrammeActivity).where(ProgrammeActivity.title == key))
    if found is None:
        found, _ = operations.create_activity(
            school_pupil.school,
            by,
            operations.NewActivity(
                client_id=str(uuid.uuid4()),
                title=key,
                kind_code="encounter:careers_fair",
                occurred_on=today() - timedelta(days=1),
                starts_at=None,
                place="",
                organisations=[],
                benchmarks=[],
                audience_kind="pupils",
                audience={"pupil_ids": [school_pupil.id]},
                audience_label=school_pupil.full_name,
            ),
            [school_pupil],
        )
    return found


def _leaders(w):
    return _activity(w.pupil, w.users["careers_leader"], "leader's")


def _tutors(w):
    return _activity(w.pupil, w.users["tutor"], "tutor's")


def _foreign(w):
    return _activity(w.foreign_pupil, w.foreign_staff, "foreign")


def _group(w, *, foreign=False, name="Picked"):
    from journal.cohort.models import CustomGroup

    school_id = w.foreign_pupil.school_id if foreign else w.pupil.school_id
    found = db.session.scalar(
        db.select(CustomGroup).where(CustomGroup.school_id == school_id, CustomGroup.name == name)
    )
    if found is None:
        found = CustomGroup(school_id=school_id, name=name, kind="picked", definition={})
        db.session.add(found)
        db.session.flush()
    return found


def _on(activity_of, suffix: str = ""):
    return lambda w: f"/programme/activities/{activity_of(w).id}{suffix}"


CASES = {
    "programme.programme": [("GET", lambda w: "/programme", only(SEE))],
    "programme.month": [("GET", lambda w: "/programme/calendar", only(SEE))],
    "programme.new_activity": [("GET", lambda w: "/programme/new", only(SEE))],
    "programme.provider_access": [("GET", lambda w: "/programme/provider-access", only(SEE))],
    "programme.activity": [
        ("GET", _on(_leaders), only(SEE)),
        ("GET", _on(_foreign), only(SEE, 404)),
    ],
    "programme.attendance": [
        ("GET", _on(_leaders, "/attendance"), only(CAREERS)),
        ("GET", _on(_tutors, "/attendance"), only(SEE)),
        ("GET", _on(_foreign, "/attendance"), only(SEE, 404)),
        ("POST", _on(_leaders, "/attendance"), only(CAREERS, 302)),
    ],
    "programme.import_attendance": [
        ("GET", _on(_leaders, "/import"), only(CAREERS)),
        ("GET", _on(_tutors, "/import"), only(SEE)),
        ("GET", _on(_foreign, "/import"), only(SEE, 404)),
    ],
    "programme.confirm_import": [
        ("POST", _on(_leaders, "/import/confirm"), only(CAREERS, 302)),
        ("POST", _on(_tutors, "/import/confirm"), only(SEE, 302)),
        ("POST", _on(_foreign, "/import/confirm"), only(SEE, 404)),
    ],
    "programme.groups": [("GET", lambda w: "/programme/groups", only(SEE))],
    "programme.new_group": [("GET", lambda w: "/programme/groups/new", only(CAREERS))],
    "programme.group": [
        ("GET", lambda w: f"/programme/groups/{_group(w).id}", only(SEE)),
        ("GET", lambda w: f"/programme/groups/{_group(w, foreign=True).id}", only(SEE, 404)),
    ],
    "programme.group_pupils": [
        ("POST", lambda w: f"/programme/groups/{_group(w).id}/pupils", only(CAREERS, 302)),
        (
            "POST",
            lambda w: f"/programme/groups/{_group(w, foreign=True).id}/pupils",
            only(CAREERS, 404),
        ),
    ],
    "programme.archive_group": [
        (
            "POST",
            lambda w: f"/programme/groups/{_group(w, name='Archive').id}/archive",
            only(CAREERS, 302),
        ),
        (
            "POST",
            lambda w: f"/programme/groups/{_group(w, foreign=True).id}/archive",
            only(CAREERS, 404),
        ),
    ],
}
