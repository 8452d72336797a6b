"""Pupils' Markdown comes out as a few safe tags and nothing else."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from journal.passport.entries.text import ALLOWED_TAGS, render_markdown


class Tags(HTMLParser):
    """The tags and attributes a browser would see (text that looks like HTML is not a tag)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.comments: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.comments.append(data)


def test_plain_markdown_is_kept():
    html = str(render_markdown("**big** and *small*\n\n- one\n- two\n\n> said\n\n1. first"))
    for tag in (
        "<strong>big</strong>",
        "<em>small</em>",
        "<ul>",
        "<li>one</li>",
        "<blockquote>",
        "<ol>",
    ):
        assert tag in html


def test_a_line_break_is_kept():
    assert "<br>" in str(render_markdown("line one\nline two"))


def test_links_get_rel_and_keep_safe_schemes():
    html = str(render_markdown("[college](https://example.ac.uk/open-day)"))
    assert 'href="https://example.ac.uk/open-day"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


@pytest.mark.parametrize(
    "bad",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=x onclick=alert(1)>click</a>",
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "![pic](https://example.org/x.png)",
        '<div style="x">hi</div><iframe src="https://evil"></iframe>',
        "<!-- comment --><svg onload=alert(1)>",
    ],
)
def test_bad_input_is_neutralised(bad):
    parsed = Tags(str(render_markdown(bad)))
    assert not parsed.comments
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS
        assert set(attrs) <= {"href", "rel"}
        assert not (attrs.get("href") or "").lower().startswith(("javascript:", "data:"))


def test_typed_html_shows_as_text():
    assert str(render_markdown("<b>x</b> & y")) == "<p>&lt;b&gt;x&lt;/b&gt; &amp; y</p>"


def test_nothing_gives_nothing():
    assert str(render_markdown(None)) == ""
    assert str(render_markdown("")) == ""
