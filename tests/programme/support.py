"""Helpers of the careers-programme tests: a date just past, a valid activity form, the audit
log's actions (their school is the ``s`` fixture, in tests/fixtures/people.py)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select

from journal.audit.models import AuditEvent
from journal.calendar import today
from journal.extensions import db

PAST = today() - timedelta(days=2)


def activity_form(**changes) -> dict:
    """A valid record-an-activity form for all of Year 10 (``changes`` override)."""
    data = {
        "client_id": str(uuid.uuid4()),
        "title": "Year 10 careers fair",
        "kind": "encounter:careers_fair",
        "occurred_on": PAST.isoformat(),
        "starts_at": "10:30",
        "place": "Sports hall",
        "organisations-0-name": "Riverside Hospital",
        "organisations-0-sector": "Health",
        "organisations-0-type": "employer",
        "organisations-1-name": "Riverside College",
        "organisations-1-sector": "Education",
        "organisations-1-type": "fe_college",
        "benchmarks": ["2"],
        "audience_kind": "years",
        "year_groups": ["10"],
    }
    data.update(changes)
    return data


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
