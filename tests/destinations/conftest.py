"""Destinations are recorded for Year 11: Maya is in 11H."""

from __future__ import annotations

import pytest


@pytest.fixture
def group_details() -> dict:
    return {"name": "11H", "year_group": 11}


@pytest.fixture
def pupil_details() -> dict:
    return {"year_group": 11}
