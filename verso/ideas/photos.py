"""Idea photos: a real image, not too large, re-encoded without its metadata.

The shared cleaner (``verso.core.uploads.image_clean``) opens the upload; anything it
cannot read as a JPEG, PNG, WebP or GIF image is refused. The picture is turned upright
(EXIF orientation), scaled to at most ``MAX_SIDE`` pixels and saved again from its pixels
as JPEG (PNG when it has transparency), which drops EXIF, GPS and every other piece of
metadata the phone wrote into it.
"""

import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from verso.core.uploads import image_clean

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "MPO"})
MAX_SIDE = 2000
MAX_PIXELS = 40_000_000  # larger than any phone camera; refuses decompression bombs

NOT_AN_IMAGE = _("The photo is not an image that Verso can read. Use a JPEG, PNG or WebP photo.")
MESSAGES = {
    "missing": NOT_AN_IMAGE,
    "not_an_image": NOT_AN_IMAGE,
    "too_many_pixels": NOT_AN_IMAGE,
    "too_large": _("The photo is too large. It can be at most %(mb)s MB."),
}


def photo_max_bytes() -> int:
    return int(getattr(settings, "VERSO_IDEA_PHOTO_MAX_BYTES", 5 * 1024 * 1024))


def photo_clean(upload) -> ContentFile:
    """The upload as a new, clean image file, or a ValidationError naming the photo."""
    clean = image_clean(
        upload,
        field="photo",
        max_bytes=photo_max_bytes(),
        max_pixels=MAX_PIXELS,
        longest_side=MAX_SIDE,
        formats=ACCEPTED_FORMATS,
        keep_transparency=True,
        messages=MESSAGES,
    )
    return ContentFile(clean.content, name=f"{secrets.token_hex(12)}.{clean.suffix}")
