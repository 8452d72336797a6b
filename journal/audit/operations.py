"""Writing audit events. Every audited action in the app goes through ``record``."""

from __future__ import annotations

from flask import has_request_context, request

from journal.extensions import db

from .models import AuditEvent


def record(
    action: str,
    *,
    actor=None,
    pupil=None,
    school_id: int | None = None,
    **detail,
) -> AuditEvent:
    """Add an audit event to the session (the caller's transaction commits it).

    ``actor`` is the person acting (None for an anonymous failed sign-in), ``pupil`` the pupil
    whose record is touched. The address comes from the request when there is one.
    """
    if school_id is None:
        school_id = getattr(pupil, "school_id", None) or getattr(actor, "school_id", None)
    event = AuditEvent(
        action=action,
        actor_id=getattr(actor, "id", None),
        pupil_id=getattr(pupil, "id", None),
        school_id=school_id,
        detail=detail,
        ip_address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    return event
