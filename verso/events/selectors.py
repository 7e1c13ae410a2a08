"""Reads of the events app: the queries are shaped here."""

import datetime

from django.db.models import Count, IntegerField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from verso.events.models import (
    PUBLIC_STATUSES,
    Activity,
    Place,
    Signup,
    SignupKind,
    SignupStatus,
    Work,
    WorkStatus,
)
from verso.networks.models import Network, Organisation
from verso.plans.models import Plan


def _with_counts(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    taking_part = Q(signups__kind=SignupKind.TAKE_PART)
    return qs.annotate(
        taken=Coalesce(
            Sum(
                "signups__group_size",
                filter=taking_part & Q(signups__status=SignupStatus.CONFIRMED),
            ),
            Value(0),
            output_field=IntegerField(),
        ),
        waiting=Coalesce(
            Sum(
                "signups__group_size",
                filter=taking_part & Q(signups__status=SignupStatus.WAITLISTED),
            ),
            Value(0),
            output_field=IntegerField(),
        ),
    )


def activity_list_public(
    *,
    type: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    place: Place | int | None = None,
    free: bool = False,
    accessible: bool = False,
    language: str = "",
    audience: str = "",
    network: Network | int | None = None,
    include_past: bool = False,
) -> QuerySet[Activity]:
    """Published (and cancelled, postponed, rescheduled: people must learn of it) activities,
    soonest first, with their places, organisers and places taken, in a fixed number of
    queries however many there are."""
    qs = Activity.objects.filter(status__in=PUBLIC_STATUSES)
    if not include_past and date_from is None:
        qs = qs.filter(ends_at__gte=timezone.now())
    if type:
        qs = qs.filter(type=type)
    if date_from:
        qs = qs.filter(ends_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(starts_at__date__lte=date_to)
    if place:
        qs = qs.filter(place=place)
    if free:
        qs = qs.filter(is_free=True)
    if accessible:
        qs = qs.filter(place__step_free=True, place__accessible_toilet=True)
    if language:
        qs = qs.filter(Q(language=language) | Q(translations__has_key=language))
    if audience:
        qs = qs.filter(target_groups__icontains=f'"{audience}"')
    if network:
        qs = qs.filter(network=network)
    return (
        _with_counts(qs)
        .select_related("place", "parent")
        .prefetch_related(Prefetch("organisers", queryset=Organisation.objects.order_by("name")))
        .order_by("starts_at", "pk")
    )


def activity_public_detail(activity_id: int) -> Activity:
    return (
        _with_counts(Activity.objects.filter(pk=activity_id))
        .select_related("place", "parent", "network")
        .prefetch_related(
            Prefetch("organisers", queryset=Organisation.objects.order_by("name")),
            Prefetch(
                "sub_activities",
                queryset=Activity.objects.filter(status__in=PUBLIC_STATUSES).order_by("starts_at"),
            ),
        )
        .get()
    )


def activity_list_for_network(network: Network) -> QuerySet[Activity]:
    return (
        _with_counts(Activity.objects.filter(network=network))
        .select_related("place")
        .order_by("-starts_at", "-pk")
    )


def places_for_network(network: Network) -> QuerySet[Place]:
    return (
        Place.objects.filter(network=network)
        .annotate(n_activities=Count("activities"))
        .order_by("name", "pk")
    )


def places_public() -> QuerySet[Place]:
    return Place.objects.filter(
        pk__in=Activity.objects.filter(status__in=PUBLIC_STATUSES, place__isnull=False).values(
            "place_id"
        )
    ).order_by("name", "pk")


def plans_for_network(network: Network) -> QuerySet[Plan]:
    """The plans an activity of the network may realise (the activity form's choices)."""
    return Plan.objects.filter(network=network).order_by("title", "pk")


def network_organisations(network: Network) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__network=network).distinct().order_by("name")


def activity_participants(activity: Activity) -> QuerySet[Signup]:
    """What organisers need: name, contact, group, access needs, status, attendance."""
    return (
        Signup.objects.filter(activity=activity)
        .exclude(status=SignupStatus.CANCELLED)
        .order_by("status", "created_at", "pk")
    )


def activity_counts(activity: Activity) -> dict:
    rows = (
        Signup.objects.filter(activity=activity)
        .values("kind", "status")
        .annotate(
            people=Sum("group_size"),
            signups=Count("pk"),
            present=Count("pk", filter=Q(attended=True)),
        )
    )
    counts = {
        "confirmed": 0,
        "waitlisted": 0,
        "following": 0,
        "cancelled": 0,
        "present": 0,
    }
    for row in rows:
        if row["status"] == SignupStatus.CANCELLED:
            counts["cancelled"] += row["signups"]
        elif row["kind"] == SignupKind.FOLLOW:
            counts["following"] += row["people"]
        elif row["status"] == SignupStatus.CONFIRMED:
            counts["confirmed"] += row["people"]
        else:
            counts["waitlisted"] += row["people"]
        counts["present"] += row["present"]
    return counts


def works_for_curation(activity: Activity) -> QuerySet[Work]:
    return (
        Work.objects.filter(activity=activity)
        .select_related("community", "creator")
        .order_by("community__name", "created_at", "pk")
    )


def gallery_works(activity: Activity) -> QuerySet[Work]:
    return (
        Work.objects.filter(activity=activity, status=WorkStatus.ACCEPTED)
        .select_related("community")
        .order_by("community__name", "created_at", "pk")
    )


def places_left(activity: Activity) -> int | None:
    if activity.capacity is None:
        return None
    taken = getattr(activity, "taken", None)
    if taken is None:
        from verso.events.services import places_taken

        taken = places_taken(activity)
    return max(activity.capacity - taken, 0)


def places_public_with_counts() -> QuerySet[Place]:
    return places_public().annotate(
        n_events=Count("activities", filter=Q(activities__status__in=PUBLIC_STATUSES))
    )
