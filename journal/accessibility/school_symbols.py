"""A school's own symbols: pictures it uploads for words and phrases, shown instead of OpenMoji's.

Schools that hold a licence for a symbol set (Widgit, PCS…) upload its pictures here. Each
picture is checked before anything keeps it:

- PNG is decoded and encoded again by Pillow (``journal.media.images``: size and pixel limits,
  nothing but bare pixels kept), then shrunk to at most ``SYMBOL_SIDE`` pixels.
- SVG can carry scripts, so it is parsed with ``defusedxml`` and refused, with a message the
  uploader can act on, when it has a script, a ``foreignObject``, an event handler (``on…``), a
  link or style that reaches outside the file, or an entity declaration. What passes is written
  out again from the parsed tree (SVG elements only, no comments, metadata or DOCTYPE), so the
  file served is exactly the file checked. It is only ever served with a sandboxing policy.

Writes flush and audit; the caller commits. The school's set is read once per request, only
when symbols are on, and kept on ``flask.g``.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from flask import g, has_request_context
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from PIL import Image
from sqlalchemy import or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import FileStorage
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from journal.audit.operations import record
from journal.calendar import utcnow
from journal.extensions import db
from journal.media.images import PNG, UploadProblem, clean_upload, sniff
from journal.media.models import Attachment
from journal.media.storage import storage

from .models import SchoolSymbol
from .symbols import WORD, Lexicon, is_stop_word, lexicon, match_key, with_school_symbols

SVG = "image/svg+xml"
KB = 1024
MAX_SVG_BYTES = 200 * KB
MAX_PNG_BYTES = 2 * 1024 * KB
SYMBOL_SIDE = 512  # a symbol is shown at about 3 em; 512 px is sharp on any screen
MAX_TERM_WORDS = 6

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ElementTree.register_namespace("xlink", XLINK_NS)

# Elements that run code or pull in another document; ``handler`` and ``listener`` are SVG
# Tiny's event elements. Matched on the local name, in any namespace and any case.
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "handler", "listener", "iframe", "embed", "object"}
# Editor and licence metadata: dropped quietly, as EXIF is dropped from photos.
DROPPED_ELEMENTS = {"metadata", "title", "desc"}
# ``url(`` to anything but ``#fragment``, ``@import``, old IE ``expression(`` and CSS escapes
# (which could spell either of them out) in a style attribute, a presentation attribute or a
# <style> element.
UNSAFE_CSS = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import|expression\s*\(|\\", re.IGNORECASE)
TERM = re.compile(rf"{WORD.pattern}(?:\s+{WORD.pattern})*")


class SymbolProblem(UploadProblem):
    """An upload refused, with a message for the person who chose it."""


# --- Checking and cleaning an upload ------------------------------------------------------


@dataclass(frozen=True)
class CleanedSymbol:
    data: bytes
    media_type: str


def clean_symbol(data: bytes) -> CleanedSymbol:
    """The picture to keep from an upload; raises ``SymbolProblem`` with a message if we cannot.

    The type is decided from the bytes: PNG by its signature, SVG by parsing as XML.
    """
    if not data:
        raise SymbolProblem("This file is empty. Choose it again.")
    if sniff(data) == PNG:
        return CleanedSymbol(_cleaned_png(data), PNG)
    if sniff(data) is not None or not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise SymbolProblem("This file is not an SVG or a PNG picture. Choose an SVG or a PNG.")
    return CleanedSymbol(cleaned_svg(data), SVG)


def _cleaned_png(data: bytes) -> bytes:
    """Pillow decodes and re-encodes it from bare pixels; then it is shrunk to a symbol's size."""
    if len(data) > MAX_PNG_BYTES:
        raise SymbolProblem(
            f"This PNG is {_kilobytes(len(data))}. The biggest we can take is "
            f"{_kilobytes(MAX_PNG_BYTES)}: make the picture smaller and save it again."
        )
    try:
        cleaned = clean_upload(data, allow_pdf=False)
    except UploadProblem as problem:
        raise SymbolProblem(problem.message) from problem
    if max(cleaned.width or 0, cleaned.height or 0) <= SYMBOL_SIDE:
        return cleaned.data
    image = Image.open(io.BytesIO(cleaned.data))
    image.thumbnail((SYMBOL_SIDE, SYMBOL_SIDE), Image.Resampling.LANCZOS)
    bare = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    bare.save(out, "PNG", optimize=True)
    return out.getvalue()


