"""The printable A4 poster: a PDF whose QR code reads back as the activity's address."""

import re
import zlib

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from verso.events.tests.factories import activity, place

pytestmark = pytest.mark.django_db


def flate_streams(pdf: bytes) -> list[bytes]:
    parts = []
    for match in re.finditer(rb"<<([^<>]*?/FlateDecode[^<>]*?)>>\s*stream\r?\n", pdf, re.S):
        length = int(re.search(rb"/Length (\d+)", match.group(1)).group(1))
        try:
            parts.append(zlib.decompress(pdf[match.end() : match.end() + length]))
        except zlib.error:
            continue
    return parts


def images_in_pdf(pdf: bytes) -> list[Image.Image]:
    """The raster images a PDF embeds (WeasyPrint writes them as Flate-compressed pixels)."""
    found = []
    for match in re.finditer(rb"\d+ 0 obj\s*<<(.*?)>>\s*stream\r?\n", pdf, re.S):
        header = match.group(1)
        if b"/Subtype /Image" not in header:
            continue
        width = int(re.search(rb"/Width (\d+)", header).group(1))
        height = int(re.search(rb"/Height (\d+)", header).group(1))
        length = int(re.search(rb"/Length (\d+)", header).group(1))
        start = match.end()
        data = pdf[start : start + length]
        if b"/FlateDecode" in header:
            data = zlib.decompress(data)
        gray = b"/DeviceGray" in header
        bpc = int(re.search(rb"/BitsPerComponent (\d+)", header).group(1))
        mode = "1" if bpc == 1 else "L" if gray else "RGB"
        if b"/Predictor" in header:
            channels = 1 if mode in ("L", "1") else 3
            stride = (width * channels * bpc + 7) // 8
            rows, prev = [], bytearray(stride)
            for y in range(height):
                line = data[y * (stride + 1) : (y + 1) * (stride + 1)]
                ftype, raw = line[0], bytearray(line[1:])
                for i in range(stride):
                    left = raw[i - channels] if i >= channels else 0
                    up = prev[i]
                    if ftype == 1:
                        raw[i] = (raw[i] + left) & 0xFF
                    elif ftype == 2:
                        raw[i] = (raw[i] + up) & 0xFF
                    elif ftype == 3:
                        raw[i] = (raw[i] + (left + up) // 2) & 0xFF
                    elif ftype == 4:
                        ul = prev[i - channels] if i >= channels else 0
                        p = left + up - ul
                        pa, pb, pc = abs(p - left), abs(p - up), abs(p - ul)
                        pred = left if pa <= pb and pa <= pc else (up if pb <= pc else ul)
                        raw[i] = (raw[i] + pred) & 0xFF
                rows.append(bytes(raw))
                prev = raw
            data = b"".join(rows)
        found.append(Image.frombytes(mode, (width, height), data))
    return found


def test_the_poster_is_an_a4_pdf_whose_qr_code_opens_the_activity(client, world):
    act = activity(world, place=place(world), organisers=[world.organisation])
    response = client.get(reverse("events:poster", args=[act.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    # A4 is 595 × 842 points (the page dictionary sits in a compressed object stream).
    assert any(b"/MediaBox [0 0 595" in part for part in flate_streams(pdf))
    texts = []
    for image in images_in_pdf(pdf):
        texts += [r.text for r in zxingcpp.read_barcodes(image.convert("L"))]
    assert f"http://testserver/en/events/{act.pk}/" in texts
