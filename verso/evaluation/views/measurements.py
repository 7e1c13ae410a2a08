"""Validated instruments (imported by the operator) and start/end measurement paired by a
code the person keeps."""

import csv
import io
from io import BytesIO

import segno
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
from verso.core.ratelimit import ratelimit_post
from verso.evaluation import selectors, services
from verso.evaluation.views.common import _ctx, _lang
from verso.evaluation.views.feedback import _safe_cell
from verso.networks.access import Need, access_network_for

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
