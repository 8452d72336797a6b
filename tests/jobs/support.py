"""Downloading through a job as a browser does: POST to start it, the job's page, its file."""

from __future__ import annotations

import re


def job_id_of(response) -> int:
    assert response.status_code == 303, response.status_code
    return int(re.fullmatch(r".*/jobs/(\d+)", response.headers["Location"]).group(1))


def download_through_job(client, url: str):
    """Start the job at ``url`` (POST), check its page says it is ready (in tests the job runs
    as it is queued) and return the file's response."""
    job_id = job_id_of(client.post(url))
    page = client.get(f"/jobs/{job_id}")
    assert page.status_code == 200
    assert b'data-job-state="done"' in page.data, page.get_data(as_text=True)
    return client.get(f"/jobs/{job_id}/file")
