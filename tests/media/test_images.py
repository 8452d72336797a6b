"""Cleaning uploads: the type comes from the bytes, metadata never survives, and every refusal
says what went wrong in words a pupil can follow."""

from __future__ import annotations

import io
import warnings

import pytest
from PIL import ExifTags, Image, ImageFile

from journal.media import images
from journal.media.images import UploadProblem, clean_upload

from .pictures import (
    PDF_BYTES,
    encoded,
    huge_png,
    jpeg_with_gps_and_orientation,
    noisy_jpeg,
    photo,
)

NOT_A_PHOTO = "This file is not a photo. Choose a JPEG, PNG or WebP picture."


def refusal(data: bytes, *, allow_pdf: bool = False) -> str:
    with pytest.raises(UploadProblem) as caught:
        clean_upload(data, allow_pdf=allow_pdf)
    return str(caught.value)


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_a_php_script_is_refused_by_its_content():
    assert refusal(b"<?php system($_GET['c']); ?>\n") == NOT_A_PHOTO


def test_a_php_script_behind_a_jpeg_signature_is_refused_as_damaged():
    message = refusal(b"\xff\xd8\xff\xe0" + b"<?php system($_GET['c']); ?>" * 10)
    assert message == "This picture is damaged or did not finish uploading. Try choosing it again."


def test_a_script_in_a_real_photos_comment_does_not_survive_cleaning():
    cleaned = clean_upload(jpeg_with_gps_and_orientation(), allow_pdf=False)
    assert b"<?php" not in cleaned.data and b"<?php" not in cleaned.thumbnail


@pytest.mark.parametrize("allow_pdf", [False, True])
def test_a_png_named_pdf_is_taken_as_a_png(allow_pdf):
    cleaned = clean_upload(photo(format="PNG"), allow_pdf=allow_pdf)
    assert cleaned.media_type == "image/png"
    assert opened(cleaned.data).format == "PNG"


def test_webp_stays_webp():
    cleaned = clean_upload(photo(format="WEBP"), allow_pdf=False)
    assert cleaned.media_type == "image/webp" and opened(cleaned.data).format == "WEBP"


def test_a_20000_square_png_is_refused_before_any_decoding(monkeypatch):
    def no_decoding(self):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    assert refusal(huge_png()) == (
        "This picture is too big to open (20,000 × 20,000 pixels). Choose a smaller picture."
    )


def test_the_pixel_limit_is_lower_than_pillows_own():
    assert refusal(huge_png(8000, 6000)) == (
        "This picture is too big to open (8,000 × 6,000 pixels). Choose a smaller picture."
    )


def test_the_bomb_warning_is_an_error_only_inside_the_function():
    before = list(warnings.filters)
    refusal(huge_png())
    clean_upload(photo(), allow_pdf=False)
    assert warnings.filters == before
    assert images.Image.MAX_IMAGE_PIXELS == Image.MAX_IMAGE_PIXELS > images.MAX_PIXELS


def test_a_30_mb_file_is_refused_with_its_size():
    data = photo() + b"\x00" * (30 * 1024 * 1024 - len(photo()))
    assert refusal(data) == "This photo is 30 MB. The biggest we can take is 15 MB."


def test_just_over_the_limit_never_reads_as_the_limit():
    data = b"\xff\xd8\xff" + b"\x00" * (15 * 1024 * 1024)
    assert refusal(data, allow_pdf=True) == (
        "This file is 15.1 MB. The biggest we can take is 15 MB."
    )


def test_an_empty_file_is_refused():
    assert refusal(b"") == "This photo is empty. Choose it again."


def test_gps_orientation_and_all_metadata_are_removed_and_the_photo_is_turned_upright():
    original = opened(jpeg_with_gps_and_orientation())
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo really has GPS

    cleaned = clean_upload(jpeg_with_gps_and_orientation(), allow_pdf=False)

    for data in (cleaned.data, cleaned.thumbnail):
        image = opened(data)
        assert dict(image.getexif()) == {}
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert b"Exif" not in data and b"GPS" not in data and b"PupilPhone" not in data
        assert b"xmpmeta" not in data and b"home address" not in data
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info)
    upright = opened(cleaned.data)
    assert (cleaned.width, cleaned.height) == upright.size == (40, 60)
    top, bottom = upright.getpixel((20, 5)), upright.getpixel((20, 55))
    assert top[0] > 200 and top[2] < 60  # red: the stored left side is now the top
    assert bottom[2] > 200 and bottom[0] < 60


