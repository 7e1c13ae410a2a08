from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from verso.core.forms import add_service_errors, posted
from verso.core.pagination import paginate
from verso.embedding import selectors, services
from verso.embedding.charts import score_line
from verso.embedding.checklist import network_checklist
from verso.embedding.forms import (
    CommunicationForm,
    ConfirmForm,
    RotationSettingsForm,
    StructureLinkForm,
)
from verso.embedding.models import ChecklistConfirmation, ChecklistItem, StructureLink
from verso.networks.access import Need, access_network_for, refused


def _ctx(access, **extra) -> dict:
    return {"access": access, "network": access.network, **extra}


@login_required
@require_GET
def checklist(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MEMBER)
    result = network_checklist(access.network)
    history = selectors.score_history(access.network)
    chart = score_line([(s.on.isoformat(), s.score) for s in history]) if len(history) > 1 else None
    return render(
        request,
        "embedding/checklist.html",
        _ctx(
            access,
            checklist=result,
            history=history,
            chart=chart,
            links=list(selectors.structure_links(access.network)),
            can_edit=access.level >= Need.COORDINATION,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_add(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    form = StructureLinkForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.structure_link_add(
                actor=request.user, network=access.network, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The link was recorded."))
            return redirect("embedding:checklist", network_id=access.network.pk)
    return render(request, "embedding/link_form.html", _ctx(access, form=form))


@login_required
@require_POST
def link_delete(request: HttpRequest, network_id: int, link_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    link = StructureLink.objects.filter(pk=link_id, network=access.network).first()
    if link is None:
        raise refused(request.user, Http404, "embedding.structurelink", link_id)
    services.structure_link_delete(actor=request.user, link=link)
    messages.success(request, _("The link was removed."))
    return redirect("embedding:checklist", network_id=access.network.pk)


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MANAGE)
    row = ChecklistConfirmation.objects.filter(
        network=access.network, item=ChecklistItem.DOCUMENTATION
    ).first()
    initial = {"confirmed": "yes" if row.confirmed else "no", "note": row.note} if row else {}
    form = ConfirmForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.checklist_confirm(
                actor=request.user,
                network=access.network,
                item=ChecklistItem.DOCUMENTATION,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your confirmation was saved."))
            return redirect("embedding:checklist", network_id=access.network.pk)
    return render(request, "embedding/confirm.html", _ctx(access, form=form))


@login_required
@require_GET
def communication(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MEMBER)
    page = paginate(request, selectors.communication_list(access.network), per_page=25)
    return render(
        request,
        "embedding/communication_list.html",
        _ctx(access, page=page, can_edit=access.level >= Need.COORDINATION),
    )


@login_required
@require_http_methods(["GET", "POST"])
def communication_add(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    form = CommunicationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.communication_add(
                actor=request.user, network=access.network, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The communication was recorded."))
            return redirect("embedding:communication", network_id=access.network.pk)
    return render(request, "embedding/communication_form.html", _ctx(access, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def rotation_settings(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MANAGE)
    most, months = selectors.rotation_thresholds(access.network)
    form = RotationSettingsForm(
        posted(request), initial={"max_responsibilities": most, "max_months": months}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rotation_settings_set(
                actor=request.user, network=access.network, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The thresholds were saved."))
            return redirect("embedding:rotation", network_id=access.network.pk)
    return render(request, "embedding/rotation_settings.html", _ctx(access, form=form))


@login_required
@require_GET
def rotation(request: HttpRequest, network_id: int) -> HttpResponse:
    from verso.embedding.rotation import network_rotation

    access = access_network_for(request.user, network_id, Need.MEMBER)
    return render(
        request,
        "embedding/rotation.html",
        _ctx(access, rotation=network_rotation(access.network)),
    )


MAP_LIST_MAX = 200  # rows of the organisations' table and the ties' list on a page
MAP_DRAWN_MAX = 1500  # ties drawn in the SVG (the strongest first)


def _map_ctx(result) -> dict:
    return {
        "map": result,
        "drawn_ties": result.ties[:MAP_DRAWN_MAX],
        "listed_nodes": result.nodes[:MAP_LIST_MAX],
        "listed_ties": result.ties[:MAP_LIST_MAX],
        "size": 600,
    }


@login_required
@require_GET
def network_map(request: HttpRequest, network_id: int) -> HttpResponse:
    from verso.embedding.netmap import network_map as build

    access = access_network_for(request.user, network_id, Need.MEMBER)
    return render(
        request,
        "embedding/map.html",
        _ctx(access, **_map_ctx(build(access.network)), installation=False),
    )


@login_required
@require_GET
def installation_map(request: HttpRequest) -> HttpResponse:
    """Every network of the installation, for the operator."""
    from django.core.exceptions import PermissionDenied

    from verso.embedding.netmap import network_map as build

    if not request.user.is_superuser:
        raise PermissionDenied
    return render(
        request, "embedding/map_all.html", {**_map_ctx(build(None)), "installation": True}
    )


@login_required
@require_GET
def handover(request: HttpRequest, network_id: int) -> HttpResponse:
    from verso.embedding.handover import handover_page

    access = access_network_for(request.user, network_id, Need.MANAGE)
    return render(request, "embedding/handover.html", _ctx(access, h=handover_page(access.network)))


@login_required
@require_GET
def handbook(request: HttpRequest, network_id: int) -> HttpResponse:
    from verso.embedding.handbook import network_handbook

    access = access_network_for(request.user, network_id, Need.MEMBER)
    return render(
        request,
        "embedding/handbook.html",
        _ctx(access, hb=network_handbook(access.network), can_write=access.can_manage),
    )


@login_required
@require_GET
def handbook_pdf(request: HttpRequest, network_id: int) -> HttpResponse:
    from django.template.loader import render_to_string
    from django.utils.text import slugify

    from verso.embedding.handbook import network_handbook
    from verso.plans.pdf import render_pdf

    access = access_network_for(request.user, network_id, Need.MEMBER)
    html = render_to_string(
        "embedding/handbook_print.html",
        _ctx(access, hb=network_handbook(access.network)),
        request,
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    name = slugify(access.network.name) or "handbook"
    response["Content-Disposition"] = f'inline; filename="{name}-handbook.pdf"'
    return response


@login_required
@require_GET
def handbook_markdown(request: HttpRequest, network_id: int) -> HttpResponse:
    from verso.embedding.handbook import handbook_markdown as as_markdown
    from verso.embedding.handbook import network_handbook

    access = access_network_for(request.user, network_id, Need.MEMBER)
    response = HttpResponse(
        as_markdown(network_handbook(access.network)), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="handbook.md"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def handbook_edit(request: HttpRequest, network_id: int, section: str) -> HttpResponse:
    from verso.embedding.forms import HandbookTextForm
    from verso.embedding.models import HandbookSection, HandbookText

    access = access_network_for(request.user, network_id, Need.MANAGE)
    if section not in HandbookSection.values:
        raise Http404
    row = HandbookText.objects.filter(network=access.network, section=section).first()
    form = HandbookTextForm(posted(request), initial={"text": row.text if row else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.handbook_text_set(
                actor=request.user,
                network=access.network,
                section=section,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The text was saved."))
            return redirect(
                reverse("embedding:handbook", args=[access.network.pk]) + f"#hb-{section}"
            )
    label = dict(HandbookSection.choices)[section]
    return render(
        request, "embedding/handbook_edit.html", _ctx(access, form=form, section_label=label)
    )
