"""The "test the connection" check: fetch the provider's discovery document and its keys, and
say what is wrong in words an IT lead can act on. It reads the network, never the database."""

from __future__ import annotations

from dataclasses import dataclass

import requests

from . import providers
from .models import SsoConnection

TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class TestResult:
    ok: bool
    message: str

    __test__ = False  # not a pytest test class


def check(connection: SsoConnection) -> TestResult:
    """Discovery, issuer, endpoints, PKCE and signing keys of the connection's provider."""
    url = providers.metadata_url(connection)
    try:
        metadata = _get_json(url)
    except _Problem as problem:
        return TestResult(False, f"The discovery document at {url} {problem}")
    expected = providers.issuer_of(connection)
    if metadata.get("issuer") != expected:
        return TestResult(
            False,
            f"The provider calls itself {metadata.get('issuer')!r}, not {expected!r}: "
            "check the tenant id or issuer URL.",
        )
    missing = [
        key
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri")
        if not metadata.get(key)
    ]
    if missing:
        return TestResult(False, f"The discovery document lacks {', '.join(missing)}.")
    methods = metadata.get("code_challenge_methods_supported")
    if methods is not None and "S256" not in methods:
        return TestResult(False, "The provider does not offer PKCE with S256, which we require.")
    try:
        keys = _get_json(metadata["jwks_uri"]).get("keys") or []
    except _Problem as problem:
        return TestResult(False, f"The provider's signing keys at {metadata['jwks_uri']} {problem}")
    if not keys:
        return TestResult(False, "The provider publishes no signing keys.")
    return TestResult(
        True,
        f"{expected} answered, with {len(keys)} signing key(s). The client id and secret are "
        "checked at the first real sign-in: try one with your own account.",
    )


class _Problem(Exception):
    pass


def _get_json(url: str) -> dict:
    try:
        response = requests.get(url, timeout=TIMEOUT_SECONDS)
    except requests.RequestException as problem:
        raise _Problem(f"could not be reached ({type(problem).__name__}).") from problem
    if response.status_code != 200:
        raise _Problem(f"answered {response.status_code}, not 200.")
    try:
        data = response.json()
    except ValueError as problem:
        raise _Problem("is not JSON.") from problem
    if not isinstance(data, dict):
        raise _Problem("is not a JSON object.")
    return data
