"""Reads for the meetings pages and the API, each with a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from verso.meetings.choices import Answer, ItemStatus, Reply
from verso.meetings.models import ActionItem, Attendance, Meeting, PollSlot, PollVote, TimePoll
from verso.networks.access import NetworkAccess
from verso.networks.models import Membership, Network, current_q


def meeting_list(rows: QuerySet[Meeting], *, past: bool) -> QuerySet[Meeting]:
    now = timezone.now()
    rows = rows.filter(ends_at__lt=now) if past else rows.filter(ends_at__gte=now)
    return (
        rows.select_related("series")
        .annotate(
            invited=Count("invitations", distinct=True),
            coming=Count("invitations", filter=Q(invitations__reply=Reply.YES), distinct=True),
        )
        .order_by("-starts_at" if past else "starts_at", "id")
    )


def open_items(network: Network) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(network=network).exclude(status=ItemStatus.DONE)


def carried_items(meeting: Meeting) -> list[ActionItem]:
    """Open items agreed before this meeting: on its agenda until done. A meeting of a series
    carries the series' items (and those agreed outside any meeting); another meeting carries
    every open item of the network."""
    rows = open_items(meeting.network).filter(created_at__lt=max(meeting.starts_at, timezone.now()))
    rows = rows.filter(Q(meeting__isnull=True) | Q(meeting__starts_at__lt=meeting.starts_at))
    if meeting.series_id:
        rows = rows.filter(Q(meeting__isnull=True) | Q(meeting__series_id=meeting.series_id))
    return list(rows.select_related("owner_person", "owner_organisation", "meeting"))


def board(
    network: Network, *, status: str = "", person_id=None, organisation_id=None, overdue=False
) -> QuerySet[ActionItem]:
    rows = ActionItem.objects.filter(network=network).select_related(
        "owner_person", "owner_organisation", "meeting"
    )
    if status:
        rows = rows.filter(status=status)
    if person_id:
        rows = rows.filter(owner_person_id=person_id)
    if organisation_id:
        rows = rows.filter(owner_organisation_id=organisation_id)
    if overdue:
        rows = rows.exclude(status=ItemStatus.DONE).filter(due_on__lt=timezone.localdate())
    return rows


def overdue_count(network: Network) -> int:
    return board(network, overdue=True).count()


def my_tasks(user) -> QuerySet[ActionItem]:
    """Open items the user owns, or their organisation owns, in networks they are in now."""
    memberships = Membership.objects.filter(current_q(), person__user=user)
    mine = Q()
    for network_id, person_id, organisation_id in memberships.values_list(
        "network_id", "person_id", "organisation_id"
    ):
        q = Q(owner_person_id=person_id)
        if organisation_id:
            q |= Q(owner_organisation_id=organisation_id)
        mine |= Q(network_id=network_id) & q
    if not mine:
        return ActionItem.objects.none()
    return (
        ActionItem.objects.filter(mine)
        .exclude(status=ItemStatus.DONE)
        .select_related("network", "owner_person", "owner_organisation")
        .order_by("due_on", "id")
    )


@dataclass
class History:
    people: list[dict]
    organisations: list[dict]
    meetings: int
    unnamed_clients: int


def attendance_history(network: Network) -> History:
    """Who came how often: the core group shows at the top."""
    rows = Attendance.objects.filter(meeting__network=network)
    people = list(
        rows.filter(person__isnull=False)
        .values("person_id", "person__display_name")
        .annotate(times=Count("meeting", distinct=True))
        .order_by("-times", "person__display_name")[:50]
    )
    organisations = list(
        rows.filter(organisation__isnull=False)
        .values("organisation_id", "organisation__name")
        .annotate(times=Count("meeting", distinct=True), people=Count("person", distinct=True))
        .order_by("-times", "organisation__name")[:50]
    )
    past = Meeting.objects.filter(network=network, ends_at__lt=timezone.now())
    totals = past.aggregate(n=Count("id"), unnamed=Count("id", filter=Q(unnamed_clients__gt=0)))
    unnamed = sum(past.values_list("unnamed_clients", flat=True))
    return History(people, organisations, totals["n"], unnamed)


@dataclass
class SlotRow:
    slot: PollSlot
    yes: int
    if_need_be: int
    no: int
    mine: str


def poll_rows(poll: TimePoll, person_id=None) -> list[SlotRow]:
    slots = list(
        poll.slots.annotate(
            yes=Count("votes", filter=Q(votes__answer=Answer.YES)),
            maybe=Count("votes", filter=Q(votes__answer=Answer.IF_NEED_BE)),
            no=Count("votes", filter=Q(votes__answer=Answer.NO)),
        )
    )
    mine = dict(
        PollVote.objects.filter(slot__poll=poll, person_id=person_id).values_list(
            "slot_id", "answer"
        )
    )
    return [SlotRow(s, s.yes, s.maybe, s.no, mine.get(s.pk, "")) for s in slots]


def polls_for(access: NetworkAccess) -> QuerySet[TimePoll]:
    return (
        TimePoll.objects.filter(network=access.network)
        .annotate(slot_count=Count("slots", distinct=True))
        .order_by("status", "-created_at", "id")
    )


def feed_meetings_for(user) -> QuerySet[Meeting]:
    """A user's own meetings: those they are invited to, in networks they are in now."""
    networks = Membership.objects.filter(current_q(), person__user=user).values("network_id")
    return Meeting.objects.filter(
        invitations__person__user=user, network_id__in=networks
    ).distinct()


def mask_clients(access: NetworkAccess, items) -> list:
    """Items as the user may see them: below the coordination group a client owner is
    shown as "a client" (clients' names only to the coordination group)."""
    from verso.meetings.services import client_ids

    items = list(items)
    hidden = set() if access.can_see_clients else client_ids(access.network)
    for item in items:
        item.owner_hidden = item.owner_person_id in hidden
    return items
