"""Organisers' pages inside a network: activities, places, participants, attendance,
exports, outcomes and the exhibition's works."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from verso.core.forms import add_service_errors, posted
from verso.core.pagination import paginate
from verso.core.uploads import upload_response
from verso.events import selectors, services
from verso.events.access import (
    access_activity_for,
    access_place_for,
    access_signup_for,
    access_work_for,
)
from verso.events.forms import (
    ActivityForm,
    AttendanceForm,
    CurationForm,
    OutcomeForm,
    PlaceForm,
    WorkForm,
)
from verso.events.models import Activity, Place, Signup, SignupStatus
from verso.networks.access import Need, access_network_for
from verso.networks.models import Person

__all__ = [
    "activity_list",
    "activity_create",
    "activity_manage",
    "activity_edit",
    "participants",
    "participants_export",
    "attendance",
    "checkin",
    "outcome",
    "place_list",
    "place_create",
    "place_edit",
    "works",
    "work_submit",
    "work_curate",
    "work_image",
    "work_labels",
]


def _activity_form(access, data=None, instance=None) -> ActivityForm:
    network = access.network
    parents = Activity.objects.filter(network=network, parent__isnull=True)
    if instance is not None:
        parents = parents.exclude(pk=instance.pk)
    return ActivityForm(
        data,
        instance=instance,
        network=network,
        organisations=selectors.network_organisations(network),
        places=Place.objects.filter(network=network),
        parents=parents,
        plans=selectors.plans_for_network(network),
    )


def _ctx(access, **extra) -> dict:
    return {"access": access, "network": access.network, **extra}


# Activities ---------------------------------------------------------------------------------


@login_required
@require_GET
def activity_list(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MEMBER)
    page = paginate(request, selectors.activity_list_for_network(access.network))
    return render(request, "events/activity_list.html", _ctx(access, page=page))


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    form = _activity_form(access, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(
                actor=request.user,
                network=access.network,
                organisers=form.cleaned_data["organisers"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("events:manage", network_id=access.network.pk, activity_id=activity.pk)
    return render(request, "events/activity_form.html", _ctx(access, form=form, creating=True))


@login_required
@require_GET
def activity_manage(request: HttpRequest, network_id: int, activity_id: int) -> HttpResponse:
    access, activity = access_activity_for(request.user, network_id, activity_id, Need.COORDINATION)
    return render(
        request,
        "events/activity_manage.html",
        _ctx(access, activity=activity, counts=selectors.activity_counts(activity)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, network_id: int, activity_id: int) -> HttpResponse:
    access, activity = access_activity_for(request.user, network_id, activity_id, Need.COORDINATION)
    form = _activity_form(access, posted(request), instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                actor=request.user,
                activity=activity,
                organisers=form.cleaned_data["organisers"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("events:manage", network_id=access.network.pk, activity_id=activity.pk)
    return render(
        request,
        "events/activity_form.html",
        _ctx(access, form=form, activity=activity, creating=False),
    )


# Participants -------------------------------------------------------------------------------


@login_required
@require_GET
def participants(request: HttpRequest, network_id: int, activity_id: int) -> HttpResponse:
    access, activity = access_activity_for(request.user, network_id, activity_id, Need.COORDINATION)
    page = paginate(request, selectors.activity_participants(activity), per_page=100)
    return render(
        request,
        "events/participants.html",
        _ctx(access, activity=activity, page=page, counts=selectors.activity_counts(activity)),
    )


EXPORT_HEADER = [
    gettext_lazy("Name"),
    gettext_lazy("E-mail"),
    gettext_lazy("Phone"),
    gettext_lazy("How"),
    gettext_lazy("Status"),
    gettext_lazy("People"),
    gettext_lazy("Access needs"),
    gettext_lazy("Attended"),
]


def _export_rows(activity):
    for s in selectors.activity_participants(activity):
        yield [
            s.name,
            s.email,
            s.phone,
            s.get_kind_display(),
            s.get_status_display(),
            s.group_size,
            s.access_needs,
            "" if s.attended is None else (_("yes") if s.attended else _("no")),
        ]


def _safe_cell(value):
    """Spreadsheets run a cell that starts with = + - @ as a formula: quote it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@login_required
@require_GET
def participants_export(
    request: HttpRequest, network_id: int, activity_id: int, fmt: str
) -> HttpResponse:
    access, activity = access_activity_for(request.user, network_id, activity_id, Need.COORDINATION)
    header = [str(h) for h in EXPORT_HEADER]
    rows = [[_safe_cell(v) for v in row] for row in _export_rows(activity)]
    filename = f"participants-{activity.pk}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = _("Participants")[:31]
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    raise Http404


def _attended_value(raw: str) -> bool | None:
    return {"yes": True, "no": False}.get(raw)


