"""Idea photos: a real image, not too large, re-encoded without its metadata.

Pillow opens the upload; anything it cannot read as a JPEG, PNG, WebP or GIF image is
refused. The picture is turned upright (EXIF orientation), scaled to at most
``MAX_SIDE`` pixels and saved again as JPEG (PNG when it has transparency), which drops
EXIF, GPS and every other piece of metadata the phone wrote into it.
"""

import secrets
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}
MAX_SIDE = 2000
MAX_PIXELS = 40_000_000  # larger than any phone camera; refuses decompression bombs


def photo_max_bytes() -> int:
    return int(getattr(settings, "VERSO_IDEA_PHOTO_MAX_BYTES", 5 * 1024 * 1024))


def _not_an_image() -> ValidationError:
    return ValidationError(
        {
            "photo": _(
                "The photo is not an image that Verso can read. Use a JPEG, PNG or WebP photo."
            )
        }
    )


def photo_clean(upload) -> ContentFile:
    """The upload as a new, clean image file, or a ValidationError naming the photo."""
    size = getattr(upload, "size", None)
    if size is None or size > photo_max_bytes():
        raise ValidationError(
            {
                "photo": _("The photo is too large. It can be at most %(mb)s MB.")
                % {"mb": photo_max_bytes() // (1024 * 1024)}
            }
        )
    if size == 0:
        raise _not_an_image()
    try:
        upload.seek(0)
        data = upload.read()
        with Image.open(BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise _not_an_image()
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise _not_an_image()
            probe.verify()
        with Image.open(BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            has_alpha = image.mode in ("RGBA", "LA") or (
                image.mode == "P" and "transparency" in image.info
            )
            image = image.convert("RGBA" if has_alpha else "RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = BytesIO()
            if has_alpha:
                image.save(out, format="PNG", optimize=True)
                suffix = "png"
            else:
                image.save(out, format="JPEG", quality=85, optimize=True)
                suffix = "jpg"
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise _not_an_image() from None
    return ContentFile(out.getvalue(), name=f"{secrets.token_hex(12)}.{suffix}")
