"""Uploads are served as data: a fixed type from an allow-list, nosniff, a sandbox policy,
an attachment unless an image, and nothing outside the storage."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404

from verso.core.uploads import upload_response


@pytest.fixture
def stored():
    names = []

    def save(name: str, content: bytes) -> str:
        names.append(default_storage.save(name, ContentFile(content)))
        return names[-1]

    yield save
    for name in names:
        default_storage.delete(name)


def test_an_image_is_shown_inline_with_its_own_type_and_no_sniffing(stored):
    name = stored("works/forest.jpg", b"\xff\xd8\xff fake jpeg")
    response = upload_response(name)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"\xff\xd8\xff fake jpeg"


@pytest.mark.parametrize(
    "name", ["works/page.html", "works/drawing.svg", "works/run.js", "works/x"]
)
def test_anything_that_could_run_downloads_as_opaque_bytes(stored, name):
    response = upload_response(stored(name, b"<script>alert(1)</script>"))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("name", ["", "../settings.py", "works/../../etc/passwd", "missing.png"])
def test_names_outside_the_storage_or_missing_are_not_found(name):
    with pytest.raises(Http404):
        upload_response(name)
