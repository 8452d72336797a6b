"""CVs and statements as files: PDF through WeasyPrint (from the same body templates as the
pages) and DOCX through python-docx.

Everything a pupil typed is plain text. It reaches the PDF through Jinja's autoescape and the
DOCX as run text, so ``<b>`` stays the four characters it was; control characters that no file
format can hold (a bell, a form feed) are dropped by :func:`clean_text` first.

WeasyPrint fetches every URL it meets in the HTML and CSS. :class:`StaticFetcher` lets it read
only our own files under ``static/`` (addressed as ``/static/...``) and ``data:`` URLs; anything
else (``http:``, ``file:``, a path out of ``static/``) raises, so nothing is ever fetched from
the network or from elsewhere on disk.
"""

from __future__ import annotations

import base64
import binascii
import io
import mimetypes
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from flask import current_app, render_template
from markupsafe import Markup, escape

from journal.accessibility.symbols import find_matches
from journal.assets import plain_name

from .counting import UCAS_QUESTIONS
from .models import CV, UCAS, Document

STYLES = {
    "standard": "Standard",
    "large": "Large text",
    "symbols": "With symbols",
}
DEFAULT_STYLE = "standard"
LANGUAGE = "en-GB"
# Resources in the print HTML are addressed from this origin, which never resolves (.invalid
# is reserved): the fetcher maps its /static/ paths to files and refuses everything else.
PRINT_ORIGIN = "https://print.careers-passport.invalid"

# C0 and C1 control characters, except tab and line feed; plus what XML 1.0 cannot hold
# (lone surrogates, U+FFFE, U+FFFF). A carriage return becomes a line feed first.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: object) -> str:
    """Pupil text fit for any file: a string, NFC, line breaks as LF, no control characters."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _UNWANTED.sub("", text))


def lines_of(value: object) -> list[str]:
    """The non-blank lines of a text, each stripped: one paragraph each."""
    return [line.strip() for line in clean_text(value).split("\n") if line.strip()]


def title_of(document: Document) -> str:
    """The file's title, as the PDF and DOCX metadata give it: "Maya Patel – CV"."""
    return f"{document.pupil.full_name} – {document.kind_label}"


# --- the print view's text filters ----------------------------------------------------------


def symbol_prefix() -> str:
    return f"{current_app.static_url_path}/vendor/openmoji/"


def document_text(context, value: object) -> Markup:
    """A pupil's text, escaped; with picture symbols when the print style asks for them
    (``print_symbols`` in the context) or, on a page, when the person's view has them on."""
    text = clean_text(value)
    printing = context.get("print_symbols")
    if printing is None:  # a page: follow the person's view settings
        return context.environment.filters["symbolise"](context, text)
    if printing:
        return print_symbols(text)
    return escape(text)


def print_symbols(text: str) -> Markup:
    """``text`` with a symbol above each key word, for the PDF. The picture is a CSS
    background, so a tagged PDF treats it as decoration and reads each word once (an ``<img>``
    would become a figure without a description)."""
    prefix = symbol_prefix()
    out: list[Markup] = []
    at = 0
    for match in find_matches(text):
        out.append(escape(text[at : match.start]))
        out.append(
            Markup(
                '<span class="sym"><span class="sym-pic" style="background-image: url({})">'
                "</span>{}</span>"
            ).format(f"{prefix}{match.hexcode}.svg", text[match.start : match.end])
        )
        at = match.end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def document_paragraphs(context, value: object) -> Markup:
    """A pupil's text as paragraphs, one for each line they typed."""
    return Markup("").join(
        Markup("<p>{}</p>").format(document_text(context, line)) for line in lines_of(value)
    )


# --- fetching ---------------------------------------------------------------------------------


class RefusedURL(ValueError):
    """WeasyPrint asked for something outside our static files."""


class StaticFetcher:
    """A WeasyPrint URL fetcher that reads only files under ``static_folder`` (as
    ``<PRINT_ORIGIN>/static/...`` or a ``file:`` URL inside the folder) and ``data:`` URLs.
    ``fetched`` and ``refused`` keep the URLs it served and turned down."""

    def __init__(self, static_folder: str | Path, static_url_path: str = "/static") -> None:
        self.root = Path(static_folder).resolve()
        self.prefix = f"{PRINT_ORIGIN}{static_url_path.rstrip('/')}/"
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def __call__(self, url: str):
        from weasyprint.urls import URLFetcherResponse

        if url.startswith("data:"):
            self.fetched.append(url[:40])
            media_type, data = decode_data_url(url)
            return URLFetcherResponse(url, data, {"Content-Type": media_type})
        path = self.path_of(url)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"not one of our static files: {url[:200]}")
        self.fetched.append(url)
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media_type})

    def path_of(self, url: str) -> Path | None:
        """The file ``url`` names inside the static folder, or None."""
        if url.startswith(self.prefix):
            relative = unquote(urlsplit(url[len(self.prefix) :]).path)
            candidate = (self.root / relative).resolve()
            if not candidate.is_file():  # a content-hashed name (journal/assets.py)
                candidate = (self.root / plain_name(relative)).resolve()
        elif url.startswith("file:"):
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                return None
            candidate = Path(unquote(parts.path)).resolve()
        else:
            return None
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate


def decode_data_url(url: str) -> tuple[str, bytes]:
    """The media type and bytes of a ``data:`` URL (RFC 2397); a malformed one raises."""
    header, comma, payload = url[len("data:") :].partition(",")
    if not comma:
        raise RefusedURL("a data: URL without a comma")
    parts = header.split(";")
    data = unquote_to_bytes(payload)
    if parts[-1].lower() == "base64":
        parts.pop()
        try:
            data = base64.b64decode(data, validate=False)
        except binascii.Error as error:
            raise RefusedURL("a data: URL that is not base64") from error
    return (";".join(parts) or "text/plain;charset=US-ASCII"), data


