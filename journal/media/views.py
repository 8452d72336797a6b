"""Serving uploaded files, only to people who may see them."""

from __future__ import annotations

from . import bp  # noqa: F401
from .models import Attachment  # noqa: F401
