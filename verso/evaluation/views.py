"""Pages of the evaluation app: the public feedback form (phone first, no sign-in), the
network's feedback and results, paper answers, personal links, exports and the
coordination group's evaluations."""

import csv
import io
from io import BytesIO

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from verso.core.forms import add_service_errors, posted
from verso.core.pagination import paginate
from verso.core.ratelimit import ratelimit_post
from verso.evaluation import selectors, services
from verso.evaluation.access import (
    access_evaluation_for,
    access_link_for,
    public_link,
    public_token,
)
from verso.evaluation.forms import (
    AnswerForm,
    EvaluationForm,
    LinkForm,
    PaperAnswerForm,
    TokensForm,
)
from verso.evaluation.models import FeedbackToken
from verso.networks.access import Need, access_network_for

SESSION_ANSWERED = "evaluation_answered"


def _lang() -> str:
    return (translation.get_language() or "fi")[:2]


def _ctx(access, **extra) -> dict:
    return {"access": access, "network": access.network, **extra}


def short_link(request, link) -> str:
    return request.build_absolute_uri(reverse("evaluation:answer", kwargs={"code": link.code}))


# Public -------------------------------------------------------------------------------------


def _answer(request: HttpRequest, link, token_row=None) -> HttpResponse:
    form = AnswerForm(posted(request))
    closed = not link.is_open
    refused = ""
    if token_row is not None and token_row.used_at is not None:
        refused = _("This link has already been used to answer. Thank you!")
    elif token_row is None and link.one_per_link:
        refused = _("Answer through the personal link you were given.")
    if request.method == "POST" and not closed and not refused and form.is_valid():
        try:
            services.answer_submit(
                link=link,
                token=token_row.token if token_row is not None else None,
                language=_lang(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("evaluation:thanks", code=link.code)
    status = 200
    if request.method == "POST" and (closed or refused):
        status = 409
    return render(
        request,
        "evaluation/answer.html",
        {"link": link, "form": form, "closed": closed, "refused": refused},
        status=status,
    )


@ratelimit_post("feedback_answer")
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, code: str) -> HttpResponse:
    return _answer(request, public_link(code))


@ratelimit_post("feedback_answer")
@require_http_methods(["GET", "POST"])
def answer_token(request: HttpRequest, code: str, token: str) -> HttpResponse:
    link, row = public_token(code, token)
    return _answer(request, link, row)


@require_GET
def thanks(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "evaluation/thanks.html", {"link": public_link(code)})


# The network's feedback and results ---------------------------------------------------------


@login_required
@require_GET
def index(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MEMBER)
    page = paginate(request, selectors.links_for_network(access.network))
    rows = [(link, selectors.results_from(link.__dict__)) for link in page.object_list]
    evaluations = list(selectors.evaluations_for_network(access.network)[:10])
    from verso.evaluation.models import Measurement

    measurements = list(
        Measurement.objects.filter(network=access.network).select_related("instrument")[:10]
    )
    return render(
        request,
        "evaluation/index.html",
        _ctx(
            access,
            page=page,
            rows=rows,
            results=selectors.network_results(access.network),
            evaluations=evaluations,
            measurements=measurements,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_create(request: HttpRequest, network_id: int) -> HttpResponse:
    from verso.events.models import Activity
    from verso.meetings.models import Meeting

    access = access_network_for(request.user, network_id, Need.COORDINATION)
    activities = list(Activity.objects.filter(network=access.network).order_by("-starts_at")[:200])
    meetings = list(Meeting.objects.filter(network=access.network).order_by("-starts_at")[:200])
    initial = {}
    if request.GET.get("activity", "").isdigit():
        initial["target"] = "a" + request.GET["activity"]
    form = LinkForm(posted(request), initial=initial, activities=activities, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.link_create(
                actor=request.user,
                network=access.network,
                activity=form.cleaned_data["activity"],
                meeting=form.cleaned_data["meeting"],
                one_per_link=form.cleaned_data["one_per_link"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The feedback link is ready."))
            return redirect("evaluation:results", network_id=access.network.pk, link_id=link.pk)
    return render(request, "evaluation/link_form.html", _ctx(access, form=form))


@login_required
@require_GET
def results(request: HttpRequest, network_id: int, link_id: int) -> HttpResponse:
    access, link = access_link_for(request.user, network_id, link_id, Need.MEMBER)
    res = selectors.link_results(link)
    texts = selectors.free_texts(link) if access.can_see_clients and res.shown else []
    return render(
        request,
        "evaluation/results.html",
        _ctx(access, link=link, results=res, texts=texts, url=short_link(request, link)),
    )


@login_required
@require_GET
def show(request: HttpRequest, network_id: int, link_id: int) -> HttpResponse:
    """The page to show at the activity: a large QR code and the short link."""
    access, link = access_link_for(request.user, network_id, link_id, Need.COORDINATION)
    url = short_link(request, link)
    qr = segno.make(url, error="m").svg_data_uri(scale=10, border=4)
    return render(request, "evaluation/show.html", _ctx(access, link=link, url=url, qr=qr))


@login_required
@require_GET
def qr_png(request: HttpRequest, network_id: int, link_id: int) -> HttpResponse:
    access, link = access_link_for(request.user, network_id, link_id, Need.COORDINATION)
    out = BytesIO()
    segno.make(short_link(request, link), error="m").save(out, kind="png", scale=10, border=4)
    response = HttpResponse(out.getvalue(), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="feedback-{link.code}.png"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest, network_id: int, link_id: int) -> HttpResponse:
    access, link = access_link_for(request.user, network_id, link_id, Need.COORDINATION)
    form = PaperAnswerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_submit(
                link=link, on_paper=True, actor=request.user, language="", **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The paper answer is saved. Enter the next one."))
            return redirect("evaluation:paper", network_id=access.network.pk, link_id=link.pk)
    return render(request, "evaluation/paper.html", _ctx(access, link=link, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest, network_id: int, link_id: int) -> HttpResponse:
    access, link = access_link_for(request.user, network_id, link_id, Need.COORDINATION)
    form = TokensForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.tokens_create(actor=request.user, link=link, count=form.cleaned_data["count"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The personal links are made."))
            return redirect("evaluation:tokens", network_id=access.network.pk, link_id=link.pk)
    page = paginate(
        request, FeedbackToken.objects.filter(link=link, used_at__isnull=True).order_by("id")
    )
    base = short_link(request, link)
    rows = [(t, f"{base}{t.token}/") for t in page.object_list]
    return render(
        request,
        "evaluation/tokens.html",
        _ctx(access, link=link, form=form, page=page, rows=rows),
    )


@login_required
@require_POST
def link_open(request: HttpRequest, network_id: int, link_id: int) -> HttpResponse:
    access, link = access_link_for(request.user, network_id, link_id, Need.COORDINATION)
    is_open = request.POST.get("open") == "1"
    services.link_set_open(actor=request.user, link=link, is_open=is_open)
    messages.success(
        request, _("The feedback is open.") if is_open else _("The feedback is closed.")
    )
    return redirect("evaluation:results", network_id=access.network.pk, link_id=link.pk)


# Exports --------------------------------------------------------------------------------------


def _table(res) -> list[list]:
    """The rows every export holds: suppressed cells say so, never a small count."""
    hidden = _("under %(n)s, not shown") % {"n": res.min_group}
    rows = [[_("Answer"), _("Answers"), _("Share (%)")]]
    if res.suppressed:
        rows.append([_("All answers"), hidden, ""])
        return rows
    for cell in res.cells:
        rows.append(
            [
                f"{cell.rating} {cell.label}",
                hidden if cell.count is None else cell.count,
                "" if cell.share is None else round(cell.share * 100, 1),
            ]
        )
    rows.append([_("All answers"), res.n, 100])
    rows.append([_("Mean (1–5)"), res.mean, ""])
    return rows


@login_required
@require_GET
def export(request: HttpRequest, network_id: int, link_id: int, fmt: str) -> HttpResponse:
    access, link = access_link_for(request.user, network_id, link_id, Need.COORDINATION)
    res = selectors.link_results(link)
    rows = _table(res)
    name = f"feedback-{link.pk}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([link.title])
        for row in rows:
            writer.writerow([_safe_cell(v) for v in row])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = _("Feedback")[:31]
        sheet.append([link.title])
        for row in rows:
            sheet.append([_safe_cell(v) for v in row])
        out = BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if fmt == "pdf":
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher

        html = render_to_string(
            "evaluation/report.html",
            {
                "link": link,
                "network": access.network,
                "results": res,
                "rows": rows,
                "now": timezone.now(),
            },
            request=request,
        )
        pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response
    raise Http404


def _safe_cell(value):
    """No formula in a spreadsheet cell from a title someone typed."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


# The coordination group's evaluations --------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_create(request: HttpRequest, network_id: int) -> HttpResponse:
    from verso.events.models import Activity
    from verso.meetings.models import Meeting
    from verso.meetings.services import network_people

    access = access_network_for(request.user, network_id, Need.COORDINATION)
    activities = list(Activity.objects.filter(network=access.network).order_by("-starts_at")[:200])
    meetings = list(Meeting.objects.filter(network=access.network).order_by("-starts_at")[:200])
    people = sorted(
        (m.person for m in network_people(access.network).values()),
        key=lambda p: p.display_name.lower(),
    )
    initial = {}
    if request.GET.get("activity", "").isdigit():
        initial["target"] = "a" + request.GET["activity"]
    form = EvaluationForm(
        posted(request),
        initial=initial,
        activities=activities,
        meetings=meetings,
        people=people,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = services.evaluation_create(
                actor=request.user,
                network=access.network,
                activity=data["activity"],
                meeting=data["meeting"],
                evaluated_on=data["evaluated_on"],
                goal_met=data["goal_met"],
                worked=data["worked"],
                did_not_work=data["did_not_work"],
                participants_said=data["participants_said"],
                decision=data["decision"],
                next_step=data["next_step"],
                owner_person=data["owner_person"],
                due_on=data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"owner": "owner", "activity": "target"})
        else:
            messages.success(request, _("The evaluation is in the network's record."))
            return redirect(
                "evaluation:evaluation",
                network_id=access.network.pk,
                evaluation_id=evaluation.pk,
            )
    return render(request, "evaluation/evaluation_form.html", _ctx(access, form=form))


@login_required
@require_GET
def evaluation_detail(request: HttpRequest, network_id: int, evaluation_id: int) -> HttpResponse:
    access, evaluation = access_evaluation_for(request.user, network_id, evaluation_id, Need.MEMBER)
    return render(request, "evaluation/evaluation_detail.html", _ctx(access, evaluation=evaluation))


# Instruments and pre/post measurement -----------------------------------------------------------

SESSION_CODE = "evaluation_pair_code"


@login_required
@require_GET
def instruments(request: HttpRequest) -> HttpResponse:
    from verso.evaluation.models import Instrument

    page = paginate(request, Instrument.objects.all())
    return render(request, "evaluation/instruments.html", {"page": page, "lang": _lang()})


@login_required
@require_GET
def instrument_detail(request: HttpRequest, instrument_id: int) -> HttpResponse:
    from verso.evaluation.access import instrument_by_id

    instrument = instrument_by_id(instrument_id)
    lang = _lang()
    items = [
        (item["key"], item["text"].get(lang) or item["text"]["fi"], item.get("reverse"))
        for item in instrument.items
    ]
    labels = instrument.scale_labels.get(lang) or instrument.scale_labels["fi"]
    return render(
        request,
        "evaluation/instrument_detail.html",
        {"instrument": instrument, "items": items, "labels": labels, "lang": lang},
    )


@login_required
@require_http_methods(["GET", "POST"])
def instrument_import(request: HttpRequest) -> HttpResponse:
    """The operator (superuser) imports an instrument definition file."""
    from django.core.exceptions import PermissionDenied

    from verso.evaluation.forms import InstrumentImportForm
    from verso.evaluation.instruments import InstrumentFileError, import_instrument

    if not request.user.is_superuser:
        raise PermissionDenied
    form = InstrumentImportForm(posted(request), request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if upload is not None:
            content, filename = upload.read(256 * 1024 + 1), upload.name
        else:
            content, filename = form.cleaned_data["text"], "pasted.yaml"
        try:
            instrument = import_instrument(actor=request.user, content=content, filename=filename)
        except InstrumentFileError as error:
            problems = error.problems
            form.add_error(
                "file" if upload is not None else "text",
                _("The file has %(n)s problem(s); nothing was imported.") % {"n": len(problems)},
            )
        else:
            messages.success(request, _("The instrument is imported."))
            return redirect("evaluation:instrument", instrument_id=instrument.pk)
    return render(
        request, "evaluation/instrument_import.html", {"form": form, "problems": problems}
    )


@login_required
@require_http_methods(["GET", "POST"])
def measurement_create(request: HttpRequest, network_id: int) -> HttpResponse:
    from verso.evaluation.forms import MeasurementForm
    from verso.evaluation.models import Instrument

    access = access_network_for(request.user, network_id, Need.COORDINATION)
    form = MeasurementForm(posted(request), instruments=list(Instrument.objects.all()[:200]))
    if request.method == "POST" and form.is_valid():
        try:
            measurement = services.measurement_create(
                actor=request.user,
                network=access.network,
                instrument=form.cleaned_data["instrument"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The measurement is ready."))
            return redirect(
                "evaluation:measurement",
                network_id=access.network.pk,
                measurement_id=measurement.pk,
            )
    return render(request, "evaluation/measurement_form.html", _ctx(access, form=form))


def measure_link(request, measurement) -> str:
    return request.build_absolute_uri(
        reverse("evaluation:measure_answer", kwargs={"code": measurement.code})
    )


@login_required
@require_GET
def measurement_detail(request: HttpRequest, network_id: int, measurement_id: int) -> HttpResponse:
    from verso.evaluation.access import access_measurement_for

    access, measurement = access_measurement_for(
        request.user, network_id, measurement_id, Need.MEMBER
    )
    url = measure_link(request, measurement)
    return render(
        request,
        "evaluation/measurement.html",
        _ctx(
            access,
            measurement=measurement,
            results=selectors.measurement_results(measurement),
            url=url,
            qr=segno.make(url, error="m").svg_data_uri(scale=6, border=4),
        ),
    )


def _prepost_rows(res) -> list[list]:
    hidden = _("under %(n)s, not shown") % {"n": res.min_group}

    def v(value):
        return hidden if value is None else value

    return [
        [_("Figure"), _("Value"), "n"],
        [_("Mean at the start (0–100)"), v(res.pre_mean), res.pre_n],
        [_("Mean at the end (0–100)"), v(res.post_mean), res.post_n],
        [_("Change of the pairs (points)"), v(res.change), res.pairs],
        [_("95% confidence interval, lower"), v(res.ci_low), res.pairs],
        [_("95% confidence interval, upper"), v(res.ci_high), res.pairs],
    ]


@login_required
@require_GET
def measurement_export(
    request: HttpRequest, network_id: int, measurement_id: int, fmt: str
) -> HttpResponse:
    from verso.evaluation.access import access_measurement_for

    access, measurement = access_measurement_for(
        request.user, network_id, measurement_id, Need.COORDINATION
    )
    rows = _prepost_rows(selectors.measurement_results(measurement))
    name = f"prepost-{measurement.pk}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([_safe_cell(measurement.title)])
        for row in rows:
            writer.writerow(row)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append([_safe_cell(measurement.title)])
        for row in rows:
            sheet.append(row)
        out = BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404


@login_required
@require_POST
def measurement_open(request: HttpRequest, network_id: int, measurement_id: int) -> HttpResponse:
    from verso.evaluation.access import access_measurement_for

    access, measurement = access_measurement_for(
        request.user, network_id, measurement_id, Need.COORDINATION
    )
    services.measurement_set_open(
        actor=request.user, measurement=measurement, is_open=request.POST.get("open") == "1"
    )
    return redirect(
        "evaluation:measurement", network_id=access.network.pk, measurement_id=measurement.pk
    )


@ratelimit_post("feedback_answer")
@require_http_methods(["GET", "POST"])
def measure_answer(request: HttpRequest, code: str) -> HttpResponse:
    from verso.evaluation.access import public_measurement
    from verso.evaluation.forms import InstrumentAnswerForm

    measurement = public_measurement(code)
    lang = _lang()
    form = InstrumentAnswerForm(posted(request), instrument=measurement.instrument, lang=lang)
    if request.method == "POST" and measurement.is_open and form.is_valid():
        try:
            _response, pair_code = services.instrument_answer(
                measurement=measurement,
                phase=form.cleaned_data["phase"],
                values=form.values(),
                code=form.cleaned_data["code"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"values": None})
        else:
            request.session[SESSION_CODE] = pair_code
            return redirect("evaluation:measure_done", code=measurement.code)
    return render(
        request,
        "evaluation/measure_answer.html",
        {
            "measurement": measurement,
            "form": form,
            "title": measurement.instrument.localized_title(lang),
            "status_closed": not measurement.is_open,
        },
        status=409 if request.method == "POST" and not measurement.is_open else 200,
    )


@require_GET
def measure_done(request: HttpRequest, code: str) -> HttpResponse:
    from verso.evaluation.access import public_measurement

    measurement = public_measurement(code)
    pair_code = request.session.pop(SESSION_CODE, "")
    return render(
        request,
        "evaluation/measure_done.html",
        {"measurement": measurement, "pair_code": pair_code},
    )


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
