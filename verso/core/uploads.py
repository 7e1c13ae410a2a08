"""Serving uploaded files: only through a view that checked access, never executed, never
rendered as a page.

Uploads (the exhibitions' photos, later) live in the default storage under MEDIA_ROOT,
which no URL serves directly. A view fetches the owning object through its access helper
and answers with ``upload_response``: an attachment unless the type is an image Verso
shows inline, a fixed content type from an allow-list (never the browser's guess), and a
sandbox policy so that even a mislabelled file cannot run script in Verso's origin.
"""

from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

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
