"""The plan as a PDF: WeasyPrint renders the printable page with Pango and the installed
DejaVu fonts. Nothing is fetched while rendering: the page carries its own style sheet."""

from django.utils.translation import gettext as _


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(_("External resources are not loaded into the PDF."))


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetch, base_url="about:blank").write_pdf()
