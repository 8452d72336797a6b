"""Render the demo pupil's CV as PDF in the large-text and symbol styles and save page 1 of
each as a PNG for the README: ``.venv/bin/python scripts/cv_screenshots.py [OUT_DIR]``.

Builds a scratch demo school in a temporary SQLite database (nothing else is touched), then
runs ``pdftoppm -png -r 60`` (Debian: poppler-utils). The PDFs are kept beside the PNGs with
``--keep-pdf``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PDFTOPPM = shutil.which("pdftoppm")


def main(out_dir: Path, keep_pdf: bool = False) -> None:
    if PDFTOPPM is None:
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    import journal.accounts  # noqa: F401 (the domains import one another: accounts first, as in create_app)
    from journal.documents.exports import render_pdf
    from journal_demo.documents import maya_documents
    from journal_demo.scratch import scratch_demo

    out_dir.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="cv-screenshots-") as folder,
        scratch_demo(pupils=2, SERVER_NAME="localhost") as app,
        app.app_context(),
        app.test_request_context(),
    ):
        cv, _statement = maya_documents()
        for style in ("large", "symbols"):
            pdf = Path(folder) / f"cv-{style}.pdf"
            pdf.write_bytes(render_pdf(cv, cv.content, style=style))
            stem = out_dir / f"cv-{style}"
            subprocess.run(  # noqa: S603 - our own files, a fixed program
                [
                    PDFTOPPM,
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(stem),
                ],
                check=True,
            )
            if keep_pdf:
                (out_dir / pdf.name).write_bytes(pdf.read_bytes())
            print(f"wrote {stem}.png")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(args[0]) if args else ROOT / "docs" / "screenshots", "--keep-pdf" in sys.argv)
