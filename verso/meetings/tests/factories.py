"""Test helpers: meetings in the world's network."""

import datetime

from django.utils import timezone

from verso.meetings import scheduling, services
from verso.meetings.choices import Kind, Mode
from verso.meetings.models import CalendarFeed


def future(days: int = 7, hour: int = 14) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_meeting(world, network=None, *, days: int = 7, actor=None, **fields):
    network = network or world.network
    start = future(days)
    defaults = {
        "title": "Workshop",
        "kind": Kind.WORKSHOP,
        "mode": Mode.IN_PERSON,
        "place": "Library",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
    }
    return services.meeting_create(
        actor=actor or world.coordinator, network=network, **{**defaults, **fields}
    )


def make_past_meeting(world, network=None, *, days_ago: int = 3, **fields):
    start = timezone.now() - datetime.timedelta(days=days_ago)
    return make_meeting(
        world,
        network,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        **fields,
    )


def make_poll(world, network=None, actor=None):
    return scheduling.poll_create(
        actor=actor or world.coordinator,
        network=network or world.network,
        title="When shall we meet?",
        place="Library",
        slots=[future(10), future(11), future(12)],
    )


def make_item(world, network=None, *, actor=None, owner=None, meeting=None):
    network = network or world.network
    return services.action_item_create(
        actor=actor or world.coordinator,
        network=network,
        title="Book the room",
        owner_person=owner or world.professional.person,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        meeting=meeting,
    )


def touch_every_meetings_model(world, person) -> None:
    """The privacy test's person leaves a trace in every meetings model with personal data."""
    meeting = make_past_meeting(world)
    services.invite(actor=world.coordinator, meeting=meeting, people=[person])
    services.attendance_set(actor=world.coordinator, meeting=meeting, people=[person])
    poll = make_poll(world)
    scheduling.poll_vote(
        actor=person.user, poll=poll, person=person, answers={poll.slots.first().pk: "yes"}
    )
    make_item(world, owner=person)
    CalendarFeed.objects.create(user=person.user)


def matrix_object(world, name: str):
    """One object of each kind per world, so that rows naming two (a meeting and its
    material) get objects that belong together."""
    from django.core.files.base import ContentFile

    from verso.meetings import services as meeting_services
    from verso.meetings.models import CalendarFeed, OutgoingMail

    cache = world.__dict__.setdefault("_meetings_objects", {})
    if name in cache:
        return cache[name]
    if name == "meeting":
        meeting = make_meeting(world)
        meeting_services.invite(
            actor=world.coordinator, meeting=meeting, people=[world.client.person]
        )
        value = meeting
    elif name == "material":
        value = meeting_services.material_add(
            actor=world.coordinator,
            meeting=matrix_object(world, "meeting"),
            title="Programme",
            file=ContentFile(b"%PDF-1.4", name="programme.pdf"),
        )
    elif name == "past":
        value = make_past_meeting(world, title="Kick-off")
    elif name == "item":
        value = make_item(world)
    elif name == "poll":
        value = make_poll(world)
    elif name == "series":
        from verso.meetings.scheduling import series_create

        value = series_create(
            actor=world.coordinator,
            network=world.network,
            title="Round table",
            starts_at=future(3),
            rrule="FREQ=MONTHLY;BYDAY=1TU;COUNT=2",
            place="Hall",
        )
    elif name == "mail":
        value = OutgoingMail.objects.create(
            network=world.network,
            kind="invitation",
            to_email="x@test.example",
            language="fi",
            subject="S",
            body="B",
        )
    elif name == "feed_token":
        value = CalendarFeed.objects.create(user=world.professional)
    cache[name] = value
    return value
