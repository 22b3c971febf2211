"""Checking and preparing listing photos with Pillow.

A photo is judged by its content, never its name or the browser's content type: Pillow must
recognise it as JPEG, PNG or WebP and decode it whole. Accepted photos are re-encoded (which
drops EXIF data such as the GPS position of a home workshop), turned upright, scaled to at most
1600 px and given a 400 px thumbnail. Both are JPEG: the format every phone browser shows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Final

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from odop.core.errors import field_error

ACCEPTED_FORMATS: Final = frozenset({"JPEG", "PNG", "WEBP"})
DEFAULT_MAX_BYTES: Final = 5 * 1024 * 1024
MAX_PIXELS: Final = 40_000_000  # 40 MP: any phone camera; beyond it, a decompression bomb
IMAGE_EDGE: Final = 1600
THUMBNAIL_EDGE: Final = 400


@dataclass(frozen=True)
class PreparedPhoto:
    image: ContentFile[bytes]
    thumbnail: ContentFile[bytes]
    image_name: str
    thumbnail_name: str
    width: int
    height: int


def _jpeg(image: Image.Image, edge: int, quality: int) -> ContentFile[bytes]:
    copy = image.copy()
    copy.thumbnail((edge, edge))
    buffer = io.BytesIO()
    copy.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue())


def photo_prepare(upload: UploadedFile) -> PreparedPhoto:
    """Check an uploaded photo and make the stored image and its thumbnail.

    Errors: `photo_too_large` (over `ODOP_PHOTO_MAX_BYTES`, 5 MB by default),
    `photo_type` (not a JPEG, PNG or WebP picture, whatever its name says),
    `photo_broken` (truncated or corrupt).
    """
    max_bytes = int(getattr(settings, "ODOP_PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES))
    if upload.size is None or upload.size > max_bytes:
        raise field_error(
            "photo",
            _("A photo may be at most %(size)d MB.") % {"size": max_bytes // (1024 * 1024)},
            "photo_too_large",
        )
    upload.seek(0)
    raw = upload.read()
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            kind = probe.format
            if probe.width * probe.height > MAX_PIXELS:
                raise field_error(
                    "photo", _("This picture has too many pixels."), "photo_too_large"
                )
            probe.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise field_error(
            "photo", _("Upload a photo in JPEG, PNG or WebP format."), "photo_type"
        ) from error
    except (OSError, SyntaxError) as error:  # Pillow's verify() raises these on damage
        raise field_error(
            "photo", _("This picture is damaged or incomplete."), "photo_broken"
        ) from error
    if kind not in ACCEPTED_FORMATS:
        raise field_error("photo", _("Upload a photo in JPEG, PNG or WebP format."), "photo_type")
    try:
        with Image.open(io.BytesIO(raw)) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except OSError as error:
        raise field_error(
            "photo", _("This picture is damaged or incomplete."), "photo_broken"
        ) from error
    image = _jpeg(picture, IMAGE_EDGE, 82)
    thumbnail = _jpeg(picture, THUMBNAIL_EDGE, 72)
    with Image.open(image) as stored:
        width, height = stored.size
    image.seek(0)
    return PreparedPhoto(
        image=image,
        thumbnail=thumbnail,
        image_name="photo.jpg",
        thumbnail_name="thumbnail.jpg",
        width=width,
        height=height,
    )
