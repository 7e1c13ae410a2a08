"""Pages without login: the offerings (fi/sv/en) and the holder's own page and card."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from verso.card import codes, selectors
from verso.card.access import public_offering
from verso.card.printing import card_document, qr_svg
from verso.core.pagination import paginate


def _private(response: HttpResponse) -> HttpResponse:
    """The holder's pages: never cached, never indexed, never sent on as a referrer."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def offering_list(request: HttpRequest) -> HttpResponse:
    scheme_id = request.GET.get("scheme", "")
    scheme_id = int(scheme_id) if scheme_id.isdigit() and len(scheme_id) < 10 else None
    page = paginate(request, selectors.offerings_public(scheme_id))
    return render(request, "card/offering_list.html", {"page": page})


@require_GET
def offering_detail(request: HttpRequest, offering_id: int) -> HttpResponse:
    offering = public_offering(offering_id)
    return render(request, "card/offering_detail.html", {"offering": offering})


def _holder_card(token: str):
    card = selectors.card_for_link(token)
    if card is None:
        raise Http404
    return card


@require_GET
def holder(request: HttpRequest, token: str) -> HttpResponse:
    card = _holder_card(token)
    code = codes.code_for_link(token)
    context = {
        "card": card,
        "token": token,
        "code_display": codes.display(code),
        "qr": qr_svg(code),
        "is_valid": card.is_valid_on(timezone.localdate()),
        "offerings": selectors.offerings_public(card.scheme_id)[:50],
        "uses": selectors.holder_uses(card)[:100],
    }
    return _private(render(request, "card/holder.html", context))


@require_GET
def holder_pdf(request: HttpRequest, token: str) -> HttpResponse:
    """The printable card, credit-card size (85.60 × 53.98 mm), made with WeasyPrint."""
    card = _holder_card(token)
    code = codes.code_for_link(token)
    document = card_document(card, code, base_url=request.build_absolute_uri("/"), request=request)
    response = HttpResponse(document.write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="card-{card.reference}.pdf"'
    return _private(response)
