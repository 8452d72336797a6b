"""Rules of the passport operations that the pages cannot easily reach."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from journal.calendar import today
from journal.extensions import db
from journal.passport.entries import operations
from journal.passport.entries.models import Entry


def test_a_replay_that_races_the_first_save_returns_the_stored_entry(make, pupil, monkeypatch):
    """Two saves with one client id can both miss the look-up; the unique constraint decides,
    and the loser gets the winner's entry in a session that still works."""
    stored = make.entry(pupil)
    real = operations.entry_by_client_id
    calls = []

    def missed_once(p, client_id):
        calls.append(client_id)
        return None if len(calls) == 1 else real(p, client_id)

    monkeypatch.setattr(operations, "entry_by_client_id", missed_once)
    entry, created = operations.record_entry(
        pupil,
        kind="encounter",
        client_id=stored.client_id,
        content=dict(stored.content),
        state="submitted",
        author=pupil.user,
    )
    assert (entry.id, created) == (stored.id, False)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Entry)) == 1


def test_date_rules(pupil):
    assert operations.date_problem(pupil, today()) is None
    assert operations.date_problem(pupil, pupil.record_began_on) is None
    assert "future" in operations.date_problem(pupil, today() + timedelta(days=1))
    assert "starts on" in operations.date_problem(pupil, pupil.record_began_on - timedelta(1))


def test_unknown_states_are_refused(make, pupil):
    entry = make.entry(pupil)
    try:
        operations.revise_entry(entry, content={}, state="published", author=pupil.user)
    except ValueError:
        return
    raise AssertionError("an unknown state was accepted")
