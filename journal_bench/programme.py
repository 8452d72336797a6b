"""The programme's figure for ``flask --app journal bench``: recording attendance for a whole
year group (up to 300 pupils) in one request, as a careers leader saving the list.

Registered in ``journal_bench/run.py`` as ``programme-attendance``. Each round saves the list of a
fresh activity (made before timing starts), so every round writes the same number of entries,
revisions, sign-offs and attendance rows; ``queries`` is the statements per request.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from journal.accounts.operations import find_by_login
from journal.calendar import today
from journal.extensions import db
from journal.programme import operations
from journal.schools.models import Pupil

from .common import Bench, Figure

PUPILS = 300


def _activities(app: Flask, rounds: int) -> tuple[list[int], list[int]]:
    """``rounds + 1`` activities for the same (up to) 300 pupils, and those pupils' ids."""
    with app.app_context():
        leader = find_by_login("careers")
        pupils = list(
            db.session.scalars(
                select(Pupil)
                .where(Pupil.school_id == leader.school_id, Pupil.left_on.is_(None))
                .order_by(Pupil.year_group.desc(), Pupil.id)
                .limit(PUPILS)
            )
        )
        ids = []
        for n in range(rounds + 1):
            activity, _ = operations.create_activity(
                leader.school,
                leader,
                operations.NewActivity(
                    client_id=str(uuid.uuid4()),
                    title=f"Bench careers fair {n}",
                    kind_code="encounter:careers_fair",
                    occurred_on=today() - timedelta(days=1),
                    starts_at=None,
                    place="",
                    organisations=[],
                    benchmarks=[],
                    audience_kind="pupils",
                    audience={"pupil_ids": [p.id for p in pupils]},
                    audience_label="Bench pupils",
                ),
                pupils,
            )
            ids.append(activity.id)
        db.session.commit()
        pupil_ids = [p.id for p in pupils]
        db.session.remove()
    return ids, pupil_ids


def bench_programme(bench: Bench) -> list[Figure]:
    activity_ids, pupil_ids = bench.isolated(_activities, bench.app, bench.rounds)
    client = bench.client("careers")
    waiting = list(activity_ids)

    def save_list():
        activity_id = waiting.pop(0)
        return client.post(
            f"/programme/activities/{activity_id}/attendance",
            data={"listed": pupil_ids, "present": pupil_ids},
        )

    figure = bench.measure(
        "programme-attendance",
        save_list,
        expect=302,
        note=f"{len(pupil_ids)} pupils marked present in one request",
    )
    return [figure]
