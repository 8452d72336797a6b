"""Pupils' free text as safe HTML: a little Markdown, nothing else.

Pupils may write paragraphs, line breaks, **bold**, *italics*, lists, quotes and links. ``<`` and
``&`` are escaped before Markdown sees the text, so nothing typed can become an HTML tag; nh3
then keeps only the allow-listed tags (so no images), only http, https and mailto links (so no
``javascript:``), and adds ``rel="nofollow noopener noreferrer"`` to every link.
"""

from __future__ import annotations

import markdown
import nh3
from markdown.extensions import Extension
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"


class _PlainText(Extension):
    """No code spans or indented code blocks: pupils indent text without meaning code, and code
    would show our escaping (``&lt;``) literally."""

    def extendMarkdown(self, md):
        md.inlinePatterns.deregister("backtick")
        md.parser.blockprocessors.deregister("code")


def render_markdown(text: str | None) -> Markup:
    """Render a pupil's Markdown as HTML that is safe to put on any page."""
    if not text:
        return Markup("")
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    html = markdown.markdown(
        escaped, extensions=["nl2br", "sane_lists", _PlainText()], output_format="html"
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return Markup(clean)  # noqa: S704 - cleaned by nh3 with the allow-list above
