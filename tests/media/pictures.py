"""Pictures made on the spot for the media tests, and an upload to carry them."""

from __future__ import annotations

import functools
import io
import struct
import zlib

from PIL import ExifTags, Image
from werkzeug.datastructures import FileStorage


def encoded(image: Image.Image, format: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format, **options)
    return out.getvalue()


def photo(size=(60, 40), format="JPEG", colour="green", **options) -> bytes:
    return encoded(Image.new("RGB", size, colour), format, **options)


def noisy_jpeg(size=(400, 300)) -> bytes:
    """Noise compresses badly, so cutting the file in half cuts into the picture itself."""
    return encoded(Image.effect_noise(size, 60).convert("RGB"), "JPEG", quality=90)


def jpeg_with_gps_and_orientation() -> bytes:
    """60 × 40 as stored, red on the left, blue on the right, with EXIF orientation 6
    ("the 0th column is the visual top": shown upright it is 40 × 60, red on top), GPS
    coordinates, a camera model, XMP, a comment and an ICC profile."""
    from PIL import ImageCms

    image = Image.new("RGB", (60, 40), (255, 0, 0))
    image.paste((0, 0, 255), (30, 0, 60, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Model] = "PupilPhone 7"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)})
    return encoded(
        image,
        "JPEG",
        exif=exif,
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">home address</x:xmpmeta>',
        comment=b"<?php system($_GET['c']); ?>",
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def huge_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A real 1-bit PNG of that size: all its rows of zeros compress to about 50 KB."""
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then the packed pixels
    pixels = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def upload(data: bytes, filename: str = "photo.jpg", content_type: str = "image/jpeg"):
    return FileStorage(io.BytesIO(data), filename=filename, content_type=content_type)
