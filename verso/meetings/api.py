"""The meetings API: meetings, series, polls and votes, invitations and replies,
attendance, minutes and action items."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from verso.core.api import ErrorOut, Page, PageIn, paginated
from verso.meetings import scheduling, selectors, services
from verso.meetings.access import (
    access_item_for,
    access_meeting_for,
    access_poll_for,
    can_change_item,
    meetings_visible_to,
)
from verso.meetings.choices import Reply
from verso.meetings.models import Attendance, MeetingSeries
from verso.meetings.schemas import (
    AttendanceIn,
    AttendanceOut,
    CloseIn,
    InvitationOut,
    InviteIn,
    ItemFilter,
    ItemIn,
    ItemOut,
    ItemPatch,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    MinutesIn,
    MinutesOut,
    PollIn,
    PollOut,
    ReplyIn,
    SeriesIn,
    SeriesOut,
    VoteIn,
)
from verso.networks.access import Need, access_network_for
from verso.networks.models import Organisation, Person
from verso.plans.models import Plan

router = Router(tags=["meetings"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _meeting_out(m) -> dict:
    return {f: getattr(m, f) for f in MeetingOut.model_fields}


def _item_out(i) -> dict:
    return {
        **{f: getattr(i, f) for f in ItemOut.model_fields if f != "overdue"},
        "overdue": i.is_overdue,
    }


def _poll_out(poll, person_id=None) -> dict:
    return {
        "id": poll.pk,
        "title": poll.title,
        "status": poll.status,
        "meeting_id": poll.meeting_id,
        "slots": [
            {
                "id": r.slot.pk,
                "starts_at": r.slot.starts_at,
                "yes": r.yes,
                "if_need_be": r.if_need_be,
                "no": r.no,
                "mine": r.mine,
            }
            for r in selectors.poll_rows(poll, person_id)
        ],
    }


def _people(field: str, ids, network) -> list[Person]:
    members = services.network_people(network)
    unknown = [i for i in ids if i not in members]
    if unknown:
        raise ValidationError(
            {
                field: _("Not members of this network: %(ids)s.")
                % {"ids": ", ".join(map(str, unknown[:10]))}
            }
        )
    return [members[i].person for i in dict.fromkeys(ids)]


def _organisations(field: str, ids) -> list[Organisation]:
    found = {o.pk: o for o in Organisation.objects.filter(pk__in=[i for i in ids if 0 < i < 2**63])}
    if len(found) != len(set(ids)):
        raise ValidationError({field: _("Unknown organisation.")})
    return list(found.values())


def _plan_of(network, plan_id):
    """The plan of ``network`` with ``plan_id``; None for none. Another network's plan is
    refused as an unknown one."""
    if plan_id is None:
        return None
    plan = Plan.objects.filter(network=network, pk=plan_id).first() if 0 < plan_id < 2**63 else None
    if plan is None:
        raise ValidationError({"plan_id": _("Choose a plan of this network.")})
    return plan


# Meetings ----------------------------------------------------------------------------------


@router.get(
    "/networks/{network_id}/meetings",
    response={200: Page[MeetingOut], **ERRORS},
    summary="Meetings",
)
def meeting_list(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.CLIENT)
    return paginated(meetings_visible_to(access).order_by("-starts_at", "id"), params, _meeting_out)


@router.post(
    "/networks/{network_id}/meetings",
    response={201: MeetingOut, **ERRORS},
    summary="Create a meeting",
)
def meeting_create(request, network_id: int, payload: MeetingIn):
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    fields = payload.dict()
    fields["plan"] = _plan_of(access.network, fields.pop("plan_id"))
    meeting = services.meeting_create(actor=request.user, network=access.network, **fields)
    return Status(201, _meeting_out(meeting))


@router.get(
    "/networks/{network_id}/meetings/{meeting_id}",
    response={200: MeetingOut, **ERRORS},
    summary="One meeting",
)
def meeting_detail(request, network_id: int, meeting_id: int):
    _access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.CLIENT)
    return _meeting_out(meeting)


@router.patch(
    "/networks/{network_id}/meetings/{meeting_id}",
    response={200: MeetingOut, **ERRORS},
    summary="Change a meeting",
)
def meeting_update(request, network_id: int, meeting_id: int, payload: MeetingPatch):
    access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    fields = payload.dict(exclude_unset=True, exclude_none=True)
    fields.pop("plan_id", None)
    if "plan_id" in payload.model_fields_set:  # null unlinks the plan
        fields["plan"] = _plan_of(access.network, payload.plan_id)
    return _meeting_out(services.meeting_update(actor=request.user, meeting=meeting, **fields))


@router.get(
    "/networks/{network_id}/meetings/{meeting_id}/invitations",
    response={200: list[InvitationOut], **ERRORS},
    summary="Invitations and replies",
)
def invitation_list(request, network_id: int, meeting_id: int):
    _access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    return [
        {
            "id": i.pk,
            "person_id": i.person_id,
            "person_name": i.person.display_name,
            "organisation_id": i.organisation_id,
            "via_id": i.via_id,
            "language": i.language,
            "reply": i.reply,
            "note": i.note,
        }
        for i in meeting.invitations.select_related("person")
    ]


@router.post(
    "/networks/{network_id}/meetings/{meeting_id}/invitations",
    response={201: list[InvitationOut], **ERRORS},
    summary="Invite people, organisations and a unit's clients",
)
def invitation_create(request, network_id: int, meeting_id: int, payload: InviteIn):
    access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    created = services.invite(
        actor=request.user,
        meeting=meeting,
        people=_people("people", payload.person_ids, access.network),
        organisations=_organisations("organisations", payload.organisation_ids),
        client_units=_organisations("client_units", payload.client_unit_ids),
        language=payload.language,
    )
    return Status(
        201,
        [
            {
                "id": i.pk,
                "person_id": i.person_id,
                "person_name": i.person.display_name,
                "organisation_id": i.organisation_id,
                "via_id": i.via_id,
                "language": i.language,
                "reply": i.reply,
                "note": i.note,
            }
            for i in created
        ],
    )


@router.post(
    "/networks/{network_id}/meetings/{meeting_id}/reply",
    response={200: InvitationOut, **ERRORS},
    summary="Reply to an invitation",
)
def reply(request, network_id: int, meeting_id: int, payload: ReplyIn):
    _access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.CLIENT)
    invitation = services.invitation_for_reply(
        actor=request.user, meeting=meeting, invitation_id=payload.invitation_id
    )
    if payload.reply == Reply.PENDING:
        raise ValidationError({"reply": _("Answer yes, no or maybe.")})
    i = services.reply_set(
        actor=request.user, invitation=invitation, reply=payload.reply, note=payload.note
    )
    return {
        "id": i.pk,
        "person_id": i.person_id,
        "person_name": i.person.display_name,
        "organisation_id": i.organisation_id,
        "via_id": i.via_id,
        "language": i.language,
        "reply": i.reply,
        "note": i.note,
    }


def _attendance_out(meeting) -> dict:
    rows = list(Attendance.objects.filter(meeting=meeting))
    return {
        "people": [a.person_id for a in rows if a.person_id],
        "guests": [a.guest_name for a in rows if not a.person_id],
        "unnamed_clients": meeting.unnamed_clients,
    }


@router.get(
    "/networks/{network_id}/meetings/{meeting_id}/attendance",
    response={200: AttendanceOut, **ERRORS},
    summary="Who came",
)
def attendance_get(request, network_id: int, meeting_id: int):
    _access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    return _attendance_out(meeting)


@router.put(
    "/networks/{network_id}/meetings/{meeting_id}/attendance",
    response={200: AttendanceOut, **ERRORS},
    summary="Record who came",
)
def attendance_put(request, network_id: int, meeting_id: int, payload: AttendanceIn):
    access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    meeting = services.attendance_set(
        actor=request.user,
        meeting=meeting,
        people=_people("people", payload.person_ids, access.network),
        guests=payload.guests,
        unnamed_clients=payload.unnamed_clients,
    )
    return _attendance_out(meeting)


def _minutes_out(meeting) -> dict:
    return {
        "notes": meeting.notes,
        "decisions": [d.text for d in meeting.decisions.all()],
        "action_item_ids": [i.pk for i in meeting.action_items.all()],
    }


@router.get(
    "/networks/{network_id}/meetings/{meeting_id}/minutes",
    response={200: MinutesOut, **ERRORS},
    summary="Minutes",
)
def minutes_get(request, network_id: int, meeting_id: int):
    _access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.MEMBER)
    return _minutes_out(meeting)


@router.put(
    "/networks/{network_id}/meetings/{meeting_id}/minutes",
    response={200: MinutesOut, **ERRORS},
    summary="Write the minutes",
)
def minutes_put(request, network_id: int, meeting_id: int, payload: MinutesIn):
    _access, meeting = access_meeting_for(request.user, network_id, meeting_id, Need.COORDINATION)
    meeting = services.minutes_save(
        actor=request.user, meeting=meeting, notes=payload.notes, decisions=payload.decisions
    )
    return _minutes_out(meeting)


# Action items ------------------------------------------------------------------------------


@router.get(
    "/networks/{network_id}/action-items",
    response={200: Page[ItemOut], **ERRORS},
    summary="The task board",
)
def item_list(request, network_id: int, params: Query[PageIn], filters: Query[ItemFilter]):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    rows = selectors.board(
        access.network,
        status=filters.status or "",
        person_id=filters.person_id,
        organisation_id=filters.organisation_id,
        overdue=filters.overdue,
    )
    return paginated(rows, params, _item_out)


@router.post(
    "/networks/{network_id}/action-items",
    response={201: ItemOut, **ERRORS},
    summary="Add an action item",
)
def item_create(request, network_id: int, payload: ItemIn):
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    owner_person = owner_org = meeting = None
    if payload.owner_person_id is not None:
        owner_person = _people("owner", [payload.owner_person_id], access.network)[0]
    if payload.owner_organisation_id is not None:
        owner_org = _organisations("owner", [payload.owner_organisation_id])[0]
    if payload.meeting_id is not None:
        meeting = meetings_visible_to(access).filter(pk=payload.meeting_id).first()
        if meeting is None:
            raise ValidationError({"meeting_id": _("Unknown meeting.")})
    item = services.action_item_create(
        actor=request.user,
        network=access.network,
        title=payload.title,
        due_on=payload.due_on,
        owner_person=owner_person,
        owner_organisation=owner_org,
        meeting=meeting,
    )
    return Status(201, _item_out(item))


@router.patch(
    "/networks/{network_id}/action-items/{item_id}",
    response={200: ItemOut, **ERRORS},
    summary="Change an action item's status",
)
def item_update(request, network_id: int, item_id: int, payload: ItemPatch):
    from django.core.exceptions import PermissionDenied

    access, item = access_item_for(request.user, network_id, item_id, Need.MEMBER)
    if not can_change_item(access, item):
        raise PermissionDenied
    return _item_out(
        services.action_item_set_status(actor=request.user, item=item, status=payload.status)
    )


# Series and polls --------------------------------------------------------------------------


def _series_out(s) -> dict:
    return {
        "id": s.pk,
        "title": s.title,
        "kind": s.kind,
        "rrule": s.rrule,
        "exdates": s.exdates,
        "starts_at": s.starts_at,
        "duration_minutes": s.duration_minutes,
        "meeting_ids": [m.pk for m in s.meetings.order_by("starts_at")],
    }


@router.get(
    "/networks/{network_id}/series",
    response={200: Page[SeriesOut], **ERRORS},
    summary="Meeting series",
)
def series_list(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    rows = MeetingSeries.objects.filter(network=access.network).prefetch_related("meetings")
    return paginated(rows, params, _series_out)


@router.post(
    "/networks/{network_id}/series",
    response={201: SeriesOut, **ERRORS},
    summary="Create a series (RFC 5545 rule)",
)
def series_create(request, network_id: int, payload: SeriesIn):
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    series = scheduling.series_create(actor=request.user, network=access.network, **payload.dict())
    return Status(201, _series_out(series))


@router.get(
    "/networks/{network_id}/polls", response={200: Page[PollOut], **ERRORS}, summary="Time polls"
)
def poll_list(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    person_id = access.membership.person_id if access.membership else None
    return paginated(selectors.polls_for(access), params, lambda p: _poll_out(p, person_id))


@router.post(
    "/networks/{network_id}/polls", response={201: PollOut, **ERRORS}, summary="Create a time poll"
)
def poll_create(request, network_id: int, payload: PollIn):
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    poll = scheduling.poll_create(actor=request.user, network=access.network, **payload.dict())
    return Status(201, _poll_out(poll))


@router.get(
    "/networks/{network_id}/polls/{poll_id}",
    response={200: PollOut, **ERRORS},
    summary="One time poll",
)
def poll_detail(request, network_id: int, poll_id: int):
    access, poll = access_poll_for(request.user, network_id, poll_id, Need.MEMBER)
    return _poll_out(poll, access.membership.person_id if access.membership else None)


@router.post(
    "/networks/{network_id}/polls/{poll_id}/votes",
    response={200: PollOut, **ERRORS},
    summary="Vote on the slots",
)
def poll_vote(request, network_id: int, poll_id: int, payload: VoteIn):
    access, poll = access_poll_for(request.user, network_id, poll_id, Need.MEMBER)
    if access.membership is None:
        raise ValidationError({"answers": _("Only the network's members vote.")})
    scheduling.poll_vote(
        actor=request.user,
        poll=poll,
        person=access.membership.person,
        answers=dict(payload.answers),
    )
    return _poll_out(poll, access.membership.person_id)


@router.post(
    "/networks/{network_id}/polls/{poll_id}/close",
    response={200: MeetingOut, **ERRORS},
    summary="Close the poll at a slot: the meeting is created",
)
def poll_close(request, network_id: int, poll_id: int, payload: CloseIn):
    _access, poll = access_poll_for(request.user, network_id, poll_id, Need.COORDINATION)
    meeting = scheduling.poll_close(actor=request.user, poll=poll, slot_id=payload.slot_id)
    return _meeting_out(meeting)