def cleaned_svg(data: bytes) -> bytes:
    """The SVG written out again from its checked tree; ``SymbolProblem`` if it is unsafe."""
    if len(data) > MAX_SVG_BYTES:
        raise SymbolProblem(
            f"This SVG is {_kilobytes(len(data))}. The biggest we can take is "
            f"{_kilobytes(MAX_SVG_BYTES)}: simplify the drawing or save it as a PNG."
        )
    if b"<!entity" in data.lower():
        raise SymbolProblem(
            "This SVG declares its own entities (<!ENTITY>), which can be used to attack a "
            "server. Save it again from your drawing program without them."
        )
    if b"<?xml-stylesheet" in data.lower():
        raise SymbolProblem(_outside_message("a stylesheet"))
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise SymbolProblem(
            "This SVG asks to load other files or declares entities. Save it again as a plain SVG."
        ) from error
    except (ParseError, ValueError) as error:
        raise SymbolProblem(
            "This file could not be read as an SVG. It may be damaged, or not an SVG at all."
        ) from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise SymbolProblem(
            "This file is XML but not an SVG picture (its outer element must be <svg>)."
        )
    for element in root.iter():
        _check_element(element)
    return _written_out(root)


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _check_element(element) -> None:
    name = _local(str(element.tag)).lower()
    if name in FORBIDDEN_ELEMENTS:
        what = (
            "a script" if name in {"script", "handler", "listener"} else f"<{_local(element.tag)}>"
        )
        raise SymbolProblem(
            f"This SVG contains {what}, which could run code in a pupil's browser. "
            "Use a picture without it."
        )
    if name == "style" and UNSAFE_CSS.search(element.text or ""):
        raise SymbolProblem(_outside_message("a style"))
    for attribute, value in element.attrib.items():
        local = _local(attribute).lower()
        if local.startswith("on"):
            raise SymbolProblem(
                f"This SVG has an event handler ({local}), which could run code in a pupil's "
                "browser. Use a picture without it."
            )
        if local == "href" and not value.strip().startswith("#"):
            raise SymbolProblem(
                "This SVG links to another file or embeds a picture. Symbols must be drawn in "
                "the SVG itself: save it again without links or embedded pictures, or as a PNG."
            )
        if "javascript:" in re.sub(r"\s", "", value).lower():
            raise SymbolProblem(
                "This SVG contains a javascript: address, which could run code in a pupil's "
                "browser. Use a picture without it."
            )
        if UNSAFE_CSS.search(value):
            raise SymbolProblem(_outside_message("a style"))
        if name in {"set", "animate"} and local == "attributename" and "href" in value.lower():
            raise SymbolProblem(_outside_message("an animated link"))


def _outside_message(what: str) -> str:
    return (
        f"This SVG has {what} that reaches outside the file. Symbols must be self-contained: "
        "save it again with everything inside the picture, or as a PNG."
    )


