"""Exhibition images: cleaned by the shared cleaner (``verso.core.uploads.image_clean``)
and stored without metadata.

Only JPEG, PNG and WebP are accepted, up to ``EVENTS_IMAGE_MAX_BYTES`` and
``EVENTS_IMAGE_MAX_PIXELS``; a decompression bomb is refused before it is decoded. The
stored file is a fresh JPEG made from the pixels alone (transparency on white): EXIF
(location, camera, time), XMP, ICC comments and any trailing data are gone.
"""

import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from verso.core.uploads import image_clean

LONGEST_SIDE = 2400


def image_store(upload) -> tuple[str, int, int]:
    """Check, re-encode and store an uploaded image; answer (storage name, width, height)."""
    clean = image_clean(
        upload,
        field="image",
        max_bytes=settings.EVENTS_IMAGE_MAX_BYTES,
        max_pixels=settings.EVENTS_IMAGE_MAX_PIXELS,
        longest_side=LONGEST_SIDE,
    )
    name = default_storage.save(
        f"events/works/{uuid.uuid4().hex}.{clean.suffix}", ContentFile(clean.content)
    )
    return name, clean.width, clean.height
