import datetime

import icalendar
import pytest
import recurring_ical_events
from django.urls import reverse
from django.utils import timezone

from verso.meetings import selectors
from verso.meetings.models import ActionItem, Invitation, Meeting, MeetingSeries, TimePoll
from verso.meetings.tests.factories import future
from verso.networks.demo import seed_demo
from verso.networks.models import Network

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_round_table_series_with_carried_items_and_a_workshop():
    seed_demo()
    seed_demo()  # idempotent
    round_table = Network.objects.get(name="Luonto ja luovuus sotessa -pyöreä pöytä")
    series = MeetingSeries.objects.get(network=round_table)
    assert series.meetings.count() == 8
    assert series.meetings.filter(ends_at__lt=timezone.now()).exclude(notes="").exists()
    upcoming = series.meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
    carried = selectors.carried_items(upcoming)
    assert len(carried) == 3 and any(item.is_overdue for item in carried)
    assert ActionItem.objects.filter(network=round_table).count() == 3
    oasis = Network.objects.get(name="Kuusamon kesäkeidas")
    workshop = Meeting.objects.get(network=oasis, kind="workshop")
    replies = set(Invitation.objects.filter(meeting=workshop).values_list("reply", flat=True))
    assert {"yes", "maybe"} <= replies
    assert TimePoll.objects.filter(network=oasis).count() == 1


def test_the_network_feed_is_for_members_and_shows_helsinki_times(client, world):
    from verso.meetings.models import CalendarFeed
    from verso.meetings.scheduling import series_create

    start = future(2, hour=18)
    series_create(
        actor=world.coordinator,
        network=world.network,
        title="Round table",
        starts_at=start,
        rrule="FREQ=WEEKLY;COUNT=3",
        place="Hall",
    )
    member = CalendarFeed.objects.create(user=world.professional).token
    body = client.get(reverse("meetings:network_feed", args=[member, world.network.pk])).content
    cal = icalendar.Calendar.from_ical(body)
    events = recurring_ical_events.of(cal).between(
        timezone.now(), timezone.now() + datetime.timedelta(days=30)
    )
    assert len(events) == 3
    assert {e["DTSTART"].dt.hour for e in events} == {18}  # also across a DST change
    assert {str(e["DTSTART"].dt.tzinfo) for e in events} == {"Europe/Helsinki"}
    client_token = CalendarFeed.objects.create(user=world.client).token
    response = client.get(reverse("meetings:network_feed", args=[client_token, world.network.pk]))
    assert response.status_code == 404  # a client is not a member of the internal calendar
    outsider = CalendarFeed.objects.create(user=world.outsider).token
    response = client.get(reverse("meetings:network_feed", args=[outsider, world.network.pk]))
    assert response.status_code == 404
    assert client.get(reverse("meetings:feed", args=["nope"])).status_code == 404


def test_the_demo_workshop_belongs_to_the_demo_plan_also_after_an_older_demo():
    from verso.plans.demo import DEMO_PLAN

    seed_demo()
    oasis = Network.objects.get(name="Kuusamon kesäkeidas")
    workshop = Meeting.objects.get(network=oasis, kind="workshop")
    assert workshop.plan.title == DEMO_PLAN
    Meeting.objects.filter(pk=workshop.pk).update(plan=None)  # seeded before the link
    seed_demo()
    seed_demo()
    workshop.refresh_from_db()
    assert workshop.plan.title == DEMO_PLAN
