"""Benchmark: the median time to render the demo pupil's two-page CV as PDF and as DOCX.

``bench_documents(app, runs)`` prints one line a figure; ``documents_benchmark`` is the same
measurement as :class:`journal_bench.common.Figure` lines for ``flask --app journal bench``. Each
render runs in a fresh application context, after one warm-up render that is not counted.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

import click
from flask import Flask

from journal.documents.exports import render_docx, render_pdf
from journal.extensions import db
from journal_demo.documents import maya_documents

from .common import Bench, Figure

FORMATS = ("pdf", "pdf-large", "pdf-symbols", "docx")


def _renderer(app: Flask, file_format: str) -> Callable[[], bytes]:
    def render() -> bytes:
        with app.app_context():
            cv, _ = maya_documents()
            try:
                if file_format == "docx":
                    return render_docx(cv, cv.content)
                style = file_format.partition("-")[2] or "standard"
                return render_pdf(cv, cv.content, style=style)
            finally:
                db.session.remove()

    return render


def time_renders(
    app: Flask, file_format: str, runs: int
) -> tuple[list[float], list[float], int, int]:
    """Wall-clock and CPU seconds for each of ``runs`` renders (after a warm-up), the file's
    size and, for a PDF, its pages. CPU time shows the cost on a busy machine too."""
    render = _renderer(app, file_format)
    data = render()
    seconds, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        data = render()
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return seconds, cpu, len(data), _pages(data)


def _pages(data: bytes) -> int:
    if not data.startswith(b"%PDF"):
        return 0
    from pypdf import PdfReader  # a test dependency: only when the bench counts a PDF's pages

    return len(PdfReader(io.BytesIO(data)).pages)


def bench_documents(app: Flask, runs: int, formats: tuple[str, ...] = ("pdf", "docx")) -> None:
    """Print the median render time of the demo CV in each format (seeded if missing)."""
    for file_format in formats:
        seconds, cpu, size, pages = time_renders(app, file_format, runs)
        where = f", {pages} pages" if pages else ""
        click.echo(
            f"cv-{file_format:<12} median {statistics.median(seconds) * 1000:8.1f} ms  "
            f"cpu {statistics.median(cpu) * 1000:8.1f} ms  ({runs} runs, {size:,} bytes{where})"
        )


def documents_benchmark(bench: Bench) -> list[Figure]:
    """The same figures for ``bench cv-export``."""
    figures = []
    for file_format in ("pdf", "docx"):
        seconds, cpu, size, pages = time_renders(bench.app, file_format, bench.rounds)
        shape = f"{pages}-page PDF" if pages else "Word file"
        note = f"demo CV as a {shape}; cpu {statistics.median(cpu) * 1000:.0f} ms"
        figure = Figure(f"cv-{file_format}", seconds, 0, size, note)
        bench.results[figure.name] = figure
        figures.append(figure)
    return figures
