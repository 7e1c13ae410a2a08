"""Serving uploaded files: only through a view that checked access, never executed, never
rendered as a page.

Uploads (the exhibitions' works, the ideas' photos) live in the default storage under MEDIA_ROOT,
which no URL serves directly. A view fetches the owning object through its access helper
and answers with ``upload_response``: an attachment unless the type is an image Verso
shows inline, a fixed content type from an allow-list (never the browser's guess), and a
sandbox policy so that even a mislabelled file cannot run script in Verso's origin.

Uploaded images are cleaned before they are stored, by one cleaner (``image_clean``) that
every app uses: see there.
"""

import contextlib
import io
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

INLINE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def upload_content_type(name: str) -> tuple[str, bool]:
    """The content type to send and whether it may show inline; unknown types download as
    opaque bytes. SVG is not an image here: it can carry script. (The host's mimetypes
    tables are not consulted: their answers differ between machines.)"""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in INLINE_TYPES:
        return INLINE_TYPES[suffix], True
    if suffix in ATTACHMENT_TYPES:
        return ATTACHMENT_TYPES[suffix], False
    return "application/octet-stream", False


def upload_response(name: str, *, download_name: str | None = None) -> FileResponse:
    """A stored upload, with headers that keep it data. ``name`` is a storage name that the
    calling view took from a model field it fetched through an access helper."""
    if not name or ".." in PurePosixPath(name).parts or not default_storage.exists(name):
        raise Http404
    content_type, inline = upload_content_type(name)
    filename = download_name or PurePosixPath(name).name
    response = FileResponse(
        default_storage.open(name, "rb"),
        content_type=content_type,
        as_attachment=not inline,
        filename=filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


# Cleaning uploaded images -------------------------------------------------------------------

DEFAULT_IMAGE_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded image: the bytes to store, their suffix ("jpg" or "png") and size."""

    content: bytes
    suffix: str
    width: int
    height: int


def _refuse(field: str, messages: dict, reason: str, **values) -> ValidationError:
    defaults = {
        "missing": _("Choose an image file."),
        "not_an_image": _("The file must be a JPEG, PNG or WebP image."),
        "too_large": _("The image is too large: at most %(mb)s MB."),
        "too_many_pixels": _("The image has too many pixels."),
    }
    message = str(messages.get(reason) or defaults[reason])
    return ValidationError({field: message % values if values else message})


def image_clean(
    upload,
    *,
    field: str = "image",
    max_bytes: int,
    max_pixels: int,
    longest_side: int,
    formats: frozenset[str] = DEFAULT_IMAGE_FORMATS,
    keep_transparency: bool = False,
    messages: dict | None = None,
) -> CleanImage:
    """An uploaded image, checked and re-encoded from its pixels alone, or a
    ValidationError on ``field``.

    Refused: no file, an empty file, more than ``max_bytes`` (also when the upload lies
    about its size), anything Pillow does not read as one of ``formats``, more than
    ``max_pixels`` pixels — checked from the header, before anything is decoded, and a
    decompression bomb (Pillow's own limit) is refused the same way. The picture is turned
    upright (EXIF orientation), scaled to at most ``longest_side`` pixels and saved as a new
    JPEG made from the pixels alone (a PNG when ``keep_transparency`` and it has
    transparency): EXIF with GPS, XMP, ICC profiles, comments and trailing data are gone.
    ``messages`` may give an app's own wording for "missing", "not_an_image", "too_large"
    (with ``%(mb)s``) and "too_many_pixels".
    """
    messages = messages or {}
    mb = max_bytes // (1024 * 1024)
    if upload is None:
        raise _refuse(field, messages, "missing")
    size = getattr(upload, "size", None)
    if size is None or size > max_bytes:
        raise _refuse(field, messages, "too_large", mb=mb)
    with contextlib.suppress(AttributeError, OSError, ValueError):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _refuse(field, messages, "too_large", mb=mb)
    if not data:
        raise _refuse(field, messages, "not_an_image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in formats:
                    raise _refuse(field, messages, "not_an_image")
                width, height = probe.size
                if width < 1 or height < 1 or width * height > max_pixels:
                    raise _refuse(field, messages, "too_many_pixels")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                has_alpha = image.mode in ("RGBA", "LA", "PA") or (
                    image.mode == "P" and "transparency" in image.info
                )
                if keep_transparency and has_alpha:
                    image = image.convert("RGBA")
                elif image.mode not in ("RGB", "L"):
                    rgba = image.convert("RGBA")
                    image = Image.new("RGB", image.size, "white")
                    image.paste(rgba, mask=rgba.getchannel("A"))
                image.thumbnail((longest_side, longest_side))
                # A new image from the pixels alone: nothing of the original's metadata.
                clean = Image.frombytes(image.mode, image.size, image.tobytes())
                out = io.BytesIO()
                if clean.mode == "RGBA":
                    clean.save(out, format="PNG", optimize=True)
                    suffix = "png"
                else:
                    clean.save(out, format="JPEG", quality=85, optimize=True)
                    suffix = "jpg"
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(field, messages, "too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _refuse(field, messages, "not_an_image") from None
    return CleanImage(out.getvalue(), suffix, clean.size[0], clean.size[1])
