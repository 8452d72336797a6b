"""Checking a school's uploaded symbol: PNG cleaned by Pillow, SVG refused when it is unsafe."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image, PngImagePlugin

from journal.accessibility.school_symbols import (
    MAX_SVG_BYTES,
    PNG,
    SVG,
    SYMBOL_SIDE,
    SymbolProblem,
    clean_symbol,
    cleaned_svg,
    term_problem,
)

NS = 'xmlns="http://www.w3.org/2000/svg"'


def svg(body: str = '<circle r="4"/>', attributes: str = "", before: str = "") -> bytes:
    return f'{before}<svg {NS} viewBox="0 0 10 10"{attributes}>{body}</svg>'.encode()


def png(size=(40, 30), **info) -> bytes:
    out = io.BytesIO()
    text = PngImagePlugin.PngInfo()
    for key, value in info.items():
        text.add_text(key, value)
    Image.new("RGBA", size, (10, 120, 200, 128)).save(out, "PNG", pnginfo=text)
    return out.getvalue()


def refusal(data: bytes) -> str:
    with pytest.raises(SymbolProblem) as caught:
        clean_symbol(data)
    return caught.value.message


def test_a_plain_svg_is_kept_and_written_out_again():
    cleaned = clean_symbol(svg('<path d="M0 0h10v10z" fill="url(#g)"/><use href="#g"/>'))
    assert cleaned.media_type == SVG
    assert cleaned.data.startswith(b"<?xml")
    assert b'fill="url(#g)"' in cleaned.data and b'href="#g"' in cleaned.data


def test_comments_metadata_doctype_and_editor_extras_are_dropped():
    data = svg(
        "<!-- drawn by Ann --><metadata>licence 123</metadata><ink:layer/><title>x</title>"
        '<circle r="4"/>',
        attributes=' xmlns:ink="http://www.inkscape.org/namespaces/inkscape" ink:version="1"',
        before='<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
    )
    cleaned = cleaned_svg(data)
    for gone in (b"Ann", b"licence", b"inkscape", b"DOCTYPE", b"<title"):
        assert gone not in cleaned
    assert b"<circle" in cleaned


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (svg("<script>alert(1)</script>"), "contains a script"),
        (svg('<SCRIPT xmlns="http://www.w3.org/2000/svg">x</SCRIPT>'), "contains a script"),
        (
            svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>'),
            "<foreignObject>",
        ),
        (svg("", attributes=' onload="alert(1)"'), "event handler (onload)"),
        (svg('<circle r="4" onClick="x()"/>'), "event handler (onclick)"),
        (svg('<image href="https://example.com/a.png"/>'), "links to another file"),
        (
            svg('<image xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="other.svg#a"/>'),
            "links to another file",
        ),
        (svg('<image href="data:image/png;base64,AAAA"/>'), "embeds a picture"),
        (svg('<a href="javascript:alert(1)"><circle r="4"/></a>'), "links to another file"),
        (svg('<circle r="4" style="fill: url(https://example.com/x)"/>'), "reaches outside"),
        (svg('<circle r="4" fill="url(\'/x.svg#g\')"/>'), "reaches outside"),
        (svg("<style>@import 'https://example.com/x.css';</style>"), "reaches outside"),
        (svg("<style>.a { background: url(x.png) }</style>"), "reaches outside"),
        (svg('<set attributeName="href" to="#a"/>'), "animated link"),
        (svg("&a;", before='<!DOCTYPE svg [<!ENTITY a "b">]>'), "entities"),
        (b'<?xml-stylesheet href="https://example.com/x.css"?>' + svg(), "stylesheet"),
        (b"<html><body>hello</body></html>", "not an SVG picture"),
        (b"<svg><circle/></svg>", "not an SVG picture"),  # no SVG namespace: not an SVG
        (svg()[:-3], "could not be read"),
        (b"just some text", "not an SVG or a PNG"),
        (b"\xff\xd8\xff\xe0 a jpeg", "not an SVG or a PNG"),
        (b"", "empty"),
    ],
)
def test_unsafe_or_wrong_files_are_refused_with_a_clear_message(data, message):
    assert message in refusal(data)


def test_a_billion_laughs_is_refused():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY l "lol">'
        b'<!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg">&l2;</svg>'
    )
    assert "entities" in refusal(data)


def test_an_external_entity_is_refused_even_when_spelled_in_lower_case():
    data = (
        b'<!DOCTYPE svg [<!entity x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'
    )
    message = refusal(data)
    assert "entities" in message or "could not be read" in message


def test_an_svg_over_the_limit_is_refused():
    big = svg("<!--" + "x" * MAX_SVG_BYTES + "-->")
    assert "The biggest we can take is 200 KB" in refusal(big)


def test_a_png_is_encoded_again_without_its_metadata():
    cleaned = clean_symbol(png(Comment="made by a camera", Author="Ann"))
    assert cleaned.media_type == PNG
    assert b"camera" not in cleaned.data and b"Ann" not in cleaned.data
    image = Image.open(io.BytesIO(cleaned.data))
    assert image.size == (40, 30) and image.mode == "RGBA"


def test_a_big_png_is_shrunk_to_a_symbol_size():
    cleaned = clean_symbol(png((1200, 600)))
    assert Image.open(io.BytesIO(cleaned.data)).size == (SYMBOL_SIDE, SYMBOL_SIDE // 2)


def test_a_png_with_too_many_pixels_is_refused_before_decoding():
    # A tiny file that claims 50,000 × 50,000 pixels: refused from its header.
    small = png((1, 1))
    at = small.index(b"IHDR")
    body = b"IHDR" + (50_000).to_bytes(4, "big") * 2 + small[at + 12 : at + 17]
    huge = small[: at - 4] + (13).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")
    huge += small[at + 21 :]
    assert "too big to open (50,000 × 50,000 pixels)" in refusal(huge)


def test_a_damaged_png_is_refused():
    assert "damaged" in refusal(png()[:60])


@pytest.mark.parametrize(
    ("term", "problem"),
    [
        ("work", None),
        ("Work experience", None),
        ("sign-in", None),
        ("don't", None),
        ("NHS", None),
        ("Year 11", "letters only"),
        ("art & design", "letters only"),
        ("one two three four five six seven", "at most 6 words"),
        ("the", "small word"),
    ],
)
def test_which_words_and_phrases_can_have_a_symbol(term, problem):
    found = term_problem(term)
    assert (found is None) if problem is None else (problem in found)
