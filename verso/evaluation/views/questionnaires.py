"""Questionnaires: templates per network and installation-wide, and their public answers."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from verso.core.forms import add_service_errors, posted
from verso.core.pagination import paginate
from verso.core.ratelimit import ratelimit_post
from verso.evaluation import selectors
from verso.evaluation.views.common import _ctx
from verso.networks.access import Need, access_network_for

# Questionnaires -----------------------------------------------------------------------------------


def _templates_for(network):
    from django.db.models import Q

    from verso.evaluation.models import Questionnaire

    return list(
        Questionnaire.objects.filter(is_template=True)
        .filter(Q(network=network) | Q(network__isnull=True))
        .order_by("network_id", "title")[:200]
    )


@login_required
@require_GET
def questionnaires(request: HttpRequest, network_id: int) -> HttpResponse:
    from verso.evaluation.models import Questionnaire

    access = access_network_for(request.user, network_id, Need.MEMBER)
    page = paginate(
        request, Questionnaire.objects.filter(network=access.network, is_template=False)
    )
    return render(
        request,
        "evaluation/questionnaires.html",
        _ctx(access, page=page, templates=_templates_for(access.network)),
    )


def _questionnaire_form(request, access, network, template_only: bool):
    from verso.evaluation.forms import QuestionnaireForm
    from verso.evaluation.questionnaires import questionnaire_create

    form = QuestionnaireForm(posted(request))
    if template_only:
        del form.fields["is_template"]
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = questionnaire_create(
                actor=request.user,
                network=network,
                title=form.cleaned_data["title"],
                intro=form.cleaned_data["intro"],
                questions=form.cleaned_data["questions"],
                is_template=template_only or form.cleaned_data.get("is_template", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The questionnaire is ready."))
            if network is None:
                return redirect("evaluation:instruments")
            return redirect(
                "evaluation:questionnaire",
                network_id=network.pk,
                questionnaire_id=questionnaire.pk,
            )
    return form


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_create(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    result = _questionnaire_form(request, access, access.network, template_only=False)
    if isinstance(result, HttpResponse):
        return result
    return render(
        request, "evaluation/questionnaire_form.html", _ctx(access, form=result, wide=False)
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_create(request: HttpRequest) -> HttpResponse:
    """An installation-wide template (the operator's)."""
    from django.core.exceptions import PermissionDenied

    if not request.user.is_superuser:
        raise PermissionDenied
    result = _questionnaire_form(request, None, None, template_only=True)
    if isinstance(result, HttpResponse):
        return result
    return render(request, "evaluation/questionnaire_form.html", {"form": result, "wide": True})


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_use_template(request: HttpRequest, network_id: int) -> HttpResponse:
    from verso.evaluation.forms import UseTemplateForm
    from verso.evaluation.questionnaires import questionnaire_from_template

    access = access_network_for(request.user, network_id, Need.COORDINATION)
    form = UseTemplateForm(posted(request), templates=_templates_for(access.network))
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = questionnaire_from_template(
                actor=request.user, network=access.network, template=form.cleaned_data["template"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The questionnaire is ready."))
            return redirect(
                "evaluation:questionnaire",
                network_id=access.network.pk,
                questionnaire_id=questionnaire.pk,
            )
    return render(request, "evaluation/use_template.html", _ctx(access, form=form))


@login_required
@require_GET
def questionnaire_detail(
    request: HttpRequest, network_id: int, questionnaire_id: int
) -> HttpResponse:
    from verso.evaluation.access import access_questionnaire_for
    from verso.evaluation.questionnaires import results as questionnaire_results

    access, questionnaire = access_questionnaire_for(
        request.user, network_id, questionnaire_id, Need.MEMBER
    )
    total, rows = questionnaire_results(questionnaire, with_texts=access.can_see_clients)
    url = request.build_absolute_uri(
        reverse("evaluation:questionnaire_answer", kwargs={"code": questionnaire.code})
    )
    return render(
        request,
        "evaluation/questionnaire.html",
        _ctx(
            access,
            questionnaire=questionnaire,
            total=total,
            rows=rows,
            min_group=selectors.min_group(),
            url=url,
            qr=segno.make(url, error="m").svg_data_uri(scale=6, border=4),
        ),
    )


@login_required
@require_POST
def questionnaire_open(
    request: HttpRequest, network_id: int, questionnaire_id: int
) -> HttpResponse:
    from verso.evaluation.access import access_questionnaire_for

    access, questionnaire = access_questionnaire_for(
        request.user, network_id, questionnaire_id, Need.COORDINATION
    )
    questionnaire.closed_at = None if request.POST.get("open") == "1" else timezone.now()
    questionnaire.save(update_fields=["closed_at", "updated_at"])
    return redirect(
        "evaluation:questionnaire", network_id=access.network.pk, questionnaire_id=questionnaire.pk
    )


@ratelimit_post("feedback_answer")
@require_http_methods(["GET", "POST"])
def questionnaire_answer(request: HttpRequest, code: str) -> HttpResponse:
    from verso.evaluation.access import public_questionnaire
    from verso.evaluation.forms import QuestionnaireAnswerForm
    from verso.evaluation.questionnaires import questionnaire_answer as store

    questionnaire = public_questionnaire(code)
    form = QuestionnaireAnswerForm(posted(request), questions=questionnaire.questions.all())
    if request.method == "POST" and questionnaire.is_open and form.is_valid():
        try:
            store(
                questionnaire=questionnaire,
                data=form.answers(),
                name=form.cleaned_data["name"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"answers": None})
        else:
            return redirect("evaluation:questionnaire_thanks", code=questionnaire.code)
    return render(
        request,
        "evaluation/questionnaire_answer.html",
        {"questionnaire": questionnaire, "form": form},
        status=409 if request.method == "POST" and not questionnaire.is_open else 200,
    )


@require_GET
def questionnaire_thanks(request: HttpRequest, code: str) -> HttpResponse:
    from verso.evaluation.access import public_questionnaire

    return render(
        request,
        "evaluation/questionnaire_thanks.html",
        {"questionnaire": public_questionnaire(code)},
    )
