"""The review tests' Maya has a record that began in September 2023 (so a review period can
start from it), and Kim is already her mum."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def pupil_details() -> dict:
    return {"record_began_on": date(2023, 9, 1)}


@pytest.fixture
def parent(parent, pupil, linked):
    linked(pupil, "Mum")
    return parent
