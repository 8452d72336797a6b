"""Engine set-up that SQLAlchemy leaves to us.

SQLite: WAL journal, foreign keys, and write transactions opened with ``BEGIN IMMEDIATE``.
pysqlite normally opens transactions lazily (``BEGIN DEFERRED`` on the first write), so two
gunicorn workers that both read and then write deadlock and one gets "database is locked".
Following the pysqlite recipe in SQLAlchemy's SQLite dialect documentation, we turn off the
driver's own transaction handling and emit ``BEGIN IMMEDIATE`` ourselves, so a writer waits
for the lock (up to the busy timeout) instead of failing.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine

READ_ONLY = "journal_read_only"  # an execution option: see _sqlite_begin


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_begin)


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection) -> None:
    """``BEGIN IMMEDIATE``; a plain (deferred) ``BEGIN`` for a connection opened with the
    execution option ``READ_ONLY``, so a long read (a job making a 500-entry export) holds no
    write lock and never blocks the writers; it must not write."""
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