def test_a_4000_by_3000_photo_is_resized_with_a_small_thumbnail():
    cleaned = clean_upload(photo((4000, 3000)), allow_pdf=False)
    assert (cleaned.width, cleaned.height) == opened(cleaned.data).size == (1600, 1200)
    thumbnail = opened(cleaned.thumbnail)
    assert max(thumbnail.size) <= 400 and thumbnail.size == (400, 300)
    assert cleaned.thumbnail_media_type == "image/jpeg" and thumbnail.format == "JPEG"


def test_jpeg_is_progressive_and_a_small_photo_is_not_enlarged():
    cleaned = clean_upload(photo((300, 200)), allow_pdf=False)
    image = opened(cleaned.data)
    assert image.size == (300, 200) and image.info.get("progressive")


def test_transparency_is_kept_in_png_and_white_in_the_jpeg_thumbnail():
    data = encoded(Image.new("RGBA", (50, 50), (255, 0, 0, 0)), "PNG")
    cleaned = clean_upload(data, allow_pdf=False)
    assert opened(cleaned.data).mode == "RGBA"
    assert opened(cleaned.thumbnail).convert("RGB").getpixel((25, 25)) == (255, 255, 255)


def test_an_animated_png_keeps_its_first_frame():
    frames = [Image.new("RGB", (40, 40), colour) for colour in ("red", "blue")]
    data = encoded(frames[0], "PNG", save_all=True, append_images=frames[1:])
    assert opened(data).n_frames == 2

    image = opened(clean_upload(data, allow_pdf=False).data)
    assert getattr(image, "n_frames", 1) == 1
    assert image.convert("RGB").getpixel((20, 20)) == (255, 0, 0)


def test_a_truncated_jpeg_gets_a_clear_message():
    data = noisy_jpeg()
    assert clean_upload(data, allow_pdf=False)  # whole, it is fine
    assert refusal(data[: len(data) // 2]) == (
        "This picture is damaged or did not finish uploading. Try choosing it again."
    )


def test_a_pdf_only_where_pdfs_are_allowed():
    cleaned = clean_upload(PDF_BYTES, allow_pdf=True)
    assert cleaned == images.Cleaned(data=PDF_BYTES, media_type="application/pdf")
    assert refusal(PDF_BYTES) == (
        "This file is a PDF. You can only add photos here. Choose a JPEG, PNG or WebP picture."
    )


def test_a_cut_off_pdf_is_refused():
    assert refusal(PDF_BYTES[:-8], allow_pdf=True) == (
        "This PDF is not complete. It may not have finished uploading. Try choosing it again."
    )


def test_neither_pdf_nor_picture_where_pdfs_are_allowed():
    assert refusal(b"PK\x03\x04 a zip or a Word file", allow_pdf=True) == (
        "This file is not a PDF or a picture. Choose a PDF, or a JPEG, PNG or WebP picture."
    )


def test_an_iphone_heic_photo_is_named_as_such():
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100
    assert refusal(heic) == (
        "This photo is in the iPhone HEIC format, which we cannot open. "
        "Choose a JPEG, PNG or WebP picture."
    )


def test_a_gif_is_not_taken():
    assert refusal(encoded(Image.new("P", (10, 10)), "GIF")) == NOT_A_PHOTO


def test_a_truncated_jpeg_is_refused_after_a_pdf_has_been_made(app):
    """WeasyPrint switches on Pillow's LOAD_TRUNCATED_IMAGES when it is imported; making a PDF
    must not make uploads accept damaged photos."""
    from journal.documents.exports import html_to_pdf

    assert html_to_pdf("<p>Hello</p>").startswith(b"%PDF")
    data = noisy_jpeg()
    assert refusal(data[: len(data) // 2]) == (
        "This picture is damaged or did not finish uploading. Try choosing it again."
    )
