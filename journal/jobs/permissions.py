"""Who may see a job and fetch its file: the person who asked, or staff whom the job's kind
lets see it (``kinds.KINDS[kind].may_see``, the same rule as the download it replaces)."""

from __future__ import annotations

from journal.accounts.models import User

from .models import Job


def can_see_job(user: User, job: Job) -> bool:
    from .kinds import KINDS

    if job.user_id == user.id:
        return True
    kind = KINDS.get(job.kind)
    return kind is not None and user.is_staff and kind.may_see(user, job)
