"""The lexicon, the symbolise filter and the coverage script."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from flask import render_template_string

from journal.accessibility.models import OWN, ViewPreferences
from journal.accessibility.symbols import find_matches, lexicon, lookup, parse_lexicon
from journal.accounts.roles import Role
from journal.extensions import db
from scripts import symbol_coverage as coverage

ROOT = Path(__file__).resolve().parents[2]


def matched(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_matches(text)]


def test_lexicon_is_big_enough_and_every_symbol_is_vendored():
    lex = lexicon()
    assert len(lex) >= 600
    vendored = {p.stem for p in (ROOT / "static/vendor/openmoji").glob("*.svg")}
    assert lex.hexcodes <= vendored
    assert (ROOT / "static/vendor/openmoji/LICENSE").exists()


def test_a_term_listed_twice_is_an_error():
    with pytest.raises(ValueError, match="listed twice"):
        parse_lexicon("1F4BC\tjob\n1F3E2\tjob\n")


def test_phrases_match_before_words():
    text = "I did work experience at the job centre and a supported internship."
    assert matched(text) == ["work experience", "job centre", "supported internship"]
    assert lookup("work") != next(m.hexcode for m in find_matches("work experience"))


def test_phrases_match_through_endings_and_hyphens():
    assert matched("Two careers fairs") == ["careers fairs"]
    assert matched("Print sign-in cards") == ["Print", "sign-in cards"]


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("works", "work"),
        ("worked", "work"),
        ("working", "work"),
        ("studies", "study"),
        ("studied", "study"),
        ("bigger", "big"),
        ("easier", "easy"),
        ("making", "make"),
        ("liked", "like"),
        ("stopped", "stop"),
        ("boxes", "box"),
        ("quickly", "quick"),
        ("Jobs", "job"),
        ("employer's", "employer"),
    ],
)
def test_words_match_through_plurals_and_endings(word, base):
    assert lookup(word) is not None
    assert lookup(word) == lookup(base)


def test_unknown_words_and_stop_words_stay_plain():
    assert matched("the zyxwv and of to") == []
    assert lookup("the") is None


def test_capitals_in_the_lexicon_match_only_capitals():
    assert lookup("SEND") != lookup("send")


def test_hyphenated_words_fall_back_to_their_parts():
    assert lookup("easy-read") == lookup("read")


@pytest.fixture
def symbols_on(app, make):
    """A signed-in request context for a person with symbols on."""
    from flask_login import login_user

    user = make.user(make.school(), Role.TUTOR)
    db.session.add(ViewPreferences(user_id=user.id, set_by=OWN, symbols=True))
    db.session.commit()
    with app.test_request_context("/"):
        login_user(user)
        yield


def render(text: str) -> str:
    return render_template_string("{{ text|symbolise }}", text=text)


def test_symbolise_puts_the_symbol_above_the_word_and_keeps_the_word(symbols_on):
    html = render("My work experience")
    assert html == (
        'My <span class="sym"><img src="/static/vendor/openmoji/1F3E2.svg" alt="" '
        'aria-hidden="true"><span>work experience</span></span>'
    )


def test_symbolise_escapes_html_in_the_input(symbols_on):
    html = render('<script>alert("job")</script> & <b>work</b>')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert "<span>job</span>" in html and "<span>work</span>" in html


def test_string_literals_in_templates_get_symbols_too(symbols_on):
    """Jinja folds filters on constants when it compiles a template; this one must not be."""
    html = render_template_string('{{ "Sign out"|symbolise }}')
    assert html.startswith('<span class="sym"><img src="/static/vendor/openmoji/1F6AA.svg"')


def test_every_symbol_is_decorative(symbols_on):
    html = render("Sign in to read your careers passport and print your CV")
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) >= 4
    assert all('alt=""' in img and 'aria-hidden="true"' in img for img in images)


def test_pupils_writing_gets_symbols_and_stays_safe(symbols_on):
    html = render_template_string(
        "{{ text|markdown }}",
        text="I went to the **hospital** & met a nurse <script>x()</script> [work](javascript:y)",
    )
    assert '<strong><span class="sym">' in html and "<span>hospital</span>" in html
    assert "<span>nurse</span>" in html and "&amp;" in html
    assert "<script>" not in html and "javascript:" not in html


def test_pupils_writing_has_no_symbols_when_they_are_off(app):
    with app.test_request_context("/"):
        html = render_template_string("{{ '**work** & play'|markdown }}")
    assert html == "<p><strong>work</strong> &amp; play</p>"


def test_symbolise_returns_escaped_text_when_symbols_are_off(app, make):
    with app.test_request_context("/"):
        html = render_template_string("{{ '<b>work</b> experience'|symbolise }}")
    assert html == "&lt;b&gt;work&lt;/b&gt; experience"


def test_coverage_of_the_interface_meets_the_goal():
    measured = coverage.measure(coverage.interface_texts())
    assert measured.content_words > 300
    assert measured.share >= 0.9, measured.missing.most_common(20)


@pytest.mark.database  # seeds the demo in a scratch app
def test_coverage_of_pupils_demo_writing_meets_the_goal():
    texts = coverage.demo_entry_texts(pupils=12)
    measured = coverage.measure(texts)
    assert measured.content_words > 2000
    assert measured.share >= 0.75, measured.missing.most_common(20)


def test_template_text_strips_jinja_and_html():
    text = coverage.template_text(
        '{# note #}<h1 class="x">{{ "Hello"|symbolise }} {{ name }}</h1>'
        "{% if a %}<p>Your <em>work</em></p>{% endif %}<script>var job;</script>"
    )
    assert text == ["Hello", "Your", "work"]


@pytest.mark.database  # the script seeds the demo in a scratch app, in a child process
def test_the_coverage_script_runs():
    result = subprocess.run(
        [sys.executable, "scripts/symbol_coverage.py", "--missing", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert re.search(r"Interface: \d+ of \d+ content words have a symbol: \d+\.\d%", result.stdout)
