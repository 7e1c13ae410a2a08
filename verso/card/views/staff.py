"""The work of issuers and providers: issuing, revoking, checking and recording uses,
a provider's page with its offerings and API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from verso.card import redemption, selectors, services
from verso.card.access import (
    CardNeed,
    CardRefused,
    access_offering_for,
    access_provider_for,
    access_scheme_for,
    access_token_for,
    access_use_for,
)
from verso.card.forms import IssueForm, JoinForm, OfferingForm, RedeemForm, RevokeForm, TokenForm
from verso.card.limits import card_check_refusal
from verso.card.models import Provider
from verso.card.printing import qr_svg
from verso.card.views.common import shows_refusal
from verso.core.forms import add_service_errors, posted


def _issued_context(request, scheme, issued) -> dict:
    link = request.build_absolute_uri(reverse("card:holder", args=[issued.link_token]))
    return {
        "scheme": scheme,
        "issued": issued,
        "card": issued.card,
        "qr": qr_svg(issued.code),
        "holder_link": link,
        "pdf_link": reverse("card:holder_pdf", args=[issued.link_token]),
    }


@login_required
@require_http_methods(["GET", "POST"])
@shows_refusal
def issue(request: HttpRequest, scheme_id: int) -> HttpResponse:
    access = access_scheme_for(request.user, scheme_id, CardNeed.ISSUE)
    scheme = access.scheme
    units = scheme.units.select_related("organisation")
    if not access.is_admin:
        units = units.filter(pk__in=access.unit_ids)
    form = IssueForm(posted(request), units=units, asks_gender=scheme.asks_gender)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = redemption.card_issue(
                actor=request.user,
                scheme=scheme,
                unit=data["unit"],
                age_group=data["age_group"],
                gender=data.get("gender", ""),
                life_situation=data["life_situation"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The code exists in clear only in this answer and behind the holder's link.
            return render(request, "card/issued.html", _issued_context(request, scheme, issued))
    return render(request, "card/issue.html", {"form": form, "scheme": scheme})


@login_required
@require_http_methods(["GET", "POST"])
@shows_refusal
def revoke(request: HttpRequest, scheme_id: int) -> HttpResponse:
    access = access_scheme_for(request.user, scheme_id, CardNeed.ISSUE)
    scheme = access.scheme
    form = RevokeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        card = selectors.card_find(scheme, form.cleaned_data["reference"])
        if card is None:
            form.add_error("reference", _("No card of this scheme has this number."))
        else:
            try:
                issued = redemption.card_revoke(
                    actor=request.user, card=card, replace=form.cleaned_data["replace"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if issued is not None:
                    messages.success(
                        request,
                        _("Card %(old)s was revoked and a replacement issued.")
                        % {"old": card.reference},
                    )
                    return render(
                        request, "card/issued.html", _issued_context(request, scheme, issued)
                    )
                messages.success(request, _("Card %(old)s was revoked.") % {"old": card.reference})
                return redirect("card:scheme", scheme_id=scheme.pk)
    return render(request, "card/revoke.html", {"form": form, "scheme": scheme})


@login_required
@require_http_methods(["GET", "POST"])
@shows_refusal
def redeem(request: HttpRequest, scheme_id: int) -> HttpResponse:
    access = access_scheme_for(request.user, scheme_id, CardNeed.PROVIDE)
    scheme = access.scheme
    providers = Provider.objects.filter(pk__in=access.provider_ids).select_related(
        "organisation", "scheme__network"
    )
    form = RedeemForm(posted(request), providers=providers)
    result = None
    if request.method == "POST":
        refusal = card_check_refusal(request)
        if refusal is not None:
            return refusal
        if form.is_valid():
            data = form.cleaned_data
            provider = data["provider"]
            try:
                if data["action"] == RedeemForm.REDEEM:
                    use, is_new = redemption.card_redeem(
                        actor=request.user,
                        provider=provider,
                        code=data["code"],
                        offering=data["offering"],
                        children=data["children"],
                        adults=data["adults"],
                        idempotency_key=data["submission"],
                    )
                    messages.success(
                        request,
                        _("The use was recorded: %(offering)s, %(people)s people.")
                        % {"offering": use.offering.title, "people": use.people}
                        if is_new
                        else _("This use had already been recorded."),
                    )
                    return redirect("card:redeem", scheme_id=scheme.pk)
                result = redemption.card_check(
                    actor=request.user, provider=provider, code=data["code"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
    recent = [(p, selectors.provider_recent_uses(p)) for p in providers]
    return render(
        request,
        "card/redeem.html",
        {"form": form, "scheme": scheme, "result": result, "recent": recent},
    )


@login_required
@require_POST
@shows_refusal
def use_undo(request: HttpRequest, scheme_id: int, use_id: int) -> HttpResponse:
    access = access_scheme_for(request.user, scheme_id, CardNeed.PROVIDE)
    use = access_use_for(request.user, use_id, access.provider_ids)
    try:
        redemption.use_undo(actor=request.user, provider=use.provider, use=use)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The use was undone."))
    return redirect("card:redeem", scheme_id=access.scheme.pk)


# A provider's page ------------------------------------------------------------------------------


def _provider_context(access, provider, **extra) -> dict:
    current = services.terms_current(provider.scheme)
    return {
        "access": access,
        "scheme": provider.scheme,
        "provider": provider,
        "is_staff": provider.pk in access.provider_ids,
        "terms": current,
        "needs_acceptance": current is not None
        and (provider.accepted_terms_id is None or provider.accepted_terms_id != current.pk),
        "offerings": selectors.provider_offerings(provider),
        "tokens": provider.tokens.all()[:50],
        **extra,
    }


@login_required
@require_GET
def provider_detail(request: HttpRequest, provider_id: int) -> HttpResponse:
    access, provider = access_provider_for(request.user, provider_id)
    return render(request, "card/provider_detail.html", _provider_context(access, provider))


@login_required
@require_http_methods(["GET", "POST"])
@shows_refusal
def provider_join(request: HttpRequest, provider_id: int) -> HttpResponse:
    access, provider = access_provider_for(request.user, provider_id)
    if provider.pk not in access.provider_ids:
        raise CardRefused(_("Only the provider's own staff accept the terms for it."))
    current = services.terms_current(provider.scheme)
    form = JoinForm(
        posted(request),
        provider=provider,
        initial={
            "terms_version": current.version if current else None,
            "adult_companion_allowed": provider.adult_companion_allowed,
            "contact": provider.contact_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.provider_join(
                actor=request.user,
                provider=provider,
                terms_version=data["terms_version"],
                contact=data["contact"],
                adult_companion_allowed=data["adult_companion_allowed"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The terms were accepted. Welcome to the scheme!"))
            return redirect("card:provider", provider_id=provider.pk)
    return render(
        request,
        "card/provider_join.html",
        {"form": form, "provider": provider, "scheme": provider.scheme, "terms": current},
    )


@login_required
@require_http_methods(["GET", "POST"])
def offering_create(request: HttpRequest, provider_id: int) -> HttpResponse:
    access, provider = access_provider_for(request.user, provider_id)
    form = OfferingForm(posted(request), places=selectors.scheme_places(provider.scheme))
    if request.method == "POST" and form.is_valid():
        try:
            offering = services.offering_create(
                actor=request.user, provider=provider, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The offering was added."))
            return redirect("card:offering", offering_id=offering.pk)
    return render(
        request,
        "card/offering_form.html",
        {"form": form, "provider": provider, "scheme": provider.scheme},
    )


@login_required
@require_http_methods(["GET", "POST"])
def offering_edit(request: HttpRequest, offering_id: int) -> HttpResponse:
    access, offering = access_offering_for(request.user, offering_id)
    form = OfferingForm(
        posted(request), instance=offering, places=selectors.scheme_places(offering.provider.scheme)
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in OfferingForm.Meta.fields}
        try:
            services.offering_update(actor=request.user, offering=offering, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The offering was saved."))
            return redirect("card:provider", provider_id=offering.provider_id)
    return render(
        request,
        "card/offering_form.html",
        {
            "form": form,
            "provider": offering.provider,
            "scheme": offering.provider.scheme,
            "offering": offering,
        },
    )


@login_required
@require_POST
@shows_refusal
def token_create(request: HttpRequest, provider_id: int) -> HttpResponse:
    access, provider = access_provider_for(request.user, provider_id)
    if provider.pk not in access.provider_ids:
        raise CardRefused(_("Only the provider's own staff make API tokens for it."))
    form = TokenForm(request.POST)
    key = None
    if form.is_valid():
        try:
            _token, key = services.provider_token_create(
                actor=request.user, provider=provider, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "card/provider_detail.html",
        _provider_context(access, provider, form=form, new_key=key),
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    provider, token = access_token_for(request.user, token_id)
    services.provider_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token was revoked. It no longer works."))
    return redirect("card:provider", provider_id=provider.pk)
