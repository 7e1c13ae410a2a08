"""A network's idea calls: create, edit, and the page to print with the short link and QR."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from verso.core.forms import add_service_errors, posted
from verso.ideas import selectors, services
from verso.ideas.access import access_idea_call_for
from verso.ideas.forms import IdeaCallForm
from verso.ideas.views.public import call_short_link
from verso.networks.access import Need, access_network_for


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    form = IdeaCallForm(posted(request), initial={"target_groups": access.network.target_groups})
    if request.method == "POST" and form.is_valid():
        try:
            call = services.idea_call_create(
                actor=request.user, network=access.network, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The idea call was opened."))
            return redirect("ideas:call_detail", network_id=access.network.pk, call_id=call.pk)
    return render(
        request,
        "ideas/call_form.html",
        {"access": access, "network": access.network, "form": form, "creating": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, network_id: int, call_id: int) -> HttpResponse:
    access, call = access_idea_call_for(request.user, network_id, call_id, Need.COORDINATION)
    initial = {f: getattr(call, f) for f in services.CALL_FIELDS}
    form = IdeaCallForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_call_update(actor=request.user, call=call, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The idea call was saved."))
            return redirect("ideas:call_detail", network_id=access.network.pk, call_id=call.pk)
    return render(
        request,
        "ideas/call_form.html",
        {"access": access, "network": access.network, "form": form, "call": call},
    )


@login_required
@require_GET
def call_detail(request: HttpRequest, network_id: int, call_id: int) -> HttpResponse:
    access, call = access_idea_call_for(request.user, network_id, call_id, Need.MEMBER)
    context = {
        "access": access,
        "network": access.network,
        "call": call,
        "short_link": call_short_link(request, call),
        "target_groups": selectors.target_group_labels(call.target_groups),
        "idea_count": selectors.ideas_for_network(access.network).filter(call=call).count(),
    }
    return render(request, "ideas/call_detail.html", context)
