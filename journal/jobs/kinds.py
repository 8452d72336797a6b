"""The kinds of job: what each makes, run as the person who asked with the same permission
checks as the download it replaces (a refused one raises :class:`Refused` with plain words).
The domains above register their kinds here, so the queue imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journal.accounts.models import User

from .models import Job


class Refused(Exception):
    """The person may no longer have this file; the message says why in plain words."""


@dataclass(frozen=True)
class Made:
    data: bytes
    name: str
    media_type: str


@dataclass(frozen=True)
class Kind:
    label: str
    make: Callable[[Job, User, Callable[[str], None]], Made]
    may_see: Callable[[User, Job], bool]


KINDS: dict[str, Kind] = {}
"""Each kind of job by name, filled by the domains that make the files (``register``): the
queue knows how to run and keep a job, not what any job makes."""

WARMERS: list[Callable[[], None]] = []
"""What a worker runs once before taking work (a PDF engine's import and fonts), filled by the
domains that own the engines (``warm_at_worker_start``)."""


def job_title(job: Job) -> str:
    """What the job makes, in words ("Passport file")."""
    return KINDS[job.kind].label


def register(name: str, kind: Kind) -> None:
    """Make jobs of ``name`` possible; called once by the domain that owns them."""
    KINDS[name] = kind


def warm_at_worker_start(warm: Callable[[], None]) -> None:
    """Run ``warm`` (in an app context) when a worker starts, before it takes a job."""
    if warm not in WARMERS:
        WARMERS.append(warm)
