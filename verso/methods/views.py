"""The methods library's pages: list with search, a method, adding and changing methods,
export and import as JSON, and which methods an activity or a training used."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from verso.core.forms import add_service_errors, posted
from verso.core.pagination import paginate
from verso.events.access import access_activity_for
from verso.meetings.access import access_meeting_for
from verso.meetings.choices import Kind as MeetingKind
from verso.methods import selectors, services, transfer
from verso.methods.access import access_method_for, can_edit_methods, require_editor
from verso.methods.forms import ImportForm, MethodFilterForm, MethodForm, UsesForm
from verso.methods.models import Method
from verso.networks.access import Need

PAGE_SIZE = 20


@login_required
@require_GET
def method_list(request: HttpRequest) -> HttpResponse:
    filters = MethodFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    qs = selectors.methods_search(
        data.get("q", ""), data.get("kind", ""), data.get("target_group", "")
    )
    page = paginate(request, qs, per_page=PAGE_SIZE)
    return render(
        request,
        "methods/method_list.html",
        {
            "filters": filters,
            "page": page,
            "can_edit": can_edit_methods(request.user),
            "lang": translation.get_language(),
            "full_text": selectors.full_text_search_available(),
        },
    )


@login_required
@require_GET
def method_detail(request: HttpRequest, method_id: int) -> HttpResponse:
    method = access_method_for(request.user, method_id)
    return render(
        request,
        "methods/method_detail.html",
        {
            "method": method,
            "lang": translation.get_language(),
            "can_edit": can_edit_methods(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def method_create(request: HttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = MethodForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            method = services.method_create(actor=request.user, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The method was added to the library."))
            return redirect("methods:detail", method_id=method.pk)
    return render(request, "methods/method_form.html", {"form": form, "method": None})


@login_required
@require_http_methods(["GET", "POST"])
def method_edit(request: HttpRequest, method_id: int) -> HttpResponse:
    method = access_method_for(request.user, method_id, change=True)
    form = MethodForm(posted(request), method=method)
    if request.method == "POST" and form.is_valid():
        try:
            services.method_update(actor=request.user, method=method, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The method was saved."))
            return redirect("methods:detail", method_id=method.pk)
    return render(request, "methods/method_form.html", {"form": form, "method": method})


def _ids(values) -> list[int]:
    ids = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if part.isdigit() and 0 < int(part) < 2**63:
                ids.append(int(part))
    return ids


@login_required
@require_GET
def method_export(request: HttpRequest) -> HttpResponse:
    """All methods, or those of ``?id=1&id=2`` (or ``?id=1,2``), as a JSON file."""
    qs = Method.objects.order_by("name", "id")
    if "id" in request.GET:
        qs = qs.filter(pk__in=_ids(request.GET.getlist("id")))
    document = transfer.export_document(qs)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="verso-methods.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def method_import(request: HttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = ImportForm(posted(request), request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > transfer.MAX_BYTES:
            form.add_error("file", _("The file is larger than 2 MB."))
        else:
            report = transfer.import_document(
                actor=request.user,
                raw=upload.read(),
                on_duplicate=form.cleaned_data["on_duplicate"],
            )
            if report.ok:
                messages.success(
                    request,
                    _("Imported: %(c)s added, %(u)s updated, %(s)s skipped.")
                    % {
                        "c": len(report.created),
                        "u": len(report.updated),
                        "s": len(report.skipped),
                    },
                )
    return render(request, "methods/method_import.html", {"form": form, "report": report})


def _uses(request, access, *, activity=None, meeting=None, back: str) -> HttpResponse:
    current = selectors.methods_of(activity=activity, meeting=meeting)
    form = UsesForm(
        posted(request),
        queryset=Method.objects.order_by("name", "id"),
        initial={"methods": current},
    )
    if request.method == "POST" and form.is_valid():
        services.uses_set(
            actor=request.user,
            network=access.network,
            methods=form.cleaned_data["methods"],
            activity=activity,
            meeting=meeting,
        )
        messages.success(request, _("The methods used were saved."))
        return redirect(back)
    return render(
        request,
        "methods/uses_form.html",
        {
            "access": access,
            "network": access.network,
            "form": form,
            "target": activity or meeting,
            "is_activity": activity is not None,
            "back": back,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_uses(request: HttpRequest, network_id: int, activity_id: int) -> HttpResponse:
    access, activity = access_activity_for(request.user, network_id, activity_id, Need.COORDINATION)
    back = reverse("events:manage", args=[access.network.pk, activity.pk])
    return _uses(request, access, activity=activity, back=back)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_uses(request: HttpRequest, network_id: int, meeting_id: int) -> HttpResponse:
    access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    if meeting.kind != MeetingKind.TRAINING:
        raise Http404  # methods are recorded for trainings
    back = reverse("meetings:detail", args=[access.network.pk, meeting.pk])
    return _uses(request, access, meeting=meeting, back=back)
