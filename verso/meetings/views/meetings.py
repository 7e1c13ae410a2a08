from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from verso.core.forms import add_service_errors, posted
from verso.core.pagination import paginate
from verso.core.uploads import upload_response
from verso.meetings import calendar as ics
from verso.meetings import selectors, services
from verso.meetings.access import (
    access_meeting_for,
    meetings_visible_to,
    own_invitation,
)
from verso.meetings.forms import (
    ActionItemForm,
    AttendanceForm,
    InviteForm,
    MaterialForm,
    MeetingForm,
    MinutesForm,
    ReplyForm,
    lines,
)
from verso.meetings.models import Attendance, Material
from verso.networks.access import Need, access_network_for


def _ctx(access, **extra) -> dict:
    return {"access": access, "network": access.network, "tab": "meetings", **extra}


@login_required
@require_GET
def meeting_list(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.MEMBER)
    rows = meetings_visible_to(access)
    upcoming = list(selectors.meeting_list(rows, past=False)[:50])
    page = paginate(request, selectors.meeting_list(rows, past=True))
    return render(
        request,
        "meetings/meeting_list.html",
        _ctx(
            access,
            upcoming=upcoming,
            page=page,
            polls=list(selectors.polls_for(access)[:20]),
            overdue=selectors.overdue_count(access.network) if access.can_see_clients else 0,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    form = MeetingForm(posted(request), network=access.network)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user, network=access.network, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting was created."))
            return redirect("meetings:detail", network_id=access.network.pk, meeting_id=meeting.pk)
    return render(request, "meetings/meeting_form.html", _ctx(access, form=form, creating=True))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, network_id: int, meeting_id: int) -> HttpResponse:
    access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    form = MeetingForm.for_meeting(posted(request), meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("meetings:detail", network_id=access.network.pk, meeting_id=meeting.pk)
    return render(request, "meetings/meeting_form.html", _ctx(access, form=form, meeting=meeting))


@login_required
@require_GET
def meeting_detail(request: HttpRequest, network_id: int, meeting_id: int) -> HttpResponse:
    access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.CLIENT)
    invitation = own_invitation(access, meeting)
    invitations = []
    if access.can_see_members:
        invitations = list(meeting.invitations.select_related("person", "organisation", "via"))
        if not access.can_see_clients:  # clients' names only to the coordination group
            clients = services.client_ids(access.network)
            invitations = [i for i in invitations if i.person_id not in clients]
    context = _ctx(
        access,
        meeting=meeting,
        invitation=invitation,
        invitations=invitations,
        through=[
            (other, ReplyForm(initial={"reply": other.reply}, auto_id=f"id_r{other.pk}_%s"))
            for other in (
                meeting.invitations.filter(via_id=access.membership.person_id).select_related(
                    "person"
                )
                if access.membership
                else []
            )
        ],
        reply_form=ReplyForm(initial={"reply": invitation.reply} if invitation else None),
        materials=list(meeting.materials.all()),
        carried=(
            selectors.mask_clients(access, selectors.carried_items(meeting))
            if access.can_see_members
            else []
        ),
        agreed=selectors.mask_clients(
            access, meeting.action_items.select_related("owner_person", "owner_organisation")
        ),
        decisions=list(meeting.decisions.all()),
        attendance=(
            list(
                Attendance.objects.filter(meeting=meeting).select_related("person", "organisation")
            )
            if access.can_see_clients
            else []
        ),
    )
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_GET
def meeting_ics(request: HttpRequest, network_id: int, meeting_id: int) -> HttpResponse:
    _access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.CLIENT)
    response = HttpResponse(ics.meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def meeting_invite(request: HttpRequest, network_id: int, meeting_id: int) -> HttpResponse:
    access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    form = InviteForm(posted(request), network=access.network)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.invite(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(n)s invitations were sent.") % {"n": len(created)})
            return redirect("meetings:detail", network_id=access.network.pk, meeting_id=meeting.pk)
    return render(request, "meetings/invite_form.html", _ctx(access, form=form, meeting=meeting))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_reply(request: HttpRequest, network_id: int, meeting_id: int) -> HttpResponse:
    access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.CLIENT)
    form = ReplyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_for_reply(
                actor=request.user, meeting=meeting, invitation_id=form.cleaned_data["invitation"]
            )
            services.reply_set(
                actor=request.user,
                invitation=invitation,
                reply=form.cleaned_data["reply"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you, your reply was saved."))
            return redirect("meetings:detail", network_id=access.network.pk, meeting_id=meeting.pk)
    return render(request, "meetings/reply_form.html", _ctx(access, form=form, meeting=meeting))


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, network_id: int, meeting_id: int) -> HttpResponse:
    access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    initial = {
        "people": [a.person_id for a in meeting.attendance.all() if a.person_id],
        "guests": "\n".join(a.guest_name for a in meeting.attendance.all() if a.guest_name),
        "unnamed_clients": meeting.unnamed_clients,
    }
    form = AttendanceForm(posted(request), network=access.network, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_set(
                actor=request.user,
                meeting=meeting,
                people=form.cleaned_data["people"],
                guests=lines(form.cleaned_data["guests"]),
                unnamed_clients=form.cleaned_data["unnamed_clients"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance was saved."))
            return redirect("meetings:detail", network_id=access.network.pk, meeting_id=meeting.pk)
    return render(
        request, "meetings/attendance_form.html", _ctx(access, form=form, meeting=meeting)
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes(request: HttpRequest, network_id: int, meeting_id: int) -> HttpResponse:
    access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    initial = {
        "notes": meeting.notes,
        "decisions": "\n".join(d.text for d in meeting.decisions.all()),
    }
    form = MinutesForm(posted(request), initial=initial)
    item_form = ActionItemForm(None, network=access.network)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(
                actor=request.user,
                meeting=meeting,
                notes=form.cleaned_data["notes"],
                decisions=lines(form.cleaned_data["decisions"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("meetings:detail", network_id=access.network.pk, meeting_id=meeting.pk)
    return render(
        request,
        "meetings/minutes_form.html",
        _ctx(access, form=form, item_form=item_form, meeting=meeting),
    )


@login_required
@require_http_methods(["GET", "POST"])
def material_add(request: HttpRequest, network_id: int, meeting_id: int) -> HttpResponse:
    access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    form = MaterialForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.material_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The material was added."))
            return redirect("meetings:detail", network_id=access.network.pk, meeting_id=meeting.pk)
    return render(request, "meetings/material_form.html", _ctx(access, form=form, meeting=meeting))


@login_required
@require_GET
def material_file(
    request: HttpRequest, network_id: int, meeting_id: int, material_id: int
) -> HttpResponse:
    _access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.CLIENT)
    material = Material.objects.filter(pk=material_id, meeting=meeting).exclude(file="").first()
    if material is None:
        raise Http404
    return upload_response(material.file.name)


@login_required
@require_GET
def attendance_history(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    history = selectors.attendance_history(access.network)
    return render(request, "meetings/attendance_history.html", _ctx(access, history=history))
