"""Symbol-supported text: a picture symbol above each key word, the word always kept.

The lexicon (``lexicon.tsv`` beside this module) maps words and phrases in their base form to
OpenMoji hexcodes. Text is matched phrase-first (longest phrase wins), then word by word,
through plurals and common endings (works, worked, working, studies, bigger). Words written in
capitals in the lexicon (SEND, SEN) match only when written in capitals, so "send" stays plain.
Stop words ("the", "and", "to") never get a symbol.

A school may map its own words and phrases to pictures it uploaded
(:mod:`journal.accessibility.school_symbols`): :func:`with_school_symbols` lays them over the
lexicon, so they win over OpenMoji's for the same word and are matched the same way.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from markupsafe import Markup, escape

LEXICON_PATH = Path(__file__).with_name("lexicon.tsv")

# Function words: they never get a symbol and do not count towards coverage. Words such as
# "no", "not", "up", "about" and "me" do get one, as in symbol-supported print.
STOP_WORDS = frozenset(
    """
    a am an and any are as at be because been being both but by can could did do does doing
    for from had has have having he her hers herself him himself his i if in into is it its
    itself let my nor of on or our ours ourselves she should so some such than that the their
    theirs them themselves these they this those through to too until very was we were while
    whom will with would you your yours yourself yourselves just may might etc via per unless
    otherwise much many whose shall s t d ll m re ve y o
    """.split()  # noqa: SIM905
)

# A word: letters, with inner apostrophes or hyphens (don't, sign-in, hi-vis).
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
# What may sit between the words of a phrase.
PHRASE_GAP = re.compile(r"[ \t\n\-]+")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    hexcode: str


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, str]  # base word -> hexcode (lower case, or exact case for capitals)
    phrases: dict[tuple[str, ...], str]  # base words -> hexcode
    first_words: dict[str, int]  # first word of a phrase -> longest phrase length

    @property
    def hexcodes(self) -> set[str]:
        return set(self.words.values()) | set(self.phrases.values())

    def __len__(self) -> int:
        return len(self.words) + len(self.phrases)


def parse_lexicon(text: str) -> Lexicon:
    """Read ``hexcode<TAB>term, term, ...`` lines; ``#`` starts a comment. A term listed twice
    is an error, so that no word silently changes its symbol."""
    words: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        hexcode, _, terms = line.partition("\t")
        for term in (t.strip() for t in terms.split(",")):
            if not term:
                continue
            key = term if term.isupper() else term.lower()
            parts = tuple(_normal(p) for p in WORD.findall(key))
            table = phrases if len(parts) > 1 else words
            entry = parts if len(parts) > 1 else parts[0]
            if entry in table:
                raise ValueError(f"lexicon line {number}: {term!r} is listed twice")
            table[entry] = hexcode.strip()
    first_words: dict[str, int] = {}
    for parts in phrases:
        first_words[parts[0]] = max(first_words.get(parts[0], 0), len(parts))
    return Lexicon(words, phrases, first_words)


@cache
def lexicon() -> Lexicon:
    return parse_lexicon(LEXICON_PATH.read_text(encoding="utf-8"))


# How a school's own symbol is named in a lexicon, where OpenMoji's are hexcodes ("1F4BC").
SCHOOL_CODE = "school:"


def match_key(term: str) -> str:
    """How the lexicon knows a word or phrase: its words normalised as in ``parse_lexicon``
    (lower case unless written all in capitals), one space between them."""
    key = term if term.isupper() else term.lower()
    return " ".join(_normal(part) for part in WORD.findall(key))


@lru_cache(maxsize=256)
def with_school_symbols(entries: tuple[tuple[str, int], ...]) -> Lexicon:
    """The lexicon with a school's symbols over it: ``entries`` are (match key, symbol id).

    A school's word replaces OpenMoji's for the same word; a school's phrase joins the phrases,
    so it is matched before single words. Kept per set of entries, so a school's lexicon is
    built once, not on every request."""
    base = lexicon()
    if not entries:
        return base
    words = dict(base.words)
    phrases = dict(base.phrases)
    for key, symbol_id in entries:
        parts = tuple(key.split(" "))
        code = f"{SCHOOL_CODE}{symbol_id}"
        if len(parts) > 1:
            phrases[parts] = code
        else:
            words[parts[0]] = code
    first_words: dict[str, int] = {}
    for parts in phrases:
        first_words[parts[0]] = max(first_words.get(parts[0], 0), len(parts))
    return Lexicon(words, phrases, first_words)


def _normal(word: str) -> str:
    return word.replace("’", "'") if word.isupper() else word.lower().replace("’", "'")


def base_forms(word: str) -> list[str]:
    """The word itself, then the forms it may come from: plurals (studies → study, boxes → box),
    past tenses (worked → work, liked → like, stopped → stop), -ing (making → make), comparatives
    (bigger → big, easier → easy) and -ly (quickly → quick)."""
    if word.isupper() and len(word) > 1:
        return [word, word.lower(), *base_forms(word.lower())[1:]]
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    forms = [w]

    def add(*candidates: str) -> None:
        forms.extend(c for c in candidates if len(c) > 1)

    if w.endswith("ies"):
        add(w[:-3] + "y")
    if w.endswith("es"):
        add(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        add(w[:-1])
    if w.endswith("ied") or w.endswith("ier"):
        add(w[:-3] + "y")
    if w.endswith("iest"):
        add(w[:-4] + "y")
    for ending in ("ed", "er"):
        if w.endswith(ending):
            stem = w[: -len(ending)]
            add(stem, stem + "e")
            if len(stem) > 2 and stem[-1] == stem[-2]:
                add(stem[:-1])
    for ending in ("ing", "est"):
        if w.endswith(ending):
            stem = w[: -len(ending)]
            add(stem, stem + "e")
            if len(stem) > 2 and stem[-1] == stem[-2]:
                add(stem[:-1])
    if w.endswith("ily"):
        add(w[:-3] + "y")
    elif w.endswith("ly"):
        add(w[:-2])
    if w.endswith("ers") or w.endswith("ings"):
        forms.extend(f for f in base_forms(w[:-1])[1:] if f not in forms)
    return forms


def lookup(word: str, lex: Lexicon | None = None) -> str | None:
    """The hexcode for one word (through its endings), or None. Stop words have none."""
    lex = lex or lexicon()
    if is_stop_word(word):
        return None
    for form in base_forms(word):
        if form in lex.words:
            return lex.words[form]
    if "-" in word:  # easy-read, open-source: the symbol of the last part that has one
        for part in reversed(word.split("-")):
            hexcode = lookup(part, lex)
            if hexcode:
                return hexcode
    return None


def is_stop_word(word: str) -> bool:
    """Stop words never get a symbol; capitals (IT, SEND) are not stop words, A and I are."""
    return word.lower() in STOP_WORDS and not (word.isupper() and len(word) > 1)


def find_matches(text: str, lex: Lexicon | None = None) -> Iterator[Match]:
    """Where symbols go in ``text``: phrases first (the longest that fits), then single words."""
    lex = lex or lexicon()
    tokens = list(WORD.finditer(text))
    i = 0
    while i < len(tokens):
        phrase = _phrase_at(text, tokens, i, lex)
        if phrase:
            length, hexcode = phrase
            yield Match(tokens[i].start(), tokens[i + length - 1].end(), hexcode)
            i += length
            continue
        hexcode = lookup(tokens[i].group(), lex)
        if hexcode:
            yield Match(tokens[i].start(), tokens[i].end(), hexcode)
        i += 1


def _phrase_at(text: str, tokens: list, i: int, lex: Lexicon) -> tuple[int, str] | None:
    forms = [base_forms(tokens[i].group())]
    longest = max((lex.first_words.get(f, 0) for f in forms[0]), default=0)
    for j in range(i + 1, min(i + longest, len(tokens))):
        if not PHRASE_GAP.fullmatch(text[tokens[j - 1].end() : tokens[j].start()]):
            break
        forms.append(base_forms(tokens[j].group()))
    for length in range(len(forms), 1, -1):
        for candidate in _combinations(forms[:length]):
            if candidate in lex.phrases:
                return length, lex.phrases[candidate]
    return None


def _combinations(forms: list[list[str]]) -> Iterator[tuple[str, ...]]:
    """Every combination of the words' forms for short phrases (careers fairs, signed off);
    for long ones, the exact words and then the last word's other forms."""
    if len(forms) <= 3:
        yield from itertools.product(*forms)
        return
    exact = tuple(f[0] for f in forms)
    yield exact
    for last in forms[-1][1:]:
        yield (*exact[:-1], last)


