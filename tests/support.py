"""Small helpers many test modules share: counting the SQL a block sends, and reading the
audit log."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, select

from journal.audit.models import AuditEvent
from journal.extensions import db


@contextmanager
def counting_queries():
    """Collect the SQL statements sent while the block runs."""
    statements: list[str] = []

    def before(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def audit_actions(action: str) -> list[AuditEvent]:
    """The audit events with ``action``, read afresh."""
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))
