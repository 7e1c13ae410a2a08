"""Exhibition images: checked, re-encoded with Pillow and stored without metadata.

Only JPEG, PNG and WebP are accepted, up to ``EVENTS_IMAGE_MAX_BYTES`` and
``EVENTS_IMAGE_MAX_PIXELS``; a decompression bomb is refused before it is decoded. The
stored file is a fresh JPEG made from the pixels alone: EXIF (location, camera, time), XMP,
ICC comments and any trailing data are gone.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
LONGEST_SIDE = 2400


def _error(message: str) -> ValidationError:
    return ValidationError({"image": message})


def image_store(upload) -> tuple[str, int, int]:
    """Check, re-encode and store an uploaded image; answer (storage name, width, height)."""
    if upload is None:
        raise _error(_("Choose an image file."))
    max_bytes = settings.EVENTS_IMAGE_MAX_BYTES
    if upload.size > max_bytes:
        raise _error(
            _("The image is too large: at most %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}
        )
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _error(
            _("The image is too large: at most %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}
        )
    max_pixels = settings.EVENTS_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ALLOWED_FORMATS:
                    raise _error(_("The file must be a JPEG, PNG or WebP image."))
                width, height = probe.size
                if width * height > max_pixels or width < 1 or height < 1:
                    raise _error(_("The image has too many pixels."))
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                if image.mode not in ("RGB", "L"):
                    background = Image.new("RGB", image.size, "white")
                    rgba = image.convert("RGBA")
                    background.paste(rgba, mask=rgba.getchannel("A"))
                    image = background
                image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
                # A new image from the pixels alone: nothing of the original's metadata.
                clean = Image.frombytes(image.mode, image.size, image.tobytes())
                out = io.BytesIO()
                clean.save(out, format="JPEG", quality=85, optimize=True)
                size = clean.size
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _error(_("The image has too many pixels.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _error(_("The file must be a JPEG, PNG or WebP image.")) from None
    name = default_storage.save(f"events/works/{uuid.uuid4().hex}.jpg", ContentFile(out.getvalue()))
    return name, size[0], size[1]
