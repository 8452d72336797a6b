"""Benchmark: the demo pupil's annual review summary (``flask --app journal bench reviews``).

In the scratch database the demo pupil, Maya, has 500 entries, all inside her review's period:
a heavy summary. Signed in as the careers adviser and as Maya's mum:

- ``review-staff``: the staff review page (summary and the staff forms);
- ``review-family``: the family's review page;
- ``review-pdf``: the summary as a PDF in the standard style (WeasyPrint).
"""

from __future__ import annotations

from sqlalchemy import select

from journal.accounts.operations import find_by_login
from journal.extensions import db
from journal.reviews.models import AnnualReview
from journal_demo.common import DEMO_FAMILY, DEMO_PUPIL

from .common import Bench, Figure


def _maya_review() -> tuple[int, int]:
    pupil = find_by_login(DEMO_PUPIL).pupil
    review_id = db.session.scalar(
        select(AnnualReview.id).where(AnnualReview.pupil_id == pupil.id).limit(1)
    )
    return pupil.id, review_id


def reviews_benchmark(bench: Bench) -> list[Figure]:
    with bench.app.app_context():
        pupil_id, review_id = _maya_review()
    staff, family = bench.client("adviser"), bench.client(DEMO_FAMILY)
    staff_url = f"/pupils/{pupil_id}/reviews/{review_id}"
    family_url = f"/family/children/{pupil_id}/reviews/{review_id}"
    return [
        bench.measure("review-staff", lambda: staff.get(staff_url)),
        bench.measure("review-family", lambda: family.get(family_url)),
        bench.measure("review-pdf", lambda: staff.get(f"{staff_url}/summary.pdf")),
    ]
