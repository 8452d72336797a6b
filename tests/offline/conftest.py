from __future__ import annotations

import pytest


@pytest.fixture
def school(make):
    return make.school("Riverside")


@pytest.fixture
def pupil(make, school):
    return make.pupil(school, make.group(school, "10H"), first="Maya")
