"""Check an uploaded photo by its content and re-encode it without EXIF (location, camera)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
#: Larger images are scaled down; that keeps the database small and the page quick.
MAX_SIDE = 1600
#: Refuse "decompression bombs" before decoding them.
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    width: int
    height: int


def photo_clean(upload: IO[bytes], *, size: int | None = None) -> CleanPhoto:
    """Return the photo as a fresh JPEG without metadata, or raise a ValidationError."""
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is too large. It may be 8 MB at most."), code="size")
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is too large. It may be 8 MB at most."), code="size")
    not_a_photo = ValidationError(
        _("This file is not a photo. Choose a JPG or PNG file."), code="invalid"
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise not_a_photo
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The photo is too large."), code="pixels")
            probe.verify()
        # verify() leaves the image unusable: open it again to decode it.
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image) or image
            rgb = upright.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_a_photo from None
    rgb.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    # A new image object carries no EXIF, and none is passed to save().
    rgb.save(out, format="JPEG", quality=85, optimize=True)
    return CleanPhoto(content=out.getvalue(), width=rgb.width, height=rgb.height)
