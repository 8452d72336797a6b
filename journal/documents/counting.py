"""How characters are counted in a personal statement: one rule, here and in
``static/js/char-count.js``, so the live counter, the saved text and the plain-text export agree.

The rule:

1. Line breaks become LF: CRLF (what a browser sends from a textarea) and a lone CR each count
   as one character, the same as LF.
2. Control characters other than tab and LF (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F,
   U+007F–U+009F) and the non-characters U+FFFE and U+FFFF are removed: they are invisible, would
   break the Word and PDF files, and a pupil never means to type them.
3. The text is normalised to Unicode NFC, so "e" followed by a combining acute accent (U+0301)
   becomes the single letter "é".
4. What is left is counted in Unicode code points. Spaces and line breaks count. An emoji is
   one code point ("😀" counts 1); a flag is two regional-indicator code points ("🇬🇧"
   counts 2), and an emoji joined with U+200D counts every part ("👩‍🔬" counts 3). UCAS does
   not publish how its form counts emoji, so a pupil near the limit should leave a margin.

Texts are stored normalised, so ``count(stored) == count(typed)``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

UCAS_MIN_PER_ANSWER = 350
UCAS_MAX_TOTAL = 4000
# Longer than any statement could be; a paste beyond it is refused so the page stays usable.
MAX_CHARACTERS = 20000

_LINE_BREAKS = re.compile(r"\r\n?")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def normalise(text: str | None) -> str:
    """``text`` as it is stored and counted: NFC, LF line breaks, no control characters."""
    text = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text or ""))
    return unicodedata.normalize("NFC", text)


def count(text: str | None) -> int:
    """The number of characters in ``text`` under the rule above."""
    return len(normalise(text))


# The UCAS undergraduate personal statement from 2026 entry (see the glossary).
UCAS_QUESTIONS = (
    "Why do you want to study this course or subject?",
    "How have your qualifications and studies helped you to prepare for this course or subject?",
    "What else have you done to prepare outside of education, and why are these experiences "
    "useful?",
)


def describe(number: int, *, least: int | None = None, most: int | None = None) -> str:
    """The counter's words for ``number`` characters; ``static/js/char-count.js`` says the
    same."""
    said = f"{number:,} character{'' if number == 1 else 's'}"
    if least is not None and number < least:
        return f"{said}: at least {least:,} needed, {least - number:,} more to write."
    if most is not None and number > most:
        return f"{said} of {most:,}: {number - most:,} too many."
    if most is not None:
        return f"{said} of {most:,}: {most - number:,} left."
    return f"{said}."


@dataclass
class Verdict:
    """Whether a statement meets its rules, with what to fix in plain words."""

    counts: list[int]
    total: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def ucas_verdict(answers: list[str]) -> Verdict:
    counts = [count(answer) for answer in answers]
    verdict = Verdict(counts, sum(counts))
    for number, counted in enumerate(counts, start=1):
        if counted < UCAS_MIN_PER_ANSWER:
            verdict.problems.append(
                f"Answer {number} has {counted:,} characters: it needs at least "
                f"{UCAS_MIN_PER_ANSWER}."
            )
    if verdict.total > UCAS_MAX_TOTAL:
        verdict.problems.append(
            f"The three answers have {verdict.total:,} characters together: the most is "
            f"{UCAS_MAX_TOTAL:,}."
        )
    return verdict


def limit_verdict(text: str, limit: int | None) -> Verdict:
    counted = count(text)
    verdict = Verdict([counted], counted)
    if limit is not None and counted > limit:
        verdict.problems.append(f"It has {counted:,} characters: the limit is {limit:,}.")
    return verdict
