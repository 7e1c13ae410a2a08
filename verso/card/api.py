"""The card API: public offerings, and check / redeem / undo for providers' own systems.

Providers' systems authenticate with a provider token (``Authorization: Bearer vcp_…``),
scoped to one provider, revocable, stored only as a digest; a signed-in provider's staff
may use their browser session too. A redemption with an ``Idempotency-Key`` header is
recorded once however often it is sent.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.security import HttpBearer
from pydantic import StrictInt

from verso.card import redemption, selectors, services
from verso.card.access import CardRefused
from verso.card.choices import StaffRole
from verso.card.limits import card_check_refusal
from verso.card.models import CardUse, Offering, Provider
from verso.core.api import ErrorOut, Page, PageIn, SessionAuth, paginated

router = Router(tags=["card"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class ProviderTokenAuth(HttpBearer):
    """``Authorization: Bearer vcp_…``: a provider's token from its page."""

    def authenticate(self, request: HttpRequest, token: str):
        found = services.provider_token_authenticate(token)
        if found is not None:
            request.card_token_id = found.pk
            request.card_provider = found.provider
        return found


MAX_ID = 2**62
PROVIDER_AUTH = [ProviderTokenAuth(), SessionAuth()]


class OfferingOut(Schema):
    id: int
    scheme_id: int
    scheme_name: str
    provider_name: str
    title_fi: str
    title_sv: str
    title_en: str
    description_fi: str
    description_sv: str
    description_en: str
    place: str
    address: str
    schedule: str
    daily_quota: int | None
    booking_needed: bool
    booking_info: str


class OfferingFilter(Schema):
    scheme_id: int | None = Field(None, ge=1, le=MAX_ID)


class CheckIn(Schema):
    code: str = Field(..., min_length=1, max_length=64)
    provider_id: StrictInt | None = Field(
        None, ge=1, le=MAX_ID, description="Only with a session of staff of several providers."
    )


class CheckOut(Schema):
    status: str
    message: str
    valid_until: datetime.date | None


class RedeemIn(CheckIn):
    offering_id: StrictInt = Field(..., ge=1, le=MAX_ID)
    children: StrictInt = Field(0, ge=0, le=100)
    adults: StrictInt = Field(0, ge=0, le=10)


class UseOut(Schema):
    id: int
    offering_id: int
    used_on: datetime.date
    holders: int
    children: int
    adults: int
    undone: bool
    undo_until: datetime.datetime


class UndoIn(Schema):
    use_id: StrictInt = Field(..., ge=1, le=MAX_ID)
    provider_id: StrictInt | None = Field(None, ge=1, le=MAX_ID)


def _offering_out(offering: Offering) -> dict:
    return {
        "id": offering.pk,
        "scheme_id": offering.provider.scheme_id,
        "scheme_name": offering.provider.scheme.name,
        "provider_name": offering.provider.organisation.name,
        **{
            f"{stem}_{lang}": getattr(offering, f"{stem}_{lang}")
            for stem in ("title", "description")
            for lang in ("fi", "sv", "en")
        },
        "place": offering.place,
        "address": offering.address,
        "schedule": offering.schedule,
        "daily_quota": offering.daily_quota,
        "booking_needed": offering.booking_needed,
        "booking_info": offering.booking_info,
    }


def _use_out(use: CardUse) -> dict:
    return {
        "id": use.pk,
        "offering_id": use.offering_id,
        "used_on": use.used_on,
        "holders": use.holders,
        "children": use.children,
        "adults": use.adults,
        "undone": use.undone_at is not None,
        "undo_until": use.used_at + redemption.undo_window(),
    }


def _provider(request, provider_id: int | None) -> Provider:
    """The token's provider; or, for a session, the provider the user works for."""
    token_provider = getattr(request, "card_provider", None)
    if token_provider is not None:
        if provider_id is not None and provider_id != token_provider.pk:
            raise PermissionDenied
        return token_provider
    qs = Provider.objects.select_related("scheme__network", "organisation").filter(
        scheme__staff__user=request.user,
        scheme__staff__role=StaffRole.PROVIDER,
        scheme__staff__organisation=F("organisation"),
    )
    if provider_id is not None:
        qs = qs.filter(pk=provider_id)
    providers = list(qs.distinct()[:2])
    if not providers:
        if provider_id is not None:
            raise ValidationError({"provider_id": _("You do not work for this provider.")})
        raise CardRefused(
            _("Your organisation is not a provider of this scheme, so it cannot record uses.")
        )
    if len(providers) > 1:
        raise ValidationError(
            {"provider_id": _("You work for several providers: give provider_id.")}
        )
    return providers[0]


def _via(request) -> str:
    token_id = getattr(request, "card_token_id", None)
    return f"api:token:{token_id}" if token_id else "api:session"


def _actor(request):
    return None if getattr(request, "card_token_id", None) else request.user


@router.get(
    "/card/offerings", response=Page[OfferingOut], auth=None, summary="Card offerings (public)"
)
def offering_list(request, params: Query[PageIn], filters: Query[OfferingFilter]):
    return paginated(selectors.offerings_public(filters.scheme_id), params, _offering_out)


@router.post(
    "/card/check",
    response={200: CheckOut, **ERRORS},
    auth=PROVIDER_AUTH,
    summary="Check a card code",
)
def card_check(request, payload: CheckIn):
    refusal = card_check_refusal(request)
    if refusal is not None:
        return refusal
    provider = _provider(request, payload.provider_id)
    result = redemption.card_check(
        actor=_actor(request), provider=provider, code=payload.code, via=_via(request)
    )
    if result.status == "malformed":
        raise ValidationError({"code": result.message})
    return {
        "status": result.status,
        "message": result.message,
        "valid_until": result.card.valid_until if result.card and result.is_valid else None,
    }


@router.post(
    "/card/redeem",
    response={200: UseOut, 201: UseOut, **ERRORS},
    auth=PROVIDER_AUTH,
    summary="Record a use of a card",
    description=(
        "Send an Idempotency-Key header (at most 80 characters): a redemption sent again "
        "with the same key answers 200 with the use recorded the first time."
    ),
)
def card_redeem(
    request,
    payload: RedeemIn,
    idempotency_key: str = Header("", alias="Idempotency-Key", max_length=80),
):
    refusal = card_check_refusal(request)
    if refusal is not None:
        return refusal
    provider = _provider(request, payload.provider_id)
    offering = Offering.objects.filter(pk=payload.offering_id, provider=provider).first()
    use, is_new = redemption.card_redeem(
        actor=_actor(request),
        provider=provider,
        code=payload.code,
        offering=offering,
        children=payload.children,
        adults=payload.adults,
        idempotency_key=idempotency_key,
        via=_via(request),
    )
    return Status(201 if is_new else 200, _use_out(use))


@router.post(
    "/card/undo",
    response={200: UseOut, **ERRORS},
    auth=PROVIDER_AUTH,
    summary="Undo a mistaken use (within the undo window)",
)
def use_undo(request, payload: UndoIn):
    provider = _provider(request, payload.provider_id)
    use = CardUse.objects.filter(pk=payload.use_id, provider=provider).first()
    if use is None:
        raise ValidationError({"use_id": _("Your organisation has recorded no such use.")})
    use = redemption.use_undo(actor=_actor(request), provider=provider, use=use)
    return _use_out(use)
