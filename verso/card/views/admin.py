"""The scheme's administration: the scheme, its terms, units, providers, staff, statistics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from verso.card import selectors, services, stats
from verso.card.access import CardNeed, access_scheme_for, user_can_create_scheme
from verso.card.forms import (
    OrganisationChoiceForm,
    ProviderAddForm,
    SchemeCreateForm,
    SchemeForm,
    StaffAddForm,
    StaffEndForm,
    TermsForm,
)
from verso.card.views.common import shows_refusal
from verso.core.audit import audit_record
from verso.core.forms import add_service_errors, posted
from verso.networks.access import Need, user_levels
from verso.networks.models import Network


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    schemes = list(selectors.scheme_list_for(request.user)[:100])
    roles = selectors.staff_roles_by_scheme(request.user, [s.pk for s in schemes])
    rows = [(scheme, roles.get(scheme.pk, [])) for scheme in schemes]
    return render(
        request,
        "card/home.html",
        {"rows": rows, "can_create": user_can_create_scheme(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def scheme_create(request: HttpRequest) -> HttpResponse:
    if not user_can_create_scheme(request.user):
        raise PermissionDenied
    if request.user.is_superuser:
        networks = Network.objects.order_by("name")
    else:
        managed = [nid for nid, lvl in user_levels(request.user).items() if lvl >= Need.MANAGE]
        networks = Network.objects.filter(pk__in=managed).order_by("name")
    form = SchemeCreateForm(
        posted(request), networks=networks, installation_wide=request.user.is_superuser
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            scheme = services.scheme_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The card scheme was created."))
            return redirect("card:scheme", scheme_id=scheme.pk)
    return render(request, "card/scheme_form.html", {"form": form, "creating": True})


@login_required
@require_GET
def scheme_detail(request: HttpRequest, scheme_id: int) -> HttpResponse:
    access = access_scheme_for(request.user, scheme_id, CardNeed.ANY)
    scheme = access.scheme
    context = {
        "access": access,
        "scheme": scheme,
        "terms": services.terms_current(scheme),
        "units": selectors.scheme_units(scheme),
        "providers": selectors.scheme_providers(scheme),
        "staff": selectors.scheme_staff(scheme) if access.is_admin else None,
    }
    return render(request, "card/scheme_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def scheme_edit(request: HttpRequest, scheme_id: int) -> HttpResponse:
    access = access_scheme_for(request.user, scheme_id, CardNeed.ADMIN)
    form = SchemeForm(posted(request), instance=access.scheme)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in SchemeForm.Meta.fields}
        try:
            services.scheme_update(actor=request.user, scheme=access.scheme, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The scheme's details were saved."))
            return redirect("card:scheme", scheme_id=access.scheme.pk)
    return render(
        request,
        "card/scheme_form.html",
        {"form": form, "scheme": access.scheme, "creating": False},
    )


def _admin_form_view(request, scheme_id, form_class, perform, title, success):
    access = access_scheme_for(request.user, scheme_id, CardNeed.ADMIN)
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            perform(access.scheme, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("card:scheme", scheme_id=access.scheme.pk)
    return render(
        request,
        "card/scheme_part_form.html",
        {"form": form, "scheme": access.scheme, "title": title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def terms_publish(request: HttpRequest, scheme_id: int) -> HttpResponse:
    return _admin_form_view(
        request,
        scheme_id,
        TermsForm,
        lambda scheme, data: services.terms_publish(
            actor=request.user, scheme=scheme, text=data["text"]
        ),
        _("Publish a new version of the terms"),
        _("The new version of the terms was published. Providers accept it on their page."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_add(request: HttpRequest, scheme_id: int) -> HttpResponse:
    return _admin_form_view(
        request,
        scheme_id,
        OrganisationChoiceForm,
        lambda scheme, data: services.issuing_unit_add(
            actor=request.user, scheme=scheme, organisation=data["organisation"]
        ),
        _("Add an issuing unit"),
        _("The issuing unit was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def provider_add(request: HttpRequest, scheme_id: int) -> HttpResponse:
    return _admin_form_view(
        request,
        scheme_id,
        ProviderAddForm,
        lambda scheme, data: services.provider_add(
            actor=request.user,
            scheme=scheme,
            organisation=data["organisation"],
            adult_companion_allowed=data["adult_companion_allowed"],
        ),
        _("Add a provider"),
        _("The provider was added. Its staff accept the terms on the provider's page."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_add(request: HttpRequest, scheme_id: int) -> HttpResponse:
    access = access_scheme_for(request.user, scheme_id, CardNeed.ADMIN)
    form = StaffAddForm(posted(request), scheme=access.scheme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.staff_add(
                actor=request.user,
                scheme=access.scheme,
                user=data["user"],
                organisation=data["organisation"],
                role=data["role"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The role was given."))
            return redirect("card:scheme", scheme_id=access.scheme.pk)
    return render(
        request,
        "card/scheme_part_form.html",
        {"form": form, "scheme": access.scheme, "title": _("Give a role in the scheme")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_end(request: HttpRequest, scheme_id: int, staff_id: int) -> HttpResponse:
    """End a role in the scheme, after a confirmation (the scheme's administrators)."""
    access = access_scheme_for(request.user, scheme_id, CardNeed.ADMIN)
    staff = get_object_or_404(
        access.scheme.staff.select_related("user", "organisation"), pk=_id_or_404(staff_id)
    )
    form = StaffEndForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_remove(actor=request.user, staff=staff)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The role of %(email)s ended.") % {"email": staff.user.email},
            )
            return redirect("card:scheme", scheme_id=access.scheme.pk)
    return render(
        request, "card/staff_end.html", {"form": form, "scheme": access.scheme, "staff": staff}
    )


def _id_or_404(value) -> int:
    if not 0 < int(value) < 2**63:
        raise Http404
    return int(value)


# Statistics -------------------------------------------------------------------------------------


@login_required
@require_GET
@shows_refusal
def statistics(request: HttpRequest, scheme_id: int) -> HttpResponse:
    access = access_scheme_for(request.user, scheme_id, CardNeed.ADMIN)
    tables = stats.scheme_statistics(access.scheme)
    by_month = next(t for t in tables if t.key == "month")
    context = {
        "access": access,
        "scheme": access.scheme,
        "tables": tables,
        "chart": stats.bar_chart_svg(by_month),
        "chart_table": by_month,
        "suppress_below": stats.SUPPRESS_BELOW,
    }
    return render(request, "card/statistics.html", context)


@login_required
@require_GET
def statistics_export(request: HttpRequest, scheme_id: int, fmt: str) -> HttpResponse:
    access = access_scheme_for(request.user, scheme_id, CardNeed.ADMIN)
    tables = stats.scheme_statistics(access.scheme)
    audit_record(
        actor=request.user,
        action="card.statistics_export",
        network=access.scheme.network,
        target=access.scheme,
        summary=fmt,
    )
    if fmt == "xlsx":
        response = HttpResponse(
            stats.statistics_xlsx(tables),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            stats.statistics_csv(tables), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = (
        f'attachment; filename="card-statistics-{access.scheme.pk}.{fmt}"'
    )
    return response
