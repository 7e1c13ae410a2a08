"""The work between meetings: the task board, series, time polls, the network's mail
queue and the calendar feeds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from verso.core.audit import audit_record
from verso.core.forms import add_service_errors, posted
from verso.core.pagination import paginate
from verso.meetings import calendar as ics
from verso.meetings import scheduling, selectors, services
from verso.meetings.access import (
    access_item_for,
    access_mail_for,
    access_poll_for,
    access_series_for,
    can_change_item,
)
from verso.meetings.choices import ItemStatus, MailStatus, PollStatus
from verso.meetings.forms import (
    ActionItemForm,
    BoardFilterForm,
    ItemStatusForm,
    PollCloseForm,
    PollForm,
    SeriesForm,
    VoteForm,
)
from verso.meetings.mail import mail_resend as resend_service
from verso.meetings.models import CalendarFeed, Meeting, OutgoingMail
from verso.networks.access import Need, access_network_for, user_levels


def _ctx(access, tab="meetings", **extra) -> dict:
    return {"access": access, "network": access.network, "tab": tab, **extra}


# Task board --------------------------------------------------------------------------------


@login_required
@require_GET
def task_board(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MEMBER)
    filters = BoardFilterForm(
        request.GET or None, network=access.network, with_clients=access.can_see_clients
    )
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    rows = selectors.board(
        access.network,
        status=cleaned.get("status", ""),
        person_id=getattr(cleaned.get("person"), "pk", None),
        organisation_id=getattr(cleaned.get("organisation"), "pk", None),
        overdue=cleaned.get("overdue", False),
    )
    page = paginate(request, rows)
    return render(
        request,
        "meetings/task_board.html",
        _ctx(
            access,
            "tasks",
            filters=filters,
            page=page,
            rows=[
                (item, can_change_item(access, item))
                for item in selectors.mask_clients(access, page)
            ],
            overdue=selectors.overdue_count(access.network),
            statuses=ItemStatus.choices,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    form = ActionItemForm(posted(request), network=access.network)
    meeting = None
    meeting_id = request.GET.get("meeting") or request.POST.get("meeting")
    if meeting_id:
        try:
            meeting = Meeting.objects.get(pk=int(meeting_id), network=access.network)
        except (Meeting.DoesNotExist, TypeError, ValueError, OverflowError):
            raise Http404 from None
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_create(
                actor=request.user,
                network=access.network,
                meeting=meeting,
                title=form.cleaned_data["title"],
                due_on=form.cleaned_data["due_on"],
                **form.owner_objects(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action item was added."))
            if meeting is not None:
                return redirect(
                    "meetings:detail", network_id=access.network.pk, meeting_id=meeting.pk
                )
            return redirect("meetings:tasks", network_id=access.network.pk)
    return render(
        request, "meetings/item_form.html", _ctx(access, "tasks", form=form, meeting=meeting)
    )


@login_required
@require_POST
def item_status(request: HttpRequest, network_id: int, item_id: int) -> HttpResponse:
    access, item = access_item_for(request.user, network_id, item_id, Need.MEMBER)
    if not can_change_item(access, item):
        raise PermissionDenied
    form = ItemStatusForm(request.POST)
    if form.is_valid():
        services.action_item_set_status(
            actor=request.user, item=item, status=form.cleaned_data["status"]
        )
        messages.success(request, _("The status was changed."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect("meetings:tasks", network_id=access.network.pk)


# Series ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    form = SeriesForm(posted(request), initial={"kind": "round_table"})
    if request.method == "POST" and form.is_valid():
        try:
            series = scheduling.series_create(
                actor=request.user, network=access.network, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The series was created."))
            return redirect("meetings:series", network_id=access.network.pk, series_id=series.pk)
    return render(request, "meetings/series_form.html", _ctx(access, form=form))


@login_required
@require_GET
def series_detail(request: HttpRequest, network_id: int, series_id: int) -> HttpResponse:
    access, series = access_series_for(request.user, network_id, series_id, Need.MEMBER)
    meetings = list(series.meetings.order_by("starts_at", "id"))
    return render(
        request, "meetings/series_detail.html", _ctx(access, series=series, meetings=meetings)
    )


# Time polls --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def poll_create(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    form = PollForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            poll = scheduling.poll_create(
                actor=request.user, network=access.network, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The time poll was created."))
            return redirect("meetings:poll", network_id=access.network.pk, poll_id=poll.pk)
    return render(request, "meetings/poll_form.html", _ctx(access, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def poll_detail(request: HttpRequest, network_id: int, poll_id: int) -> HttpResponse:
    access, poll = access_poll_for(request.user, network_id, poll_id, Need.MEMBER)
    person = access.membership.person if access.membership else None
    rows = selectors.poll_rows(poll, person.pk if person else None)
    form = VoteForm(posted(request), slots=rows)
    if request.method == "POST" and form.is_valid():
        try:
            if person is None:
                raise ValidationError({"answers": _("Only the network's members vote.")})
            scheduling.poll_vote(
                actor=request.user, poll=poll, person=person, answers=form.answers()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Your answers were saved."))
            return redirect("meetings:poll", network_id=access.network.pk, poll_id=poll.pk)
    close_form = PollCloseForm(None, slots=rows) if access.can_see_clients else None
    return render(
        request,
        "meetings/poll_detail.html",
        _ctx(
            access,
            poll=poll,
            rows=rows,
            form=form,
            close_form=close_form,
            is_open=poll.status == PollStatus.OPEN,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def poll_close(request: HttpRequest, network_id: int, poll_id: int) -> HttpResponse:
    access, poll = access_poll_for(request.user, network_id, poll_id, Need.COORDINATION)
    rows = selectors.poll_rows(poll)
    form = PollCloseForm(posted(request), slots=rows)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = scheduling.poll_close(
                actor=request.user, poll=poll, slot_id=form.cleaned_data["slot"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            if "poll" in error.message_dict:
                form.add_error(None, error.message_dict["poll"])
        else:
            messages.success(request, _("The poll was closed and the meeting created."))
            return redirect("meetings:detail", network_id=access.network.pk, meeting_id=meeting.pk)
    return render(
        request, "meetings/poll_close.html", _ctx(access, poll=poll, rows=rows, form=form)
    )


# The network's mail ------------------------------------------------------------------------


@login_required
@require_GET
def mail_list(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MANAGE)
    rows = OutgoingMail.objects.filter(network=access.network).order_by("status", "-created_at")
    failed = rows.filter(status=MailStatus.FAILED).count()
    return render(
        request,
        "meetings/mail_list.html",
        _ctx(access, page=paginate(request, rows), failed=failed),
    )


@login_required
@require_POST
def mail_resend(request: HttpRequest, network_id: int, mail_id: int) -> HttpResponse:
    access, mail = access_mail_for(request.user, network_id, mail_id, Need.MANAGE)
    resend_service(actor=request.user, mail=mail)
    messages.success(request, _("The mail is back in the queue."))
    return redirect("meetings:mail", network_id=access.network.pk)


# Calendar feeds ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        with transaction.atomic():
            CalendarFeed.objects.filter(user=request.user).delete()
            feed = CalendarFeed.objects.create(user=request.user)
            audit_record(actor=request.user, action="calendar.token", target=feed)
        messages.success(
            request, _("A new calendar address was made; the old one stopped working.")
        )
        return redirect("meetings:calendar")
    levels = user_levels(request.user)
    from verso.networks.models import Network

    networks = Network.objects.filter(
        pk__in=[nid for nid, level in levels.items() if level >= Need.MEMBER]
    ).order_by("name")
    base = request.build_absolute_uri("/")[:-1]
    links = []
    if feed is not None:
        links = [(_("My meetings and tasks"), base + reverse("meetings:feed", args=[feed.token]))]
        links += [
            (n.name, base + reverse("meetings:network_feed", args=[feed.token, n.pk]))
            for n in networks
        ]
    return render(request, "meetings/calendar.html", {"feed": feed, "links": links})


def _feed_user(token: str):
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed.user


def _ics_response(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    user = _feed_user(token)
    meetings = selectors.feed_meetings_for(user).order_by("starts_at")[:500]
    items = selectors.my_tasks(user)[:500]
    return _ics_response(ics.feed_ics("Verso", meetings, items))


@require_GET
def network_feed(request: HttpRequest, token: str, network_id: int) -> HttpResponse:
    user = _feed_user(token)
    try:
        access = access_network_for(user, network_id, Need.MEMBER)
    except PermissionDenied:
        raise Http404 from None
    meetings = Meeting.objects.filter(network=access.network).order_by("starts_at")[:500]
    return _ics_response(ics.feed_ics(access.network.name, meetings))
