"""Checking and cleaning an uploaded photo or certificate before anything keeps it.

The type is decided from the bytes alone, never from the file name or what the browser said.
Pictures are decoded by Pillow only after their size in pixels has been checked, then turned
upright, converted to sRGB, shrunk and encoded again from bare pixels, so nothing the camera
wrote (EXIF with GPS, XMP, comments, ICC profiles) survives. PDFs are kept as they are: they
are only ever served as a download in a sandbox (see ``views``).

Every refusal is an ``UploadProblem`` whose message a pupil can read.
"""

from __future__ import annotations

import io
import logging
import math
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

log = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 15 * MB
MAX_PIXELS = 40_000_000  # about a 7,300 × 5,500 photo; Pillow's own default is 89 million
MAX_SIDE = 1600
THUMBNAIL_SIDE = 400

JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
PDF = "application/pdf"
HEIC = "image/heic"  # recognised only to say clearly that we cannot take it
THUMBNAIL_MEDIA_TYPE = JPEG  # every thumbnail: the model keeps no separate type for it

IMAGE_TYPES = (JPEG, PNG, WEBP)

# Each opener reads the header only; the pixels are decoded later, by ``load``.
_OPENERS = {
    JPEG: JpegImagePlugin.jpeg_factory,
    PNG: PngImagePlugin.PngImageFile,
    WEBP: WebPImagePlugin.WebPImageFile,
}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class UploadProblem(ValueError):
    """A file we will not keep, with a message for the person who chose it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Cleaned:
    """What we keep of an upload: the cleaned file, its size in pixels, and a thumbnail."""

    data: bytes
    media_type: str
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = None
    thumbnail_media_type: str | None = None


def clean_upload(data: bytes, *, allow_pdf: bool) -> Cleaned:
    """Check ``data`` and return the version to keep; raise ``UploadProblem`` if we cannot."""
    check_size(len(data), allow_pdf=allow_pdf)
    media_type = sniff(data)
    if media_type == PDF and allow_pdf:
        return _checked_pdf(data)
    if media_type in IMAGE_TYPES:
        return _cleaned_image(data, media_type)
    raise UploadProblem(_wrong_type_message(media_type, allow_pdf))


def sniff(data: bytes) -> str | None:
    """The media type the bytes themselves declare, from their first few bytes (or None)."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"%PDF-"):
        return PDF
    if data[4:8] == b"ftyp" and data[8:12] in {b"heic", b"heix", b"heif", b"mif1", b"msf1"}:
        return HEIC
    return None


def check_size(size: int | None, *, allow_pdf: bool) -> None:
    """Refuse an empty file, or one over ``MAX_UPLOAD_BYTES`` (``None``: too big, size unknown)."""
    noun = "file" if allow_pdf else "photo"
    limit = f"The biggest we can take is {_megabytes(MAX_UPLOAD_BYTES)}."
    if size is None:
        raise UploadProblem(f"This {noun} is too big. {limit}")
    if size == 0:
        raise UploadProblem(f"This {noun} is empty. Choose it again.")
    if size > MAX_UPLOAD_BYTES:
        raise UploadProblem(f"This {noun} is {_megabytes(size)}. {limit}")


def _megabytes(size: int) -> str:
    """Megabytes rounded up to one decimal place, so just over the limit never reads as equal."""
    tenths = math.ceil(size * 10 / MB)
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10} MB"


def _wrong_type_message(media_type: str | None, allow_pdf: bool) -> str:
    choose = (
        "Choose a PDF, or a JPEG, PNG or WebP picture."
        if allow_pdf
        else ("Choose a JPEG, PNG or WebP picture.")
    )
    if media_type == HEIC:
        return f"This photo is in the iPhone HEIC format, which we cannot open. {choose}"
    if media_type == PDF:
        return f"This file is a PDF. You can only add photos here. {choose}"
    if allow_pdf:
        return f"This file is not a PDF or a picture. {choose}"
    return f"This file is not a photo. {choose}"


def _checked_pdf(data: bytes) -> Cleaned:
    """A PDF must also end as a PDF does: a cut-off download has no ``%%EOF`` near its end."""
    if b"%%EOF" not in data[-1024:]:
        raise UploadProblem(
            "This PDF is not complete. It may not have finished uploading. Try choosing it again."
        )
    return Cleaned(data=data, media_type=PDF)


def _cleaned_image(data: bytes, media_type: str) -> Cleaned:
    """Decode, clean and re-encode a picture; any failure of the decoder becomes a message.

    The pixel limit is checked here, before decoding, rather than by changing Pillow's global
    ``Image.MAX_IMAGE_PIXELS``; Pillow's own bomb warning is an error only inside this call.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            picture = _opened(data, media_type)
            full = _shrunk(picture, MAX_SIDE)
            thumbnail = _shrunk(full, THUMBNAIL_SIDE)
            return Cleaned(
                data=_encoded(full, media_type),
                media_type=media_type,
                width=full.width,
                height=full.height,
                thumbnail=_encoded(thumbnail, THUMBNAIL_MEDIA_TYPE),
                thumbnail_media_type=THUMBNAIL_MEDIA_TYPE,
            )
        except UploadProblem:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise UploadProblem(
                "This picture is too big to open. Choose a smaller picture."
            ) from error
        except Exception as error:  # a damaged file can make a decoder raise almost anything
            log.info("Refused a damaged %s upload: %r", media_type, error)
            raise UploadProblem(
                "This picture is damaged or did not finish uploading. Try choosing it again."
            ) from error


def _opened(data: bytes, media_type: str) -> Image.Image:
    """The first frame, decoded, upright and in sRGB: only once its size has been checked."""
    image = _OPENERS[media_type](io.BytesIO(data))
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise UploadProblem(
            f"This picture is too big to open ({width:,} × {height:,} pixels). "
            "Choose a smaller picture."
        )
    if media_type == JPEG:
        image.draft(None, (MAX_SIDE, MAX_SIDE))  # let libjpeg decode big photos at 1/2, 1/4...
    image.load()
    return _in_srgb(ImageOps.exif_transpose(image))


def _in_srgb(image: Image.Image) -> Image.Image:
    """RGB (or RGBA when it has transparency), converted from its ICC profile when it has one."""
    if image.mode.startswith("I"):  # 16-bit grey (some scanners): scale down, do not clip
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    mode = "RGBA" if image.has_transparency_data else "RGB"
    profile = image.info.get("icc_profile")
    if profile and image.mode in {"RGB", "RGBA", "CMYK", "L"}:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or unusual profile: plain conversion below is close enough
    return image.convert(mode)


def _shrunk(image: Image.Image, side: int) -> Image.Image:
    """A copy whose longest side is at most ``side`` pixels (never enlarged)."""
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    return copy


def _encoded(image: Image.Image, media_type: str) -> bytes:
    """Encode from bare pixels: a fresh image carries no EXIF, XMP, ICC or comment to save."""
    if media_type == JPEG and image.mode == "RGBA":
        image = _on_white(image)
    bare = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    if media_type == JPEG:
        bare.save(out, "JPEG", quality=82, progressive=True, optimize=True)
    elif media_type == PNG:
        bare.save(out, "PNG", optimize=True)
    else:
        bare.save(out, "WEBP", quality=80, method=4)
    return out.getvalue()


def _on_white(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: show see-through parts as white, as a page would."""
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A"))
    return background
