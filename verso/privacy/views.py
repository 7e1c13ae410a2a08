import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from verso.core.forms import add_service_errors, posted
from verso.networks.services import person_for_user, person_update_details
from verso.privacy import selectors, services
from verso.privacy.access import (
    access_subject_for,
    access_whole_subject_for,
    can_act_for_whole_person,
)
from verso.privacy.forms import (
    ConsentForm,
    ConsentOnBehalfForm,
    EraseOnBehalfForm,
    EraseSelfForm,
    MyDetailsForm,
)
from verso.privacy.models import Method


@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/notice.html",
        {"notice": services.privacy_notice_current(), "contact": settings.PRIVACY_CONTACT_EMAIL},
    )


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request, "privacy/accessibility.html", {"feedback": settings.ACCESSIBILITY_FEEDBACK_EMAIL}
    )


def _json_download(data: dict, name: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _apply_consent(request, form, person, network=None, method=Method.SELF) -> None:
    data = form.cleaned_data
    if data["action"] == ConsentForm.GIVE:
        services.consent_give(
            actor=request.user,
            person=person,
            purpose=data["purpose"],
            method=method,
            network=network,
        )
        messages.success(
            request,
            _("Your consent was recorded.")
            if method == Method.SELF
            else _("The consent was recorded."),
        )
    else:
        services.consent_withdraw(
            actor=request.user, person=person, purpose=data["purpose"], network=network
        )
        messages.success(request, _("The consent was withdrawn. It took effect at once."))


# The person's own data ------------------------------------------------------------------


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    person = person_for_user(request.user)
    data = services.person_export(actor=request.user, person=person)
    return render(
        request,
        "privacy/my_data.html",
        {
            "sections": selectors.export_sections(data),
            "consents": selectors.person_consents(person),
            "person": person,
        },
    )


@login_required
@require_GET
def my_data_json(request: HttpRequest) -> HttpResponse:
    person = person_for_user(request.user)
    return _json_download(
        services.person_export(actor=request.user, person=person), "verso-my-data.json"
    )


@login_required
@require_POST
def my_consent(request: HttpRequest) -> HttpResponse:
    form = ConsentForm(request.POST)
    if form.is_valid():
        _apply_consent(request, form, person_for_user(request.user))
    else:
        messages.error(request, _("The choice was not understood. Nothing was changed."))
    return redirect("privacy:my_data")


@login_required
@require_http_methods(["GET", "POST"])
def my_details(request: HttpRequest) -> HttpResponse:
    """Correct one's own name and phone number (the account's e-mail: the security page)."""
    person = person_for_user(request.user)
    form = MyDetailsForm(
        posted(request), initial={"display_name": person.display_name, "phone": person.phone}
    )
    if request.method == "POST" and form.is_valid():
        try:
            person_update_details(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your details were saved."))
            return redirect("privacy:my_data")
    return render(request, "privacy/my_details.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def my_erase(request: HttpRequest) -> HttpResponse:
    person = person_for_user(request.user)
    blockers = services.person_erasure_blockers(person)
    form = EraseSelfForm(posted(request), user=request.user)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            services.person_erase(actor=request.user, person=person, reason="self")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            logout(request)
            messages.success(request, _("Your data was erased and your account closed."))
            return redirect("core:home")
    return render(request, "privacy/erase.html", {"form": form, "blockers": blockers, "self": True})


# On a member's behalf (the coordinator) ------------------------------------------------


@login_required
@require_GET
def member_data(request: HttpRequest, network_id: int, membership_id: int) -> HttpResponse:
    access, membership = access_subject_for(request.user, network_id, membership_id)
    person = membership.person
    whole = can_act_for_whole_person(request.user, person)
    data = (
        services.person_export(actor=request.user, person=person, network=access.network)
        if whole
        else None
    )
    return render(
        request,
        "privacy/member_data.html",
        {
            "access": access,
            "network": access.network,
            "membership": membership,
            "person": person,
            "sections": selectors.export_sections(data) if data else [],
            "whole": whole,
            "consents": selectors.person_consents(person),
            "consent_form": ConsentOnBehalfForm(),
            "methods": Method.choices[1:],
        },
    )


@login_required
@require_GET
def member_data_json(request: HttpRequest, network_id: int, membership_id: int) -> HttpResponse:
    access, membership = access_whole_subject_for(request.user, network_id, membership_id)
    data = services.person_export(
        actor=request.user, person=membership.person, network=access.network
    )
    return _json_download(data, f"verso-person-{membership.person.pk}.json")


@login_required
@require_POST
def member_consent(request: HttpRequest, network_id: int, membership_id: int) -> HttpResponse:
    access, membership = access_subject_for(request.user, network_id, membership_id)
    form = ConsentOnBehalfForm(request.POST)
    if form.is_valid():
        _apply_consent(
            request,
            form,
            membership.person,
            access.network,
            form.cleaned_data["method"] or Method.ON_BEHALF,
        )
    else:
        messages.error(request, _("The choice was not understood. Nothing was changed."))
    return redirect(
        "privacy:member_data", network_id=access.network.pk, membership_id=membership.pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_erase(request: HttpRequest, network_id: int, membership_id: int) -> HttpResponse:
    access, membership = access_whole_subject_for(request.user, network_id, membership_id)
    person = membership.person
    blockers = services.person_erasure_blockers(person)
    form = EraseOnBehalfForm(posted(request))
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            services.person_erase(
                actor=request.user, person=person, network=access.network, reason="on_behalf"
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The person's data was erased."))
            return redirect("networks:members", network_id=access.network.pk)
    return render(
        request,
        "privacy/erase.html",
        {
            "form": form,
            "blockers": blockers,
            "self": False,
            "access": access,
            "network": access.network,
            "membership": membership,
        },
    )
