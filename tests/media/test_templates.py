"""The macros that show files on an entry and the field that uploads them."""

from __future__ import annotations

import re

import pytest
from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import MultipleFileField

LIST = (
    '{% from "media/_attachments.html" import attachment_list %}'
    "{{ attachment_list(files, 'Visit to Riverside Hospital') }}"
)
FIELD = (
    '{% from "media/_attachments.html" import photo_field %}'
    "{{ photo_field(form.photos, **options) }}"
)


def files(*media_types, description=""):
    return [
        {"id": n, "sha256": "0" * 64, "media_type": kind, "description": description}
        for n, kind in enumerate(media_types, start=10)
    ]


class PhotoForm(FlaskForm):
    photos = MultipleFileField("Add photos (optional)")


@pytest.fixture
def request_context(app):
    with app.test_request_context("/", method="POST"):
        yield


def test_pictures_are_lazy_thumbnails_linking_to_the_full_picture(request_context):
    html = render_template_string(LIST, files=files("image/jpeg", "application/pdf", "image/png"))
    images = re.findall(r'<a href="([^"]+)">\s*<img src="([^"]+)"\s+alt="([^"]+)"', html)
    assert images == [
        ("/media/10", "/media/10/thumbnail", "Photo 1 from Visit to Riverside Hospital"),
        ("/media/12", "/media/12/thumbnail", "Photo 2 from Visit to Riverside Hospital"),
    ]
    assert html.count('loading="lazy"') == 2


def test_a_description_is_the_alt_text(request_context):
    html = render_template_string(LIST, files=files("image/webp", description='Me & "chef"'))
    assert 'alt="Me &amp; &#34;chef&#34;"' in html


def test_a_pdf_is_a_download_link(request_context):
    html = render_template_string(LIST, files=files("application/pdf"))
    assert '<a href="/media/10" download>Certificate (PDF)</a>' in html
    assert "<img" not in html
    several = render_template_string(LIST, files=files("application/pdf", "application/pdf"))
    assert "Certificate 1 (PDF)" in several and "Certificate 2 (PDF)" in several


def test_no_files_no_list(request_context):
    assert "<ul" not in render_template_string(LIST, files=[])


def test_the_photo_field_has_label_hint_and_picture_types(request_context):
    html = render_template_string(FIELD, form=PhotoForm(), options={})
    assert '<label for="photos">Add photos (optional)</label>' in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html
    assert "multiple" in html and "capture" not in html
    assert 'aria-describedby="photos-hint"' in html
    assert "up to 15 MB each" in html


def test_the_field_takes_pdfs_and_the_camera_when_asked(request_context):
    options = {"allow_pdf": True, "capture": "environment", "hint": "Your certificate."}
    html = render_template_string(FIELD, form=PhotoForm(), options=options)
    assert 'accept="image/jpeg,image/png,image/webp,application/pdf"' in html
    assert 'capture="environment"' in html
    assert '<p class="hint" id="photos-hint">Your certificate.</p>' in html


def test_errors_are_beside_the_field(request_context):
    form = PhotoForm()
    form.photos.errors = ["cat.jpg: This file is not a photo. Choose a JPEG, PNG or WebP picture."]
    html = render_template_string(FIELD, form=form, options={})
    assert 'class="field has-error"' in html
    assert "cat.jpg: This file is not a photo." in html
    assert 'aria-describedby="photos-hint photos-error"' in html and 'aria-invalid="true"' in html