def symbolise_text(text: str, symbol_url, lex: Lexicon | None = None) -> Markup:
    """``text`` with a symbol above each matched word or phrase, everything else escaped.

    The image is decorative (``alt=""``, ``aria-hidden``): a screen reader reads the word once.
    ``symbol_url(code)`` gives the image address of a hexcode or a school's ``school:<id>``;
    ``lex`` is the lexicon to match with (OpenMoji's alone when not given).
    """
    text = str(text)
    out: list[str] = []
    at = 0
    for match in find_matches(text, lex):
        out.append(escape(text[at : match.start]))
        out.append(
            Markup(
                '<span class="sym"><img src="{}" alt="" aria-hidden="true"><span>{}</span></span>'
            ).format(symbol_url(match.hexcode), text[match.start : match.end])
        )
        at = match.end
    out.append(escape(text[at:]))
    return Markup("").join(out)


HTML_TAG = re.compile(r"(<[^>]*>)")


def symbolise_html(markup: Markup, symbol_url, lex: Lexicon | None = None) -> Markup:
    """Already-safe HTML (a pupil's Markdown after nh3) with symbols above the words of its
    text; the tags themselves are kept exactly as they are."""
    out: list[str] = []
    for piece in HTML_TAG.split(str(markup)):
        if piece.startswith("<"):
            out.append(Markup(piece))  # noqa: S704 - a tag of HTML that was already safe
        elif piece:
            out.append(symbolise_text(html.unescape(piece), symbol_url, lex))
    return Markup("").join(out)
