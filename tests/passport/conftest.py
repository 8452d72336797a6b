"""The passport tests' Maya is Maya Smith (the pages they read name her)."""

from __future__ import annotations

import pytest


@pytest.fixture
def pupil_details() -> dict:
    return {"last": "Smith"}
