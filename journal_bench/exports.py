"""Benchmark: the documents and the passport export, CPU and wall, cold and warm.

- ``cv-pdf`` made (cold: the first in this process, WeasyPrint's import and font set-up
  included; warm: the median after it), in each style, and cached (a second download of the
  same version: a file read through ``journal.jobs.cache``);
- ``passport-export``: the demo pupil's 500 entries with 100 photos: the signed passport.json
  and zip without the PDF copy, the PDF copy through Typst and through WeasyPrint (once: it
  takes seconds), and the whole file as the job makes it.
"""

from __future__ import annotations

import hashlib
import io
import json
import statistics
import time
from collections.abc import Callable
from unittest import mock

from PIL import Image
from sqlalchemy import select

from journal.accounts.operations import find_by_login
from journal.documents.exports import html_to_pdf, print_html, render_pdf
from journal.extensions import db
from journal.media.models import Attachment
from journal.media.storage import storage
from journal.passport.entries.models import Entry
from journal.portable import export, pdf
from journal.schools.models import School
from journal_demo.documents import maya_documents

from .common import SIGN_IN_AS, Bench, Figure

PHOTOS = 100


def _time(fn: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def _figure(bench: Bench, name: str, wall, cpu, size: int, note: str) -> Figure:
    ms = statistics.median(cpu) * 1000
    figure = Figure(name, wall, 0, size, f"{note}; cpu {ms:.0f} ms")
    bench.results[name] = figure
    return figure


def documents_figures(bench: Bench) -> list[Figure]:
    figures = []
    with bench.app.app_context():
        cv, _ = maya_documents()
        for style in ("standard", "large", "symbols"):
            html = print_html(cv, cv.content, style=style)
            cold_wall, cold_cpu = _time(lambda h=html: html_to_pdf(h), 1)
            size = len(html_to_pdf(html))
            if style == "standard":
                figures.append(
                    _figure(
                        bench, "cv-pdf-cold", cold_wall, cold_cpu, size, "first PDF in this process"
                    )
                )
            wall, cpu = _time(lambda h=html: html_to_pdf(h), bench.rounds)
            figures.append(_figure(bench, f"cv-pdf-{style}", wall, cpu, size, "made, warm"))
        render_pdf(cv, cv.content)
        db.session.commit()
        wall, cpu = _time(lambda: render_pdf(cv, cv.content), bench.rounds)
        cached = len(render_pdf(cv, cv.content))
        figures.append(_figure(bench, "cv-pdf-cached", wall, cpu, cached, "same version again"))
        db.session.remove()
    return figures


def _add_photos(pupil, count: int) -> None:
    entries = db.session.scalars(
        select(Entry).where(Entry.pupil_id == pupil.id).order_by(Entry.id).limit(count)
    )
    for number, entry in enumerate(entries):
        out = io.BytesIO()
        Image.new("RGB", (800, 600), (number * 2 % 255, 100, 150)).save(out, "JPEG", quality=85)
        data = out.getvalue()
        photo = Attachment(
            pupil_id=pupil.id,
            entry_id=entry.id,
            key=storage().put(data, "image/jpeg"),
            sha256=hashlib.sha256(data).hexdigest(),
            media_type="image/jpeg",
            size=len(data),
            description=f"Photo {number}",
        )
        db.session.add(photo)
        db.session.flush()
        revision = entry.current_revision
        revision.content = revision.content | {"attachments": [photo.as_content()]}
    db.session.commit()


def export_figures(bench: Bench) -> list[Figure]:
    app, figures = bench.app, []
    with app.test_request_context():
        pupil = find_by_login(SIGN_IN_AS).pupil
        if not db.session.scalar(select(Attachment.id).where(Attachment.pupil_id == pupil.id)):
            _add_photos(pupil, PHOTOS)

        def signed_zip() -> bytes:
            db.session.expire_all()
            with mock.patch.object(export, "_readable_copy", lambda body: None):
                return export.passport_zip(pupil, include_drafts=True)

        size = len(signed_zip())
        wall, cpu = _time(signed_zip, bench.rounds)
        figures.append(
            _figure(
                bench,
                "passport-json-zip",
                wall,
                cpu,
                size,
                "signed json + zip, 500 entries, 100 photos, no PDF",
            )
        )
        school = db.session.get(School, pupil.school_id)
        document, _ = export.passport_document(pupil, school, include_drafts=True)
        data = json.loads(json.dumps(document))
        from journal.documents.typeset import typeset

        made = lambda: typeset(pdf.TYPST_TEMPLATE, pdf.typst_input(data))  # noqa: E731
        cold_wall, cold_cpu = _time(made, 1)
        figures.append(
            _figure(
                bench,
                "passport-pdf-typst-cold",
                cold_wall,
                cold_cpu,
                len(made()),
                "first Typst PDF in this process",
            )
        )
        wall, cpu = _time(made, max(3, bench.rounds // 10))
        figures.append(
            _figure(bench, "passport-pdf-typst", wall, cpu, len(made()), "500 entries, made, warm")
        )
        wall, cpu = _time(lambda: pdf.render_passport_pdf_weasyprint(data), 1)
        figures.append(
            _figure(
                bench,
                "passport-pdf-weasyprint",
                wall,
                cpu,
                0,
                "the same record through WeasyPrint, once",
            )
        )

        def whole() -> bytes:
            db.session.expire_all()
            return export.passport_zip(pupil, include_drafts=True)

        wall, cpu = _time(whole, 3)
        figures.append(
            _figure(
                bench,
                "passport-export",
                wall,
                cpu,
                len(whole()),
                "the whole file as the job makes it (PDF cached by minute)",
            )
        )
        db.session.remove()
    return figures
