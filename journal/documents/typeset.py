"""Long documents through Typst (the ``typst`` package, a Rust engine): the passport's PDF copy.

WeasyPrint lays out every page in Python: 500 entries took 16 s of CPU. Typst lays out the same
record in well under a second, tagged for screen readers (headings, paragraphs, lists), with
the title, author and language in the metadata and selectable text.

Nothing a person typed becomes Typst markup: the record reaches the template as JSON data
(``sys.inputs``), and free text, already cleaned by ``render_markdown`` to a handful of HTML
tags, is turned into a small tree of nodes (:func:`nodes_of`) that the template draws. The
template reads only its own fonts (the vendored Atkinson Hyperlegible, unpacked from WOFF2 to
TrueType once per process) and no other file or URL.
"""

from __future__ import annotations

import io
import json
import tempfile
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from flask import current_app

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FONT_FILES = ("atkinson-hyperlegible-latin-400-normal", "atkinson-hyperlegible-latin-700-normal")

# HTML tags render_markdown keeps, as node types of the template.
# DejaVu (Debian's fonts-dejavu-core, which WeasyPrint's install brings) for what Atkinson
# Hyperlegible lacks: the fingerprint's monospace and characters outside Latin.
FALLBACK_FONTS = [p for p in ("/usr/share/fonts/truetype/dejavu",) if Path(p).is_dir()]

_BLOCKS = {"p": "p", "ul": "ul", "ol": "ol", "li": "li", "blockquote": "quote"}
_INLINES = {"strong": "strong", "em": "em", "a": "a"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: dict = {"t": "root", "c": []}
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.stack[-1]["c"].append({"t": "br"})
            return
        kind = _BLOCKS.get(tag) or _INLINES.get(tag)
        if kind is None:
            return
        node: dict = {"t": kind, "c": []}
        if kind == "a":
            node["href"] = dict(attrs).get("href") or ""
        self.stack[-1]["c"].append(node)
        self.stack.append(node)

    def handle_endtag(self, tag):
        kind = _BLOCKS.get(tag) or _INLINES.get(tag)
        if kind is None:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth]["t"] == kind:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if data.strip() or self.stack[-1]["t"] not in ("root", "ul", "ol"):
            self.stack[-1]["c"].append({"t": "s", "s": data})


def nodes_of(html: str) -> list[dict]:
    """Cleaned HTML (``render_markdown``'s few tags) as nodes: ``{"t": "p", "c": [...]}``,
    text as ``{"t": "s", "s": "..."}``. Any other tag is dropped, its text kept."""
    tree = _Tree()
    tree.feed(str(html))
    tree.close()
    return tree.root["c"]


@cache
def font_folder() -> str:
    """The vendored fonts as TrueType (Typst reads no WOFF2), unpacked once per process."""
    from fontTools.ttLib import TTFont

    source = Path(current_app.static_folder) / "vendor" / "fonts" / "atkinson-hyperlegible"
    folder = Path(tempfile.mkdtemp(prefix="journal-fonts-"))
    for name in FONT_FILES:
        font = TTFont(io.BytesIO((source / f"{name}.woff2").read_bytes()))
        font.flavor = None
        font.save(folder / f"{name}.ttf")
    return str(folder)


def typeset(template: str, data: dict) -> bytes:
    """``templates/<template>`` (a Typst file) with ``data`` as its input, as tagged PDF bytes."""
    import typst

    source = (TEMPLATES / template).read_bytes()
    return typst.compile(
        source,
        format="pdf",
        font_paths=[font_folder(), *FALLBACK_FONTS],
        ignore_system_fonts=True,
        sys_inputs={"data": json.dumps(data, ensure_ascii=False, default=str)},
        pdf_tags=True,
    )
