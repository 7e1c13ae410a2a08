"""The printable card: credit-card size (ID-1, 85.60 × 53.98 mm), made with WeasyPrint."""

import segno
from django.template.loader import render_to_string

from verso.card import codes
from verso.card.models import Card


def qr_svg(code: str, scale: int = 5) -> str:
    return segno.make_qr(code, error="m").svg_inline(scale=scale, omitsize=True)


def qr_data_uri(code: str) -> str:
    return segno.make_qr(code, error="m").svg_data_uri(scale=4)


def card_document(card: Card, code: str, *, base_url: str, request=None):
    """The laid-out card (a WeasyPrint Document): ``.write_pdf()`` gives the PDF."""
    from weasyprint import HTML

    html = render_to_string(
        "card/card_pdf.html",
        {"card": card, "code_display": codes.display(code), "qr": qr_data_uri(code)},
        request=request,
    )
    return HTML(string=html, base_url=base_url).render()


def document_text(document) -> str:
    """The text laid out on the document's pages, in reading order (for tests and checks)."""
    parts: list[str] = []

    def walk(box):
        text = getattr(box, "text", None)
        if text:
            parts.append(text)
        for child in getattr(box, "children", []) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(parts)
