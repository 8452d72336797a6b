"""Jobs in the browser walk: the page of a finished job (the pupil's passport file, made as the
pupil presses "Download my passport"; in tests a job runs as it is queued)."""

from __future__ import annotations


def _finished_job(page, live_server):
    page.goto("/passport/download")
    page.get_by_role("button", name="Download my passport").click()
    page.wait_for_url("**/jobs/*")
    return page.goto(page.url).status


PAGES = {
    "job-finished": ("pupil", _finished_job, True),
}
