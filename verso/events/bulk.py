"""The events part of the bulk data set (`manage.py seed_bulk --scale S`) and the events
pages `make bench` measures.

At scale 1: 2,000 places, 20,000 activities over the bulk networks (a year back and a year
ahead; most published, three in five open for sign-up) and about 1,000,000 sign-ups —
confirmed up to the places, then the waiting list, then cancelled ones, as the sign-up
service leaves them. Fictional, seeded random, written with ``bulk_create`` in batches.
Registered from EventsConfig.ready().
"""

from __future__ import annotations

import datetime
import secrets

from django.urls import reverse
from django.utils import timezone

from verso.networks.bench import BenchSkip, BenchWorld, register_bench_page
from verso.networks.bulk import BULK_EMAIL_DOMAIN, BULK_MUNICIPALITY, BulkContext
from verso.networks.choices import TargetGroup
from verso.networks.models import Organisation

# Counts at scale 1.
PLACES = 2000
ACTIVITIES = 20_000
SIGNUPS = 1_000_000
SIGNUP_SHARE = 0.6  # activities open for sign-up
BENCH_NETWORK_ACTIVITIES = 200  # the bench network's own


def seed(ctx: BulkContext) -> None:
    from verso.events.models import (
        Activity,
        ActivityStatus,
        ActivityType,
        Language,
        Place,
        Signup,
        SignupKind,
        SignupStatus,
    )
    from verso.events.services.signups import contact_key

    networks = list(ctx.networks())
    if not networks or Activity.objects.filter(network__in=networks[:1]).exists():
        return
    rng = ctx.rng
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    n_places = ctx.count(PLACES, minimum=len(networks))
    places = ctx.insert(
        Place,
        (
            Place(
                network=networks[i % len(networks)],
                name=f"Bulk place {i:05}",
                address=f"Testikatu {i % 200 + 1}",
                postal_code=f"{i % 1000:05}",
                municipality=BULK_MUNICIPALITY,
                step_free=i % 3 != 0,
                accessible_toilet=i % 4 != 0,
                hearing_loop=i % 5 == 0,
                seating=True,
            )
            for i in range(n_places)
        ),
        total=n_places,
        label="places",
    )
    places_of: dict[int, list[Place]] = {}
    for place in places:
        places_of.setdefault(place.network_id, []).append(place)

    n_activities = ctx.count(ACTIVITIES, minimum=20)
    n_bench = min(ctx.count(BENCH_NETWORK_ACTIVITIES, minimum=10), n_activities // 2)
    types = list(ActivityType.values)
    groups = list(TargetGroup.values)
    statuses = [
        (ActivityStatus.PUBLISHED, 80),
        (ActivityStatus.DRAFT, 10),
        (ActivityStatus.CANCELLED, 4),
        (ActivityStatus.POSTPONED, 3),
        (ActivityStatus.RESCHEDULED, 3),
    ]
    status_values, status_weights = zip(*statuses, strict=True)

    def activity_rows():
        for i in range(n_activities):
            network = networks[0] if i < n_bench else networks[rng.randrange(len(networks))]
            # The bench network's first activity: published, ahead, open for sign-up.
            first = i == 0
            starts = now + datetime.timedelta(hours=rng.randint(-24 * 365, 24 * 365))
            if first:
                starts = now + datetime.timedelta(days=30)
            status = (
                ActivityStatus.PUBLISHED
                if first
                else rng.choices(status_values, weights=status_weights)[0]
            )
            signup = first or rng.random() < SIGNUP_SHARE
            free = i % 5 != 0
            language = Language.SV if i % 10 == 7 else Language.FI
            yield Activity(
                network=network,
                type=rng.choice(types),
                language=language,
                title=f"Bulk activity {i:06}",
                description="A synthetic activity for benchmarks. " * rng.randint(1, 6),
                translations={"en": {"title": f"Bulk activity {i:06} (en)"}} if i % 4 else {},
                target_groups=rng.sample(groups, rng.randint(0, 3)),
                age_min=7 if i % 6 == 0 else None,
                age_max=17 if i % 6 == 0 else None,
                place=rng.choice(places_of.get(network.pk) or places),
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=rng.choice((1, 2, 3))),
                status=status,
                published_at=starts - datetime.timedelta(days=30)
                if status != ActivityStatus.DRAFT
                else None,
                is_free=free,
                price="" if free else f"{rng.randint(2, 20)} €",
                signup_enabled=signup,
                capacity=rng.randint(20, 120) if signup else None,
                waitlist_capacity=rng.choice((0, 10, 20)) if signup else 0,
                group_limit=rng.choice((1, 1, 1, 4, 10)),
            )

    activities = ctx.insert(Activity, activity_rows(), total=n_activities, label="activities")
    org_ids = list(
        Organisation.objects.filter(municipality=BULK_MUNICIPALITY).values_list("pk", flat=True)
    )
    if org_ids:
        Organiser = Activity.organisers.through
        ctx.insert(
            Organiser,
            (
                Organiser(activity_id=a.pk, organisation_id=org_ids[rng.randrange(len(org_ids))])
                for a in activities
            ),
            total=len(activities),
            label="organisers",
            keep=False,
        )

    open_ones = [a for a in activities if a.signup_enabled]
    n_signups = ctx.count(SIGNUPS, minimum=100)
    per_activity = max(2, round(2 * n_signups / max(len(open_ones), 1)))  # the mean is half

    def signup_rows():
        k = 0
        for activity in open_ones:
            taken = waiting = 0
            for _ in range(rng.randint(0, per_activity)):
                if k >= n_signups:
                    return
                k += 1
                follow = rng.random() < 0.1
                size = 1 if follow or rng.random() < 0.8 else rng.randint(1, activity.group_limit)
                if follow:
                    status = SignupStatus.CONFIRMED
                elif taken + size <= activity.capacity:
                    status = SignupStatus.CONFIRMED
                    taken += size
                elif waiting + size <= activity.waitlist_capacity:
                    status = SignupStatus.WAITLISTED
                    waiting += size
                else:
                    status = SignupStatus.CANCELLED
                email = f"s{k:07}@{BULK_EMAIL_DOMAIN}" if k % 4 else ""
                phone = "" if email else f"050 {k:07}"
                yield Signup(
                    activity=activity,
                    kind=SignupKind.FOLLOW if follow else SignupKind.TAKE_PART,
                    status=status,
                    name=f"Signer {k:07}",
                    email=email,
                    phone=phone,
                    contact_key=contact_key(email, phone),
                    group_size=size,
                    token=secrets.token_urlsafe(24),
                    cancelled_at=now if status == SignupStatus.CANCELLED else None,
                )

    ctx.insert(Signup, signup_rows(), total=n_signups, label="sign-ups", keep=False)