def static_fetcher() -> StaticFetcher:
    return StaticFetcher(current_app.static_folder, current_app.static_url_path)


# --- PDF ----------------------------------------------------------------------------------------


def print_html(document: Document, content: dict, *, style: str) -> str:
    """The print page: the document's body partial inside ``documents/print.html``."""
    if style not in STYLES:
        raise ValueError(f"unknown print style {style!r}")
    return render_template(
        "documents/print.html",
        document=document,
        content=content,
        style=style,
        print_symbols=style == "symbols",
        print_title=title_of(document),
        language=LANGUAGE,
    )


def html_to_pdf(html: str, *, fetcher: StaticFetcher | None = None) -> bytes:
    """Render print HTML to PDF bytes; resources only through ``fetcher``."""
    from PIL import ImageFile
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    # Importing WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process, which would
    # let a half-uploaded photo through journal.media.images: put it back (our PDFs only hold
    # pictures we have already checked).
    ImageFile.LOAD_TRUNCATED_IMAGES = False

    fetcher = fetcher or static_fetcher()
    page = HTML(string=html, base_url=f"{PRINT_ORIGIN}/", url_fetcher=fetcher)
    return page.write_pdf(font_config=FontConfiguration(), pdf_tags=True)


def render_pdf(
    document: Document,
    content: dict,
    *,
    style: str = DEFAULT_STYLE,
    fetcher: StaticFetcher | None = None,
) -> bytes:
    """The document as a PDF in one of ``STYLES``: selectable text, A4, page numbers, the
    title and language in the metadata. Made once per version (``journal.jobs.cache``): the
    same print HTML again is a file read."""
    from weasyprint import __version__

    from journal.jobs.cache import made_once

    html = print_html(document, content, style=style)
    return made_once(
        f"weasyprint {__version__}",
        html,
        "application/pdf",
        lambda: html_to_pdf(html, fetcher=fetcher),
    )


# --- DOCX ---------------------------------------------------------------------------------------


def render_docx(document: Document, content: dict) -> bytes:
    """The document as a Word file that edits cleanly: the pupil's name as the title, Heading 1
    and 2 for the structure, list styles for rows, title and language in the core properties."""
    from docx import Document as WordDocument
    from docx.shared import Pt

    word = WordDocument()
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    word.core_properties.title = title_of(document)
    word.core_properties.language = LANGUAGE
    word.core_properties.author = clean_text(document.pupil.full_name)
    _set_language(word, LANGUAGE)
    word.add_heading(clean_text(document.pupil.full_name), level=0)
    for kind, *parts in _docx_blocks(document, content):
        if kind == "heading":
            word.add_heading(parts[0], level=parts[1])
        elif kind == "bullet":
            _bullet(word, *parts)
        else:
            word.add_paragraph(parts[0])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _bullet(word, heading: str, detail: str, text: str) -> None:
    paragraph = word.add_paragraph(style="List Bullet")
    if heading:
        paragraph.add_run(heading).bold = True
    if detail:
        paragraph.add_run(f" ({detail})" if heading else detail)
    for number, line in enumerate(lines_of(text)):
        if number or heading or detail:
            paragraph.add_run().add_break()
        paragraph.add_run(line)


def _set_language(word, language: str) -> None:
    """Spelling and grammar checks in British English for the whole file."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run_defaults = word.styles.element.find(qn("w:docDefaults"))
    properties = run_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)


def _docx_blocks(document: Document, content: dict) -> Iterator[tuple]:
    """The document as ("heading", text, level), ("paragraph", text) and
    ("bullet", heading, detail, text), every text already clean."""
    yield ("heading", document.kind_label, 1)
    if document.kind == CV:
        yield from _cv_blocks(content)
    elif document.kind == UCAS:
        answers = list(content.get("answers") or [])
        for number, question in enumerate(UCAS_QUESTIONS):
            yield ("heading", f"{number + 1}. {question}", 2)
            answer = answers[number] if number < len(answers) else ""
            for line in lines_of(answer):
                yield ("paragraph", line)
    else:
        for line in lines_of(content.get("text")):
            yield ("paragraph", line)


def _cv_blocks(content: dict) -> Iterator[tuple]:
    from .models import CV_SECTIONS

    for key, label in CV_SECTIONS.items():
        value = content.get(key)
        if not value:
            continue
        yield ("heading", label, 2)
        if isinstance(value, str):
            for line in lines_of(value):
                yield ("paragraph", line)
            continue
        for row in _rows(value):
            yield ("bullet", *_row_parts(key, row))


def _rows(value: object) -> list[dict]:
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def _row_parts(section: str, row: dict) -> tuple[str, str, str]:
    """(heading, detail, text) of one CV row, whatever its section."""
    if section == "education":
        heading = clean_text(row.get("what")).strip()
        where, when = (clean_text(row.get(key)).strip() for key in ("where", "when"))
        detail = ", ".join(part for part in (where, when) if part)
        grade = clean_text(row.get("grade")).strip()
        return heading, detail, f"Grade: {grade}" if grade else ""
    if section == "skills":
        return clean_text(row.get("skill")).strip(), "", clean_text(row.get("text"))
    return (
        clean_text(row.get("heading")).strip(),
        clean_text(row.get("when")).strip(),
        clean_text(row.get("text")),
    )
