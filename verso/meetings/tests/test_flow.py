import datetime

import icalendar
import pytest
import recurring_ical_events
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from verso.meetings import scheduling, services
from verso.meetings.choices import ItemStatus, MailStatus
from verso.meetings.models import Invitation, Meeting, OutgoingMail
from verso.meetings.tests.factories import future, make_item, make_meeting, make_past_meeting
from verso.networks.models import Person

pytestmark = pytest.mark.django_db


def test_demo_flow_poll_invite_reply_minutes_carry_over_and_feed(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.coordinator)
    n = world.network.pk
    # the coordinator polls three slots and closes the poll
    response = client.post(
        reverse("meetings:poll_create", args=[n]),
        {
            "title": "Spring workshop",
            "kind": "workshop",
            "mode": "hybrid",
            "place": "Library",
            "online_url": "https://meet.example.fi/x",
            "duration_minutes": 120,
            "slots": "\n".join(f"{future(d):%Y-%m-%d %H:%M}" for d in (10, 11, 12)),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    poll = scheduling.TimePoll.objects.get(title="Spring workshop")
    slots = list(poll.slots.all())
    response = client.post(
        reverse("meetings:poll", args=[n, poll.pk]), {f"slot_{slots[1].pk}": "yes"}
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:poll_close", args=[n, poll.pk]), {"slot": slots[1].pk}
        )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Spring workshop")
    assert meeting.starts_at == slots[1].starts_at
    assert mail.outbox and "Spring workshop" in mail.outbox[-1].subject
    mail.outbox.clear()
    # invites two organisations and a client group, whose members chose Swedish
    for user in (world.group, world.professional, world.client):
        user.language = "sv"
        user.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:invite", args=[n, meeting.pk]),
            {
                "organisations": [world.organisation.pk, world.unit.pk],
                "client_units": [world.unit.pk],
                "language": "sv",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    invited = set(
        Invitation.objects.filter(meeting=meeting).values_list("person__user__email", flat=True)
    )
    assert {"group@test.example", "professional@test.example", "client@test.example"} <= invited
    assert all("Inbjudan" in m.subject for m in mail.outbox), [m.subject for m in mail.outbox]
    ics_part = mail.outbox[0].attachments[0]
    assert ics_part[2] == "text/calendar"
    # a reply comes in
    client.force_login(world.client)
    response = client.post(
        reverse("meetings:reply", args=[n, meeting.pk]), {"reply": "yes", "note": "Interpreter"}
    )
    assert response.status_code == 302
    assert Invitation.objects.get(meeting=meeting, person__user=world.client).reply == "yes"
    client.force_login(world.outsider)
    assert client.get(reverse("meetings:detail", args=[n, meeting.pk])).status_code == 404
    # minutes with two action items in an earlier meeting
    earlier = make_past_meeting(world, title="Kick-off")
    client.force_login(world.coordinator)
    response = client.post(
        reverse("meetings:minutes", args=[n, earlier.pk]),
        {"notes": "Went well", "decisions": "A\nB"},
    )
    assert response.status_code == 302
    due = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    for owner in (f"p{world.professional.person.pk}", f"o{world.organisation.pk}"):
        response = client.post(
            reverse("meetings:item_create", args=[n]) + f"?meeting={earlier.pk}",
            {"title": f"Task {owner}", "owner": owner, "due_on": due},
        )
        assert response.status_code == 302, response.context["form"].errors
    page = client.get(reverse("meetings:detail", args=[n, meeting.pk])).content.decode()
    assert "Task p" in page and "Task o" in page
    first = earlier.action_items.order_by("id").first()
    client.post(reverse("meetings:item_status", args=[n, first.pk]), {"status": ItemStatus.DONE})
    page = client.get(reverse("meetings:detail", args=[n, meeting.pk])).content.decode()
    assert f"Task p{world.professional.person.pk}" not in page and "Task o" in page
    # my tasks on the front page
    client.force_login(world.group)
    assert "Task o" in client.get(reverse("networks:list")).content.decode()
    # the calendar feed parses and shows Helsinki times
    client.force_login(world.client)
    client.post(reverse("meetings:calendar"))
    token = world.client.calendar_feed.token
    body = client.get(reverse("meetings:feed", args=[token])).content
    cal = icalendar.Calendar.from_ical(body)
    events = recurring_ical_events.of(cal).between(
        timezone.now(), timezone.now() + datetime.timedelta(days=30)
    )
    event = next(e for e in events if str(e["summary"]) == "Spring workshop")
    assert str(event["DTSTART"].dt.tzinfo) == "Europe/Helsinki"
    assert event["DTSTART"].dt == meeting.starts_at
    # revoking the address
    client.post(reverse("meetings:calendar"))
    assert client.get(reverse("meetings:feed", args=[token])).status_code == 404


def test_pages_render(client, world):
    meeting = make_past_meeting(
        world, kind="training", method="Luontokuvaus", competence="co_development"
    )
    make_item(world, meeting=meeting)
    client.force_login(world.coordinator)
    n = world.network.pk
    for name, args in [
        ("meetings:list", [n]),
        ("meetings:create", [n]),
        ("meetings:history", [n]),
        ("meetings:detail", [n, meeting.pk]),
        ("meetings:edit", [n, meeting.pk]),
        ("meetings:invite", [n, meeting.pk]),
        ("meetings:attendance", [n, meeting.pk]),
        ("meetings:minutes", [n, meeting.pk]),
        ("meetings:material_add", [n, meeting.pk]),
        ("meetings:tasks", [n]),
        ("meetings:item_create", [n]),
        ("meetings:series_create", [n]),
        ("meetings:poll_create", [n]),
        ("meetings:mail", [n]),
        ("meetings:calendar", []),
        ("networks:detail", [n]),
        ("meetings:ics", [n, meeting.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name


def test_training_attendance_adds_competence_and_coverage(world, client):
    meeting = make_past_meeting(
        world, kind="training", method="Luontokuvaus", competence="co_development"
    )
    group_person = world.group.person
    services.attendance_set(
        actor=world.coordinator,
        meeting=meeting,
        people=[group_person],
        guests=["Visitor"],
        unnamed_clients=3,
    )
    group_person = Person.objects.get(pk=group_person.pk)
    assert (
        "co_development" in group_person.competences
        and "Luontokuvaus" in group_person.competence_tags
    )
    client.force_login(world.group)
    coverage = client.get(f"/api/v1/networks/{world.network.pk}/coverage").json()
    row = next(c for c in coverage if c["area"] == "co_development")
    assert not row["is_gap"]


def test_series_rules(world):
    start = future(3)
    series = scheduling.series_create(
        actor=world.coordinator,
        network=world.network,
        title="Round table",
        starts_at=start,
        rrule="FREQ=MONTHLY;BYDAY=1TU;COUNT=4",
        place="Hall",
        exdates=[],
    )
    assert series.meetings.count() == 4
    assert all(timezone.localtime(m.starts_at).weekday() == 1 for m in series.meetings.all())
    for rule, text in [
        ("FREQ=MONTHLY;BYDAY=1TU", "never ends"),
        ("FREQ=DAILY;COUNT=0", "no date"),
        ("NOPE", "not valid"),
    ]:
        with pytest.raises(ValidationError) as err:
            scheduling.series_create(
                actor=world.coordinator,
                network=world.network,
                title="X",
                starts_at=start,
                rrule=rule,
                place="Hall",
            )
        assert "rrule" in err.value.message_dict and text in str(err.value), (rule, err.value)


def test_bad_meeting_and_item_input(world):
    start = future(3)
    with pytest.raises(ValidationError) as err:
        make_meeting(world, starts_at=start, ends_at=start - datetime.timedelta(hours=1))
    assert "ends_at" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        make_meeting(world, mode="online", online_url="ftp://x.example/y")
    assert "online_url" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.action_item_create(
            actor=world.coordinator, network=world.network, title="T", due_on=timezone.localdate()
        )
    assert "owner" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.action_item_create(
            actor=world.coordinator,
            network=world.network,
            title="T",
            owner_person=world.group.person,
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert "due_on" in err.value.message_dict
    meeting = make_meeting(world)
    outsider = Person.objects.get(user=world.outsider)
    with pytest.raises(ValidationError) as err:
        services.invite(actor=world.coordinator, meeting=meeting, people=[outsider])
    assert "people" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.invitation_for_reply(actor=world.group, meeting=meeting)
    assert "reply" in err.value.message_dict
    poll = scheduling.poll_create(
        actor=world.coordinator, network=world.network, title="P", place="x", slots=[future(5)]
    )
    scheduling.poll_close(actor=world.coordinator, poll=poll, slot_id=poll.slots.first().pk)
    with pytest.raises(ValidationError) as err:
        scheduling.poll_vote(
            actor=world.group,
            poll=poll,
            person=world.group.person,
            answers={poll.slots.first().pk: "yes"},
        )
    assert "poll" in err.value.message_dict
    assert OutgoingMail.objects.filter(status=MailStatus.FAILED).count() == 0