@login_required
@require_POST
def attendance(
    request: HttpRequest, network_id: int, activity_id: int, signup_id: int
) -> HttpResponse:
    access, activity, signup = access_signup_for(request.user, network_id, activity_id, signup_id)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            services.signup_set_attendance(
                actor=request.user,
                signup=signup,
                attended=_attended_value(form.cleaned_data["attended"]),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose present, absent or not marked."))
    return redirect("events:participants", network_id=access.network.pk, activity_id=activity.pk)


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest, network_id: int, activity_id: int, token: str) -> HttpResponse:
    """What the organiser's phone opens when it scans a participant's QR code."""
    access, activity = access_activity_for(request.user, network_id, activity_id, Need.COORDINATION)
    signup = Signup.objects.filter(activity=activity, token=token).first()
    if signup is None:
        raise Http404
    if request.method == "POST":
        try:
            services.signup_set_attendance(actor=request.user, signup=signup, attended=True)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Marked present: %(name)s.") % {"name": signup.name})
        return redirect(
            "events:checkin", network_id=access.network.pk, activity_id=activity.pk, token=token
        )
    return render(
        request,
        "events/checkin.html",
        _ctx(
            access,
            activity=activity,
            signup=signup,
            confirmed=signup.status == SignupStatus.CONFIRMED,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, network_id: int, activity_id: int) -> HttpResponse:
    access, activity = access_activity_for(request.user, network_id, activity_id, Need.COORDINATION)
    counts = selectors.activity_counts(activity)
    initial = {
        "taking_part": activity.realised_taking_part
        if activity.realised_taking_part is not None
        else counts["present"] or counts["confirmed"],
        "following": activity.realised_following
        if activity.realised_following is not None
        else counts["following"],
        "unnamed_clients": activity.realised_unnamed_clients,
        "notes": activity.realised_notes,
    }
    form = OutcomeForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_record_outcome(
                actor=request.user, activity=activity, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("What was realised is recorded for the evaluation."))
            return redirect("events:manage", network_id=access.network.pk, activity_id=activity.pk)
    return render(
        request, "events/outcome.html", _ctx(access, activity=activity, form=form, counts=counts)
    )


# Places ----------------------------------------------------------------------------------------


@login_required
@require_GET
def place_list(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MEMBER)
    page = paginate(request, selectors.places_for_network(access.network))
    return render(request, "events/place_list.html", _ctx(access, page=page))


@login_required
@require_http_methods(["GET", "POST"])
def place_create(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    form = PlaceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.place_create(actor=request.user, network=access.network, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The place was saved."))
            return redirect("events:places", network_id=access.network.pk)
    return render(request, "events/place_form.html", _ctx(access, form=form, creating=True))


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request: HttpRequest, network_id: int, place_id: int) -> HttpResponse:
    access, place = access_place_for(request.user, network_id, place_id, Need.COORDINATION)
    form = PlaceForm(posted(request), instance=place)
    if request.method == "POST" and form.is_valid():
        try:
            services.place_update(actor=request.user, place=place, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The place was saved."))
            return redirect("events:places", network_id=access.network.pk)
    return render(
        request, "events/place_form.html", _ctx(access, form=form, place=place, creating=False)
    )


# Exhibition works -------------------------------------------------------------------------------


def _exhibition(request, network_id, activity_id, need):
    access, activity = access_activity_for(request.user, network_id, activity_id, need)
    if not activity.is_exhibition:
        raise Http404
    return access, activity


@login_required
@require_GET
def works(request: HttpRequest, network_id: int, activity_id: int) -> HttpResponse:
    access, activity = _exhibition(request, network_id, activity_id, Need.COORDINATION)
    rows = [
        (w, CurationForm(initial={"note": w.curation_note}))
        for w in selectors.works_for_curation(activity)
    ]
    return render(request, "events/works.html", _ctx(access, activity=activity, rows=rows))


def _network_people(network):
    return (
        Person.objects.filter(memberships__network=network, memberships__ends_on__isnull=True)
        .distinct()
        .order_by("display_name")
    )


@login_required
@require_http_methods(["GET", "POST"])
def work_submit(request: HttpRequest, network_id: int, activity_id: int) -> HttpResponse:
    access, activity = _exhibition(request, network_id, activity_id, Need.MEMBER)
    form = WorkForm(
        posted(request),
        request.FILES or None,
        communities=selectors.network_organisations(access.network),
        people=_network_people(access.network),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.work_submit(
                actor=request.user,
                activity=activity,
                community=data["community"],
                title=data["title"],
                alt_text=data["alt_text"],
                image=data["image"],
                creator=data["creator"],
                credit=data["credit"],
                credit_text=data["credit_text"],
                description=data["description"],
                people_shown=data["people_shown"],
                creator_consents=data["creator_consents"],
                people_shown_consent=data["people_shown_consent"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The work was sent for curation."))
            return redirect(
                "events:work_submit", network_id=access.network.pk, activity_id=activity.pk
            )
    return render(request, "events/work_form.html", _ctx(access, activity=activity, form=form))


@login_required
@require_POST
def work_curate(
    request: HttpRequest, network_id: int, activity_id: int, work_id: int
) -> HttpResponse:
    access, activity, work = access_work_for(
        request.user, network_id, activity_id, work_id, Need.COORDINATION
    )
    form = CurationForm(request.POST)
    if form.is_valid():
        try:
            services.work_curate(
                actor=request.user,
                work=work,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The decision was saved."))
    else:
        messages.error(request, _("Choose accept or decline."))
    return redirect("events:works", network_id=access.network.pk, activity_id=activity.pk)


@login_required
@require_GET
def work_image(
    request: HttpRequest, network_id: int, activity_id: int, work_id: int
) -> HttpResponse:
    _access, _activity, work = access_work_for(
        request.user, network_id, activity_id, work_id, Need.MEMBER
    )
    if not work.image:
        raise Http404
    return upload_response(work.image, download_name=f"work-{work.pk}.jpg")


@login_required
@require_GET
def work_labels(request: HttpRequest, network_id: int, activity_id: int) -> HttpResponse:
    access, activity = _exhibition(request, network_id, activity_id, Need.COORDINATION)
    return render(
        request,
        "events/work_labels.html",
        _ctx(access, activity=activity, works=list(selectors.gallery_works(activity))),
    )