def _written_out(root) -> bytes:
    """Only SVG elements, with plain, ``xlink:`` and ``xml:`` attributes, in the SVG namespace;
    no comments, processing instructions, DOCTYPE, metadata or other programs' extras."""
    _strip(root)
    root.set("xmlns", SVG_NS)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _strip(element) -> None:
    element.tag = _local(element.tag)
    for attribute in list(element.attrib):
        if attribute.startswith("{") and not attribute.startswith(
            (f"{{{XLINK_NS}}}", f"{{{XML_NS}}}")
        ):
            del element.attrib[attribute]
    for child in list(element):
        in_svg = isinstance(child.tag, str) and child.tag.startswith(f"{{{SVG_NS}}}")
        if not in_svg or _local(child.tag).lower() in DROPPED_ELEMENTS:
            element.remove(child)
        else:
            _strip(child)


def _kilobytes(size: int) -> str:
    return f"{size / (1024 * KB):.1f} MB" if size >= 1024 * KB else f"{-(-size // KB)} KB"


def read_capped(upload: FileStorage) -> bytes:
    """The upload's bytes, reading at most one byte past the biggest we take."""
    data = upload.stream.read(MAX_PNG_BYTES + 1)
    if len(data) > MAX_PNG_BYTES:
        raise SymbolProblem(
            f"This file is over {_kilobytes(MAX_PNG_BYTES)}. Symbols must be small: at most "
            f"{_kilobytes(MAX_SVG_BYTES)} for an SVG, {_kilobytes(MAX_PNG_BYTES)} for a PNG."
        )
    return data


# --- The word or phrase -------------------------------------------------------------------


def term_problem(term: str, school_id: int | None = None) -> str | None:
    """Why ``term`` cannot have a new symbol (a message), or None. With ``school_id``, a word
    the school has a symbol for already is refused too."""
    term = " ".join(term.split())
    if not TERM.fullmatch(term):
        return (
            "Use letters only: one word, or a few words with spaces between them "
            "(numbers and signs such as & or / cannot be matched)."
        )
    if len(term.split()) > MAX_TERM_WORDS:
        return f"A phrase can have at most {MAX_TERM_WORDS} words."
    if len(term.split()) == 1 and is_stop_word(term):
        return f"“{term}” is a small word that never gets a symbol. Choose a word with meaning."
    if school_id is not None and (existing := symbol_for_key(school_id, match_key(term))):
        return f"There is already a symbol for “{existing.term}”. Replace it from the list."
    return None


# --- Reads --------------------------------------------------------------------------------


def symbols_of_school(school_id: int) -> list[SchoolSymbol]:
    return list(
        db.session.scalars(
            select(SchoolSymbol)
            .where(SchoolSymbol.school_id == school_id)
            .order_by(SchoolSymbol.match_key)
            .options(selectinload(SchoolSymbol.uploaded_by))
        )
    )


def symbol_in_school(symbol_id: int, school_id: int) -> SchoolSymbol | None:
    symbol = db.session.get(SchoolSymbol, symbol_id)
    return symbol if symbol is not None and symbol.school_id == school_id else None


def symbol_for_key(school_id: int, key: str) -> SchoolSymbol | None:
    return db.session.scalar(
        select(SchoolSymbol).where(
            SchoolSymbol.school_id == school_id, SchoolSymbol.match_key == key
        )
    )


def current_lexicon() -> Lexicon:
    """The lexicon for this request: OpenMoji's, with the signed-in person's school's symbols
    over it. One small query per request (ids and keys only), kept on ``g``."""
    if not has_request_context() or not current_user.is_authenticated:
        return lexicon()
    if "symbol_lexicon" not in g:
        try:
            rows = db.session.execute(
                select(SchoolSymbol.match_key, SchoolSymbol.id)
                .where(SchoolSymbol.school_id == current_user.school_id)
                .order_by(SchoolSymbol.match_key)
            ).all()
        except SQLAlchemyError:  # an error page must still render when the database fails
            db.session.rollback()
            rows = []
        g.symbol_lexicon = with_school_symbols(tuple((key, id_) for key, id_ in rows))
    return g.symbol_lexicon


# --- Writes -------------------------------------------------------------------------------


