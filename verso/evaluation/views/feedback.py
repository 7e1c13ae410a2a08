"""Feedback: the public form (phone first, no sign-in), the network's feedback and results,
paper answers, personal links, exports and the coordination group's evaluations."""

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
from django.utils import timezone
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
from verso.evaluation.views.common import _ctx, _lang, short_link
from verso.networks.access import Need, access_network_for

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
