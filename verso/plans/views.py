from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from verso.core.forms import add_service_errors, posted
from verso.core.pagination import paginate
from verso.networks.access import Need, access_network_for
from verso.plans import selectors, services
from verso.plans.access import access_line_for, access_plan_for, access_version_for
from verso.plans.forms import (
    BudgetLineForm,
    CommentForm,
    CompareForm,
    GapAcceptForm,
    GapWithdrawForm,
    IdeaTakeForm,
    PhaseForm,
    PlanForm,
)
from verso.plans.models import PlanVersion
from verso.plans.pdf import render_pdf


def _ctx(access, plan=None, **extra) -> dict:
    return {"access": access, "network": access.network, "plan": plan, **extra}


def _detail_url(network_id: int, plan_id: int, anchor: str = "") -> str:
    return reverse("plans:detail", args=[network_id, plan_id]) + anchor


def _plan_fields(form: PlanForm) -> dict:
    return {name: form.cleaned_data[name] for name in PlanForm.Meta.fields}


# Plans -----------------------------------------------------------------------------------------


@login_required
@require_GET
def plan_list(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MEMBER)
    page = paginate(request, selectors.plan_list(access.network))
    phase = selectors.network_phase_status(access.network)
    return render(request, "plans/plan_list.html", _ctx(access, page=page, phase=phase))


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    initial = {"target_groups": access.network.target_groups}
    form = PlanForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                actor=request.user, network=access.network, **_plan_fields(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan was created."))
            return redirect("plans:detail", network_id=access.network.pk, plan_id=plan.pk)
    return render(request, "plans/plan_form.html", _ctx(access, form=form, creating=True))


@login_required
@require_GET
def plan_detail(request: HttpRequest, network_id: int, plan_id: int) -> HttpResponse:
    access, plan = access_plan_for(request.user, network_id, plan_id, Need.MEMBER)
    page = selectors.plan_page(plan)
    can_edit = access.level >= Need.COORDINATION
    return render(request, "plans/plan_detail.html", _ctx(access, plan, p=page, can_edit=can_edit))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, network_id: int, plan_id: int) -> HttpResponse:
    access, plan = access_plan_for(request.user, network_id, plan_id, Need.COORDINATION)
    form = PlanForm(posted(request), instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, **_plan_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("plans:detail", network_id=access.network.pk, plan_id=plan.pk)
    return render(request, "plans/plan_form.html", _ctx(access, plan, form=form, creating=False))


# Budget lines ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def budget_line_add(request: HttpRequest, network_id: int, plan_id: int) -> HttpResponse:
    access, plan = access_plan_for(request.user, network_id, plan_id, Need.COORDINATION)
    form = BudgetLineForm(posted(request), network=access.network)
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_line_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget line was added."))
            return redirect(_detail_url(access.network.pk, plan.pk, "#budget"))
    return render(request, "plans/budget_line_form.html", _ctx(access, plan, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def budget_line_edit(
    request: HttpRequest, network_id: int, plan_id: int, line_id: int
) -> HttpResponse:
    access, plan, line = access_line_for(
        request.user, network_id, plan_id, line_id, Need.COORDINATION
    )
    initial = {
        "item": line.item,
        "amount": f"{line.amount:.2f}",
        "owner_organisation": line.owner_organisation,
        "owner_person": line.owner_person,
        "status": line.status,
        "funding_source": line.funding_source,
    }
    form = BudgetLineForm(posted(request), initial=initial, network=access.network)
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_line_update(actor=request.user, line=line, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget line was saved."))
            return redirect(_detail_url(access.network.pk, plan.pk, "#budget"))
    return render(request, "plans/budget_line_form.html", _ctx(access, plan, form=form, line=line))


@login_required
@require_POST
def budget_line_delete(
    request: HttpRequest, network_id: int, plan_id: int, line_id: int
) -> HttpResponse:
    access, plan, line = access_line_for(
        request.user, network_id, plan_id, line_id, Need.COORDINATION
    )
    services.budget_line_delete(actor=request.user, line=line)
    messages.success(request, _("The budget line was removed."))
    return redirect(_detail_url(access.network.pk, plan.pk, "#budget"))


@login_required
@require_http_methods(["GET", "POST"])
def plan_ideas(request: HttpRequest, network_id: int, plan_id: int) -> HttpResponse:
    access, plan = access_plan_for(request.user, network_id, plan_id, Need.COORDINATION)
    candidates = selectors.idea_candidates(plan)
    form = IdeaTakeForm(posted(request), candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_idea_take(actor=request.user, plan=plan, idea=form.cleaned_data["idea"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The idea was taken into the plan."))
            return redirect(_detail_url(access.network.pk, plan.pk, "#ideas-h"))
    return render(
        request,
        "plans/plan_ideas.html",
        _ctx(access, plan, form=form, has_candidates=candidates.exists()),
    )


# Readiness -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_readiness(request: HttpRequest, network_id: int, plan_id: int) -> HttpResponse:
    need = Need.MANAGE if request.method == "POST" else Need.MEMBER
    access, plan = access_plan_for(request.user, network_id, plan_id, need)
    form = None
    if request.method == "POST":
        withdraw = request.POST.get("action") == "withdraw"
        form = (GapWithdrawForm if withdraw else GapAcceptForm)(request.POST)
        if form.is_valid():
            try:
                if withdraw:
                    services.gap_accept_withdraw(
                        actor=request.user, plan=plan, gap=form.cleaned_data["gap"]
                    )
                else:
                    services.gap_accept(actor=request.user, plan=plan, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The acceptance was withdrawn.") if withdraw else _("The gap was accepted."),
                )
                return redirect("plans:readiness", network_id=access.network.pk, plan_id=plan.pk)
    readiness = selectors.plan_readiness(plan)
    return render(
        request,
        "plans/readiness.html",
        _ctx(access, plan, readiness=readiness, form=form, failed_gap=request.POST.get("gap")),
    )


# Versions --------------------------------------------------------------------------------------


@login_required
@require_GET
def version_list(request: HttpRequest, network_id: int, plan_id: int) -> HttpResponse:
    access, plan = access_plan_for(request.user, network_id, plan_id, Need.MEMBER)
    page = paginate(request, selectors.plan_versions(plan))
    return render(request, "plans/version_list.html", _ctx(access, plan, page=page))


@login_required
@require_http_methods(["GET", "POST"])
def version_detail(
    request: HttpRequest, network_id: int, plan_id: int, version_id: int
) -> HttpResponse:
    need = Need.COORDINATION if request.method == "POST" else Need.MEMBER
    access, plan, version = access_version_for(request.user, network_id, plan_id, version_id, need)
    form = CommentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.version_comment_add(
                actor=request.user, version=version, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment was saved."))
            return redirect(
                "plans:version",
                network_id=access.network.pk,
                plan_id=plan.pk,
                version_id=version.pk,
            )
    previous = (
        PlanVersion.objects.filter(plan=plan, number__lt=version.number).order_by("-number").first()
    )
    return render(
        request,
        "plans/version_detail.html",
        _ctx(
            access,
            plan,
            version=version,
            previous=previous,
            comments=selectors.version_comments(version),
            form=form,
            can_comment=access.level >= Need.COORDINATION,
            target_groups=selectors.target_group_labels(version.snapshot.get("target_groups", [])),
        ),
    )


@login_required
@require_GET
def version_compare(request: HttpRequest, network_id: int, plan_id: int) -> HttpResponse:
    access, plan = access_plan_for(request.user, network_id, plan_id, Need.MEMBER)
    form = CompareForm(request.GET or None)
    rows, left, right = [], None, None
    if form.is_valid():
        versions = {
            v.number: v
            for v in PlanVersion.objects.filter(
                plan=plan, number__in=[form.cleaned_data["a"], form.cleaned_data["b"]]
            ).select_related("author")
        }
        left, right = versions.get(form.cleaned_data["a"]), versions.get(form.cleaned_data["b"])
        if left is None or right is None:
            form.add_error(None, _("Choose two versions of this plan."))
        else:
            rows = selectors.compare_versions(left, right)
    return render(
        request,
        "plans/version_compare.html",
        _ctx(access, plan, form=form, rows=rows, left=left, right=right),
    )


# Print and PDF ---------------------------------------------------------------------------------


@login_required
@require_GET
def plan_print(request: HttpRequest, network_id: int, plan_id: int) -> HttpResponse:
    access, plan = access_plan_for(request.user, network_id, plan_id, Need.MEMBER)
    page = selectors.plan_page(plan)
    return render(request, "plans/plan_print.html", _ctx(access, plan, p=page, standalone=True))


@login_required
@require_GET
def plan_pdf(request: HttpRequest, network_id: int, plan_id: int) -> HttpResponse:
    access, plan = access_plan_for(request.user, network_id, plan_id, Need.MEMBER)
    page = selectors.plan_page(plan)
    html = render_to_string(
        "plans/plan_print.html", _ctx(access, plan, p=page, standalone=True, pdf=True), request
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    name = slugify(plan.title) or "plan"
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


# Phase -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def network_phase(request: HttpRequest, network_id: int) -> HttpResponse:
    need = Need.MANAGE if request.method == "POST" else Need.MEMBER
    access = access_network_for(request.user, network_id, need)
    status = selectors.network_phase_status(access.network)
    form = PhaseForm(posted(request), initial={"phase": status.next_phase or access.network.phase})
    if request.method == "POST" and form.is_valid():
        try:
            services.network_phase_set(
                actor=request.user, network=access.network, phase=form.cleaned_data["phase"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The network's phase was changed."))
            return redirect("plans:phase", network_id=access.network.pk)
    return render(request, "plans/phase.html", _ctx(access, status=status, form=form))
