"""The school sign-in tests' app points at the test OpenID provider."""

from __future__ import annotations

import pytest

from tests.sso.support import sso_config


@pytest.fixture
def app_config(oidc_provider) -> dict:
    return sso_config(oidc_provider)
