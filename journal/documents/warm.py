"""Warm the PDF engines when a job worker starts (``journal.jobs.kinds.warm_at_worker_start``):
WeasyPrint's import and font set-up and Typst's first compile take most of a first PDF's
time, which belongs in the worker's start, not in the first pupil's download."""

from __future__ import annotations

from journal.jobs.kinds import warm_at_worker_start

from .exports import html_to_pdf
from .typeset import font_folder


def warm_engines() -> None:
    """Make one small PDF with each engine."""
    import typst  # a compiled engine: imported by the worker, not by every app process

    html_to_pdf("<!doctype html><html lang='en-GB'><title>warm</title><p>Warm</p></html>")
    typst.compile(
        b"#set document(title: [warm])\nWarm",
        format="pdf",
        font_paths=[font_folder()],
        ignore_system_fonts=True,
    )


warm_at_worker_start(warm_engines)
