"""The only way views and the API fetch meetings and their rows for a user.

Built on ``access_network_for``: an object of another network answers 404. Members see the
network's meetings; a client sees only the meetings they are invited to.
"""

from django.http import Http404

from verso.meetings.models import (
    ActionItem,
    Invitation,
    Meeting,
    MeetingSeries,
    OutgoingMail,
    TimePoll,
)
from verso.networks.access import Need, NetworkAccess, access_network_for, refused

MEETING = "meetings.meeting"


def _get(user, access: NetworkAccess, model, object_id, **filters):
    try:
        return model.objects.get(pk=int(object_id), network=access.network, **filters)
    except (model.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, model._meta.label_lower, object_id) from None


def meetings_visible_to(access: NetworkAccess):
    rows = Meeting.objects.filter(network=access.network)
    if access.level < Need.MEMBER:
        person_id = access.membership.person_id if access.membership else None
        rows = rows.filter(invitations__person_id=person_id)
    return rows


def access_meeting_for(user, network_id, meeting_id, need: Need) -> tuple[NetworkAccess, Meeting]:
    access = access_network_for(user, network_id, need)
    try:
        meeting = (
            meetings_visible_to(access).select_related("series", "plan").get(pk=int(meeting_id))
        )
    except (Meeting.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, MEETING, meeting_id) from None
    return access, meeting


def access_item_for(user, network_id, item_id, need: Need) -> tuple[NetworkAccess, ActionItem]:
    access = access_network_for(user, network_id, need)
    return access, _get(user, access, ActionItem, item_id)


def access_poll_for(user, network_id, poll_id, need: Need) -> tuple[NetworkAccess, TimePoll]:
    access = access_network_for(user, network_id, need)
    return access, _get(user, access, TimePoll, poll_id)


def access_series_for(
    user, network_id, series_id, need: Need
) -> tuple[NetworkAccess, MeetingSeries]:
    access = access_network_for(user, network_id, need)
    return access, _get(user, access, MeetingSeries, series_id)


def access_mail_for(user, network_id, mail_id, need: Need) -> tuple[NetworkAccess, OutgoingMail]:
    access = access_network_for(user, network_id, need)
    return access, _get(user, access, OutgoingMail, mail_id)


def can_change_item(access: NetworkAccess, item: ActionItem) -> bool:
    """The coordination group changes any item; a member the items they own (themselves or
    their organisation)."""
    if access.level >= Need.COORDINATION:
        return True
    if access.level < Need.MEMBER or access.membership is None:
        return False
    m = access.membership
    return item.owner_person_id == m.person_id or (
        item.owner_organisation_id is not None and item.owner_organisation_id == m.organisation_id
    )


def own_invitation(access: NetworkAccess, meeting: Meeting) -> Invitation | None:
    if access.membership is None:
        return None
    return Invitation.objects.filter(meeting=meeting, person_id=access.membership.person_id).first()
