"""One counting rule for statements (journal/documents/counting.py), the same in the browser."""

from __future__ import annotations

import pytest

from journal.documents.counting import (
    UCAS_QUESTIONS,
    count,
    describe,
    limit_verdict,
    normalise,
    ucas_verdict,
)


def test_a_line_break_counts_one_whether_typed_as_crlf_lf_or_cr():
    assert count("one\r\ntwo") == count("one\ntwo") == count("one\rtwo") == 7
    assert normalise("a\r\n\r\nb\rc") == "a\n\nb\nc"


def test_a_combining_accent_joins_its_letter():
    combined = "cafe\u0301"  # e + COMBINING ACUTE ACCENT
    assert len(combined) == 5
    assert count(combined) == 4
    assert normalise(combined) == "caf\u00e9"


def test_a_combining_mark_with_no_precomposed_letter_still_counts_itself():
    assert count("q\u0301") == 2  # NFC has no single "q with acute"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("😀", 1),  # one code point (two UTF-16 units)
        ("🇬🇧", 2),  # a flag: two regional indicators
        ("👩\u200d🔬", 3),  # woman, zero-width joiner, microscope
        ("👍🏽", 2),  # thumbs up with a skin tone
        ("I ❤️ it", 7),  # a red heart is the heart and variation selector 16
    ],
)
def test_emoji_count_in_code_points(text, expected):
    assert count(text) == expected


def test_spaces_and_tabs_count_and_control_characters_go():
    assert count("a b\tc") == 5
    assert normalise("a\x00b\x07c\x1b\x7f\x85d") == "abcd"
    assert count("a\x00b") == 2


def test_normalising_twice_changes_nothing():
    text = "Cafe\u0301\r\n🇬🇧\x00 done\r"
    assert normalise(normalise(text)) == normalise(text)


def test_ucas_verdict_needs_350_each_and_at_most_4000_in_all():
    good = ["a" * 350, "b" * 1000, "c" * 2650]
    assert ucas_verdict(good).ok
    assert ucas_verdict(good).total == 4000
    short = ucas_verdict(["a" * 349, "b" * 400, "c" * 400])
    assert not short.ok
    assert short.problems == ["Answer 1 has 349 characters: it needs at least 350."]
    long = ucas_verdict(["a" * 350, "b" * 350, "c" * 3301])
    assert long.problems == ["The three answers have 4,001 characters together: the most is 4,000."]


def test_the_ucas_minimum_counts_an_accent_once():
    # 349 letters plus "e" and a combining accent: 351 code points typed, 350 counted.
    assert ucas_verdict(["a" * 349 + "e\u0301", "b" * 350, "c" * 350]).counts[0] == 350


def test_a_free_form_limit():
    assert limit_verdict("x" * 100, 100).ok
    assert limit_verdict("x" * 101, 100).problems == ["It has 101 characters: the limit is 100."]
    assert limit_verdict("x" * 50000, None).ok


def test_the_counter_words():
    assert describe(1) == "1 character."
    assert describe(120, least=350) == "120 characters: at least 350 needed, 230 more to write."
    assert describe(3620, most=4000) == "3,620 characters of 4,000: 380 left."
    assert describe(4100, most=4000) == "4,100 characters of 4,000: 100 too many."


def test_the_questions_are_the_ones_ucas_asks():
    assert UCAS_QUESTIONS[0] == "Why do you want to study this course or subject?"
    assert len(UCAS_QUESTIONS) == 3
