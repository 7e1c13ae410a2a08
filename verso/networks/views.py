from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from verso.core.forms import add_service_errors, posted
from verso.core.pagination import paginate
from verso.networks import selectors, services
from verso.networks.access import (
    Need,
    access_membership_for,
    access_network_for,
    access_organisation_for,
    user_can_change_organisation,
    user_can_create_organisation,
)
from verso.networks.cache import TIMEOUT as CACHE_TIMEOUT
from verso.networks.cache import member_list_key
from verso.networks.forms import (
    HandoverForm,
    MemberAddForm,
    MemberFilterForm,
    MembershipEditForm,
    MembershipEndForm,
    NetworkCreateForm,
    NetworkEditForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from verso.networks.models import Organisation

# Networks ----------------------------------------------------------------------------------


@login_required
@require_GET
def network_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.network_list_for(request.user))
    levels = selectors.network_levels_for(request.user)
    # The superuser sees every network without a role in it: no "you coordinate" mark then.
    rows = [(network, levels.get(network.pk) == Need.MANAGE) for network in page]
    return render(request, "networks/network_list.html", {"page": page, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    form = NetworkCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        try:
            network = services.network_create(actor=request.user, organisation=organisation, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The network was created. You are its coordinator."))
            return redirect("networks:detail", network_id=network.pk)
    return render(request, "networks/network_form.html", {"form": form, "creating": True})


@login_required
@require_GET
def network_detail(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.CLIENT)
    dashboard = selectors.network_dashboard(access)
    return render(
        request,
        "networks/network_detail.html",
        {"access": access, "network": access.network, "d": dashboard},
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MANAGE)
    form = NetworkEditForm(posted(request), instance=access.network)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.network_update(actor=request.user, network=access.network, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The network's details were saved."))
            return redirect("networks:detail", network_id=access.network.pk)
    return render(
        request,
        "networks/network_form.html",
        {"form": form, "access": access, "network": access.network, "creating": False},
    )


# Members -----------------------------------------------------------------------------------


@login_required
@require_GET
def member_list(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MEMBER)
    filters = MemberFilterForm(request.GET or None, can_see_clients=access.can_see_clients)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    members = selectors.network_members_visible_to(
        access,
        role=cleaned.get("role", ""),
        sector=cleaned.get("sector", ""),
        q=cleaned.get("q", ""),
        include_ended=cleaned.get("include_ended", False),
    )
    # --- perf --- the results (count, rows, pages) are cached under the members' version,
    # keyed on what they depend on: the viewer's level, the query string, the day, the
    # language (verso/networks/cache.py).
    key = member_list_key(access, request.GET.urlencode())
    results = cache.get(key)
    if results is None:
        page = paginate(request, members)
        rows = [(m, selectors.visible_roles(access, m)) for m in page]
        results = get_template("networks/member_list.html#member-rows").render(
            {
                "access": access,
                "network": access.network,
                "page": page,
                "rows": rows,
                "request": request,
            }
        )
        cache.set(key, results, CACHE_TIMEOUT)
    context = {
        "access": access,
        "network": access.network,
        "filters": filters,
        "results": mark_safe(results),  # noqa: S308  # nosec B308 B703  # our own rendering
    }
    template = "networks/member_list.html"
    if request.htmx and request.htmx.target == "member-results":
        template += "#member-results"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MANAGE)
    form = MemberAddForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": request.user,
            "network": access.network,
            "roles": data["roles"],
            "organisation": data["organisation"],
            "starts_on": data["starts_on"],
        }
        try:
            if data["kind"] == MemberAddForm.HAS_ACCOUNT:
                membership = services.membership_add_account(
                    user=data["user"],
                    competences=data["competences"],
                    competence_tags=data["competence_tags"],
                    **common,
                )
            else:
                membership = services.membership_add_new_person(
                    display_name=data["display_name"],
                    email=data["email"],
                    phone=data["phone"],
                    competences=data["competences"],
                    competence_tags=data["competence_tags"],
                    contact_consent=data["contact_consent"],
                    **common,
                )
        except ValidationError as error:
            add_service_errors(
                form,
                error,
                {"person": "account_email" if data["kind"] == "account" else "display_name"},
            )
        else:
            messages.success(
                request,
                _("%(name)s was added to the network.") % {"name": membership.person.display_name},
            )
            return redirect("networks:members", network_id=access.network.pk)
    return render(
        request,
        "networks/member_add.html",
        {"form": form, "access": access, "network": access.network},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, network_id: int, membership_id: int) -> HttpResponse:
    access, membership = access_membership_for(request.user, network_id, membership_id, Need.MANAGE)
    current = [r.role for r in selectors.visible_roles(access, membership)]
    person = membership.person
    with_details = person.user_id is None
    initial = {
        "organisation": membership.organisation,
        "roles": [r for r in current if r != "coordinator"],
        "competences": person.competences,
        "competence_tags": ", ".join(person.competence_tags),
        "display_name": person.display_name,
        "email": person.email,
        "phone": person.phone,
    }
    form = MembershipEditForm(posted(request), initial=initial, with_details=with_details)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_change(
                actor=request.user,
                membership=membership,
                roles=data["roles"],
                organisation=data["organisation"],
                competences=data["competences"],
                competence_tags=data["competence_tags"],
                details=form.details(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("networks:members", network_id=access.network.pk)
    return render(
        request,
        "networks/member_edit.html",
        {
            "form": form,
            "access": access,
            "network": access.network,
            "membership": membership,
            "is_coordinator": "coordinator" in current,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_end(request: HttpRequest, network_id: int, membership_id: int) -> HttpResponse:
    access, membership = access_membership_for(request.user, network_id, membership_id, Need.MANAGE)
    form = MembershipEndForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                actor=request.user, membership=membership, ends_on=form.cleaned_data["ends_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The membership of %(name)s was ended.")
                % {"name": membership.person.display_name},
            )
            return redirect("networks:members", network_id=access.network.pk)
    return render(
        request,
        "networks/member_end.html",
        {"form": form, "access": access, "network": access.network, "membership": membership},
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_handover(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MANAGE)
    candidates = selectors.network_handover_candidates(access.network)
    form = HandoverForm(posted(request), candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.network_handover(
                actor=request.user,
                network=access.network,
                to=form.cleaned_data["to"],
                keep_previous_in_group=form.cleaned_data["keep_previous_in_group"],
                extra=form.extra(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is now the coordinator.") % {"name": new.person.display_name}
            )
            return redirect("networks:detail", network_id=access.network.pk)
    coordinator = services.network_coordinator(access.network)
    return render(
        request,
        "networks/handover.html",
        {"form": form, "access": access, "network": access.network, "coordinator": coordinator},
    )


@login_required
@require_GET
def network_audit(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MANAGE)
    page = paginate(request, selectors.network_audit_entries(access.network), per_page=50)
    return render(
        request,
        "networks/audit_list.html",
        {"access": access, "network": access.network, "page": page},
    )


# Organisations -----------------------------------------------------------------------------


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    filters = OrganisationFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    page = paginate(
        request,
        selectors.organisation_list(sector=cleaned.get("sector", ""), q=cleaned.get("q", "")),
    )
    return render(
        request,
        "networks/organisation_list.html",
        {
            "page": page,
            "filters": filters,
            "can_create": user_can_create_organisation(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not user_can_create_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("networks:organisation", organisation_id=organisation.pk)
    return render(request, "networks/organisation_form.html", {"form": form, "creating": True})


@login_required
@require_GET
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation_for(request.user, organisation_id)
    networks = selectors.organisation_networks_visible_to(request.user, organisation)
    units = Organisation.objects.filter(parent=organisation).order_by("name")
    can_edit = user_can_change_organisation(request.user, organisation)
    return render(
        request,
        "networks/organisation_detail.html",
        {"organisation": organisation, "networks": networks, "units": units, "can_edit": can_edit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation_for(request.user, organisation_id, change=True)
    form = OrganisationForm(posted(request), instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("networks:organisation", organisation_id=organisation.pk)
    return render(
        request,
        "networks/organisation_form.html",
        {"form": form, "creating": False, "organisation": organisation},
    )
