"""Skills, aspirations, intended destinations and the vocational profile ("all about me")."""

from __future__ import annotations

from . import bp  # noqa: F401