# The measured pages --------------------------------------------------------------------------


def _bench_activity(world: BenchWorld):
    from verso.events.models import Activity, ActivityStatus

    activity = (
        Activity.objects.filter(
            network_id=world.network_id,
            status=ActivityStatus.PUBLISHED,
            signup_enabled=True,
            starts_at__gte=timezone.now(),
        )
        .order_by("pk")
        .first()
    )
    if activity is None:
        raise BenchSkip("no published activity open for sign-up in the bench network")
    return activity


def _needs_activities(world: BenchWorld) -> None:
    _bench_activity(world)  # skips the list pages too on a data set without activities


def _public_list(world: BenchWorld) -> str:
    _needs_activities(world)
    return reverse("events:public_list")


def _public_api(world: BenchWorld) -> str:
    _needs_activities(world)
    return "/api/v1/events/activities"


def _public_detail(world: BenchWorld) -> str:
    return reverse("events:public_detail", args=[_bench_activity(world).pk])


def _linked_events(world: BenchWorld) -> str:
    _needs_activities(world)
    return reverse("linkedevents:event_list")


def register_pages() -> None:
    register_bench_page("activity list (public)", _public_list, signed_in=False)
    register_bench_page("API activity list (public)", _public_api, signed_in=False)
    register_bench_page("activity detail (public)", _public_detail, signed_in=False)
    register_bench_page("Linked Events feed", _linked_events, signed_in=False)