def add_symbol(school, term: str, upload: FileStorage, *, by) -> SchoolSymbol:
    """Check and keep a picture for a new word or phrase of ``school``. Audited.

    Raises ``SymbolProblem`` for the file; the caller checks the term (``term_problem``) and
    that the school has no symbol for it yet (``symbol_for_key``)."""
    term = " ".join(term.split())
    cleaned = clean_symbol(read_capped(upload))
    symbol = SchoolSymbol(school_id=school.id, term=term, match_key=match_key(term))
    _keep(symbol, cleaned, by)
    db.session.add(symbol)
    db.session.flush()
    record("school_symbol_added", actor=by, school_id=school.id, symbol_id=symbol.id, term=term)
    return symbol


def replace_symbol(symbol: SchoolSymbol, upload: FileStorage, *, by) -> str:
    """Give the word a new picture; returns the old file's key (see ``forget_unused_file``)."""
    cleaned = clean_symbol(read_capped(upload))
    old_key = symbol.key
    _keep(symbol, cleaned, by)
    db.session.flush()
    record(
        "school_symbol_replaced",
        actor=by,
        school_id=symbol.school_id,
        symbol_id=symbol.id,
        term=symbol.term,
    )
    return old_key


def remove_symbol(symbol: SchoolSymbol, *, by) -> str:
    """The word goes back to OpenMoji's symbol (or none); returns the file's key."""
    record(
        "school_symbol_removed",
        actor=by,
        school_id=symbol.school_id,
        symbol_id=symbol.id,
        term=symbol.term,
    )
    db.session.delete(symbol)
    db.session.flush()
    return symbol.key


def forget_unused_file(key: str) -> None:
    """Delete a stored file no symbol or attachment uses any more. Call after the commit, so a
    rolled-back removal never loses its picture (keys are shared by identical files)."""
    used = db.session.scalar(select(SchoolSymbol.id).where(SchoolSymbol.key == key).limit(1))
    used = used or db.session.scalar(
        select(Attachment.id)
        .where(or_(Attachment.key == key, Attachment.thumbnail_key == key))
        .limit(1)
    )
    if used is None:
        storage().delete(key)


def _keep(symbol: SchoolSymbol, cleaned: CleanedSymbol, by) -> None:
    symbol.key = storage().put(cleaned.data, cleaned.media_type)
    symbol.sha256 = hashlib.sha256(cleaned.data).hexdigest()
    symbol.media_type = cleaned.media_type
    symbol.size = len(cleaned.data)
    symbol.uploaded_by_id = by.id
    symbol.uploaded_at = utcnow()


# --- Forms --------------------------------------------------------------------------------


ACCEPT = ".svg,.png,image/svg+xml,image/png"


class SymbolUploadForm(FlaskForm):
    term = StringField(
        "Word or phrase",
        validators=[
            InputRequired("Enter the word or phrase this symbol stands for."),
            Length(max=100),
        ],
        description="As pupils read it: one word (“work”) or a phrase (“work experience”).",
    )
    picture = FileField(
        "Symbol picture",
        description=f"An SVG (up to {MAX_SVG_BYTES // KB} KB) or a PNG (up to "
        f"{MAX_PNG_BYTES // (1024 * KB)} MB).",
        render_kw={"accept": ACCEPT, "class": "file-input"},
    )


class SymbolReplaceForm(FlaskForm):
    picture = FileField(
        "New picture",
        description=f"An SVG (up to {MAX_SVG_BYTES // KB} KB) or a PNG (up to "
        f"{MAX_PNG_BYTES // (1024 * KB)} MB).",
        render_kw={"accept": ACCEPT, "class": "file-input"},
    )


def chosen_file(field) -> FileStorage | None:
    """The uploaded file of a field, or None (with the field's error set) when none was chosen."""
    upload = field.data
    if not isinstance(upload, FileStorage) or not upload.filename:
        field.errors = [*field.errors, "Choose an SVG or PNG file."]
        return None
    return upload
