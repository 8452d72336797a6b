"""Symbol coverage: the share of content words that get a picture symbol.

    .venv/bin/python scripts/symbol_coverage.py [--missing N]

Measures the interface text: the visible text of every template under ``templates/`` (Jinja
tags, comments and HTML stripped; string literals shown by ``{{ "..." }}`` kept), and the
pupils' own writing in the demo school (``seed-demo`` run in a scratch SQLite database: every
free-text answer of every entry). Content words are words that are not stop words ("the", "a",
"and"). The goals are 90 % for the interface and 75 % for pupils' writing.
"""

from __future__ import annotations

import argparse
import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from journal.accessibility.symbols import WORD, find_matches, is_stop_word
from journal.extensions import db
from journal.passport.entries.models import EntryRevision
from journal_demo.scratch import scratch_demo

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
JINJA_STATEMENT = re.compile(r"\{%.*?%\}", re.S)
JINJA_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
STRING_LITERAL = re.compile(r"""(["'])((?:(?!\1).)*)\1""")
INVISIBLE = re.compile(r"<(script|style|svg)\b.*?</\1>", re.S | re.I)
ATTRIBUTE_TEXT = re.compile(r"""\b(?:alt|aria-label|title|placeholder)=(["'])(.*?)\1""", re.I)
TAG = re.compile(r"<[^>]*>")


@dataclass
class Coverage:
    content_words: int = 0
    with_symbol: int = 0
    missing: Counter = field(default_factory=Counter)

    @property
    def share(self) -> float:
        return self.with_symbol / self.content_words if self.content_words else 1.0

    def add(self, text: str) -> None:
        covered = [(m.start, m.end) for m in find_matches(text)]
        for token in WORD.finditer(text):
            word = token.group()
            if is_stop_word(word):
                continue
            self.content_words += 1
            if any(start <= token.start() < end for start, end in covered):
                self.with_symbol += 1
            else:
                self.missing[word.lower()] += 1


def _visible_literal(literal: str) -> bool:
    """A string literal in an expression that a person would see ("Sign out"), rather than an
    endpoint, a file name or a class ("home.index", "css/app.css", "button")."""
    return bool(literal) and not re.search(r"[._/:#=]|^[a-z0-9 -]+$|^X-", literal)


def template_text(source: str) -> list[str]:
    """The pieces of visible text in one template."""
    source = JINJA_COMMENT.sub(" ", source)
    pieces = [
        literal
        for expression in JINJA_EXPRESSION.findall(source)
        for _, literal in STRING_LITERAL.findall(expression)
        if _visible_literal(literal)
    ]
    source = JINJA_EXPRESSION.sub(" ", JINJA_STATEMENT.sub(" ", source))
    source = INVISIBLE.sub(" ", source)
    pieces += [value for _, value in ATTRIBUTE_TEXT.findall(source)]
    pieces += [html.unescape(piece) for piece in TAG.split(source)]
    return [" ".join(p.split()) for p in pieces if p.strip()]


def interface_texts(root: Path = TEMPLATES) -> Iterable[str]:
    for path in sorted(root.rglob("*.html")):
        yield from template_text(path.read_text(encoding="utf-8"))


WRITING_FIELDS = ("what_i_did", "who_i_met", "what_i_learned", "what_next", "role", "title")


def demo_entry_texts(pupils: int = 60) -> list[str]:
    """The free text of every entry revision in a freshly seeded demo school."""
    with scratch_demo(pupils) as app, app.app_context():
        contents = db.session.scalars(select(EntryRevision.content)).all()
    return [c[name] for c in contents for name in WRITING_FIELDS if c.get(name)]


def measure(texts: Iterable[str]) -> Coverage:
    coverage = Coverage()
    for text in texts:
        coverage.add(text)
    return coverage


def main(argv: list[str] | None = None) -> Coverage:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--missing", type=int, default=0, help="list the N commonest words without a symbol"
    )
    args = parser.parse_args(argv)
    coverage = measure(interface_texts())
    print(
        f"Interface: {coverage.with_symbol} of {coverage.content_words} content words have a "
        f"symbol: {coverage.share:.1%} (goal 90 %)"
    )
    for word, count in coverage.missing.most_common(args.missing):
        print(f"  {count:4d}  {word}")
    writing = measure(demo_entry_texts())
    print(
        f"Pupils' writing (demo entries): {writing.with_symbol} of {writing.content_words} "
        f"content words have a symbol: {writing.share:.1%} (goal 75 %)"
    )
    for word, count in writing.missing.most_common(args.missing):
        print(f"  {count:4d}  {word}")
    return coverage


if __name__ == "__main__":
    main()
