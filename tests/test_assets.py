"""Bytes on the wire: static files under content-hashed names kept for a year, responses
compressed when the browser asks, and the CSS and JavaScript a pupil's page loads within its
budget. Sizes and headers only; timings belong in ``flask bench``."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest

from journal.assets import IMMUTABLE, Manifest, plain_name
from journal.extensions import db

PUPIL_BUDGET = 26 * 1024  # gzipped CSS + JavaScript of one pupil page
ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="(/static/[^"]+)"')


@pytest.fixture
def school(make):
    return make.school("Riverside")


@pytest.fixture
def pupil(make, school):
    return make.pupil(school, make.group(school, "10H"), first="Maya")


def _assets_of(text: str) -> list[str]:
    return ASSET.findall(text)


def _wire_bytes(client, urls: list[str]) -> int:
    total = 0
    for url in urls:
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200, url
        assert response.headers["Content-Encoding"] == "gzip", url
        total += len(response.data)
    return total


@pytest.mark.parametrize("path", ["/", "/passport/timeline", "/passport/new/encounter"])
def test_a_pupil_page_loads_at_most_26_kb_of_gzipped_css_and_js(client, login, pupil, path):
    db.session.commit()
    login(pupil.user)
    page = client.get(path)
    assert page.status_code == 200
    urls = _assets_of(page.text)
    assert any(url.endswith(".css") for url in urls) and any(url.endswith(".js") for url in urls)
    assert _wire_bytes(client, urls) <= PUPIL_BUDGET


def test_static_urls_are_hashed_and_immutable(client):
    urls = _assets_of(client.get("/sign-in").text)
    assert urls
    for url in urls:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", url), url
        response = client.get(url)
        assert response.headers["Cache-Control"] == IMMUTABLE
        assert response.headers["ETag"]
        again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304 and again.data == b""


def test_a_plain_name_still_works_but_is_revalidated(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"
    assert client.get("/static/css/no-such-file.css").status_code == 404
    assert client.get("/static/css/app.000000000000.css").status_code == 404


def test_static_files_are_compressed_when_asked(client):
    url = next(u for u in _assets_of(client.get("/sign-in").text) if u.endswith(".css"))
    plain = client.get(url)
    assert "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in plain.headers["Vary"]
    as_br = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert as_br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(as_br.data) == plain.data
    as_gzip = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.data) == plain.data
    assert len(as_br.data) < len(as_gzip.data) < len(plain.data)
    icon = client.get("/static/icons/icon-192.png", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in icon.headers  # a PNG is compressed already


def test_pages_are_compressed_when_asked(client, login, pupil):
    db.session.commit()
    login(pupil.user)
    plain = client.get("/")
    assert "Content-Encoding" not in plain.headers
    for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        page = client.get("/", headers={"Accept-Encoding": encoding})
        assert page.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in page.headers["Vary"]
        assert len(page.data) < len(plain.data) / 2
        text = decompress(page.data).decode()
        # the same page, but for the per-request CSRF token
        assert re.sub(r'"X-CSRFToken": "[^"]+"|value="[^"]{40,}"', "", text) == re.sub(
            r'"X-CSRFToken": "[^"]+"|value="[^"]{40,}"', "", plain.text
        )


def test_a_changed_file_gets_a_new_name(tmp_path):
    (tmp_path / "css").mkdir()
    style = tmp_path / "css" / "site.css"
    style.write_text("/* a comment */ body { color: black }")
    before = Manifest(tmp_path).url_name("css/site.css")
    assert before != "css/site.css" and plain_name(before) == "css/site.css"
    assert Manifest(tmp_path).url_name("css/site.css") == before  # same bytes, same name
    style.write_text("body { color: red }")
    after = Manifest(tmp_path).url_name("css/site.css")
    assert after != before and plain_name(after) == "css/site.css"


def test_in_debug_a_file_changed_on_disk_is_read_again(tmp_path):
    import os

    script = tmp_path / "app.js"
    script.write_text("var a = 1;")
    found = Manifest(tmp_path, watch=True)
    before = found.url_name("app.js")
    script.write_text("var a = 2;")
    os.utime(script, (1, 1))  # a different modification time, whatever the clock's grain
    after = found.url_name("app.js")
    assert after != before
    assert found.by_hashed[after].body == b"var a=2;"


def test_the_worker_precaches_the_hashed_names(client):
    worker = client.get("/service-worker.js").text
    page = client.get("/sign-in").text
    precache = re.search(r"var PRECACHE = (\[.*\]);", worker).group(1)
    for url in _assets_of(page):
        assert f'"{url}"' in precache, url
    assert re.search(r'var STYLESHEET = "/static/css/app\.[0-9a-f]{12}\.css";', worker)


def test_the_pdf_fetcher_reads_a_hashed_name(app):
    from flask import url_for

    from journal.documents.exports import PRINT_ORIGIN, StaticFetcher

    with app.test_request_context():
        url = url_for("static", filename="css/app.css")
    assert url != "/static/css/app.css"
    path = StaticFetcher(app.static_folder).path_of(PRINT_ORIGIN + url)
    assert path is not None and path.name == "app.css"
