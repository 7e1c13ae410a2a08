"""Object-level access: an id from another network, under a network the user coordinates,
answers 404 and changes nothing; lists have a pinned query budget."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from verso.core.models import AuditEntry
from verso.meetings import services
from verso.meetings.models import ActionItem, Invitation, Meeting, OutgoingMail, TimePoll
from verso.meetings.tests.factories import make_item, make_meeting, make_past_meeting, make_poll

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(world):
    """Rows of the other network (coordinated by the outsider)."""
    meeting = make_meeting(world, world.other_network, actor=world.outsider)
    outsider_person = world.outsider.person
    item = make_item(world, world.other_network, actor=world.outsider, owner=outsider_person)
    poll = make_poll(world, world.other_network, actor=world.outsider)
    mail = OutgoingMail.objects.create(
        network=world.other_network,
        kind="invitation",
        to_email="o@test.example",
        language="fi",
        subject="S",
        body="B",
        status="failed",
    )
    return {"meeting": meeting, "item": item, "poll": poll, "mail": mail}


def _state():
    return (
        list(Meeting.objects.values_list("pk", "title", "notes", "unnamed_clients")),
        list(Invitation.objects.values_list("pk", "reply")),
        list(ActionItem.objects.values_list("pk", "status")),
        list(TimePoll.objects.values_list("pk", "status")),
        list(OutgoingMail.objects.values_list("pk", "status")),
        AuditEntry.objects.exclude(action="access.denied").count(),
    )


MEETING_PAGES = [
    "detail",
    "edit",
    "ics",
    "invite",
    "reply",
    "attendance",
    "minutes",
    "material_add",
]


@pytest.mark.parametrize("name", MEETING_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_meeting_of_another_network_is_not_found_under_mine(client, world, foreign, name, method):
    if method == "post" and name == "ics" or method == "post" and name == "detail":
        pytest.skip("read-only page")
    client.force_login(world.coordinator)
    url = reverse(f"meetings:{name}", args=[world.network.pk, foreign["meeting"].pk])
    before = _state()
    data = {"title": "X", "reply": "yes", "notes": "N", "people": [], "unnamed_clients": 1}
    response = client.get(url) if method == "get" else client.post(url, data)
    assert response.status_code == 404
    assert _state() == before


@pytest.mark.parametrize(
    ("name", "key", "method"),
    [
        ("item_status", "item", "post"),
        ("poll", "poll", "get"),
        ("poll", "poll", "post"),
        ("poll_close", "poll", "post"),
        ("mail_resend", "mail", "post"),
    ],
)
def test_other_rows_of_another_network_are_not_found_under_mine(
    client, world, foreign, name, key, method
):
    client.force_login(world.coordinator)
    url = reverse(f"meetings:{name}", args=[world.network.pk, foreign[key].pk])
    before = _state()
    data = {"status": "done", "slot": foreign["poll"].slots.first().pk}
    response = client.get(url) if method == "get" else client.post(url, data)
    assert response.status_code == 404
    assert _state() == before


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/meetings/{meeting}", None),
        ("patch", "/meetings/{meeting}", {"title": "X"}),
        ("post", "/meetings/{meeting}/invitations", {"person_ids": []}),
        ("post", "/meetings/{meeting}/reply", {"reply": "yes"}),
        ("put", "/meetings/{meeting}/attendance", {}),
        ("put", "/meetings/{meeting}/minutes", {"notes": "N"}),
        ("patch", "/action-items/{item}", {"status": "done"}),
        ("post", "/polls/{poll}/votes", {"answers": {"1": "yes"}}),
        ("post", "/polls/{poll}/close", {"slot_id": 1}),
    ],
)
def test_api_ids_of_another_network_answer_404(client, world, foreign, method, path, body):
    client.force_login(world.coordinator)
    url = f"/api/v1/networks/{world.network.pk}" + path.format(
        meeting=foreign["meeting"].pk, item=foreign["item"].pk, poll=foreign["poll"].pk
    )
    before = _state()
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, data=body, content_type="application/json")
    assert response.status_code == 404, response.content
    assert _state() == before


def test_an_action_item_of_another_network_cannot_be_attached_through_its_meeting(world, foreign):
    with pytest.raises(Exception):  # noqa: B017  # a ValidationError naming the meeting
        services.action_item_create(
            actor=world.coordinator,
            network=world.network,
            title="T",
            owner_person=world.group.person,
            meeting=foreign["meeting"],
            due_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def _grow(world, n: int) -> None:
    for i in range(n):
        meeting = make_past_meeting(world, title=f"Past {i}", days_ago=i + 1)
        services.invite(actor=world.coordinator, meeting=meeting, people=[world.group.person])
        make_meeting(world, title=f"Coming {i}", days=i + 1)
        make_item(world, meeting=meeting)
        make_poll(world)


def _count(client, url) -> int:
    cache.clear()  # counted cold: the dashboard keeps its member part in the cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("name", "budget"),
    [
        ("meetings:list", 16),
        ("meetings:tasks", 18),
        ("meetings:history", 14),
        ("meetings:mail", 14),
        ("networks:list", 14),
        ("networks:detail", 32),  # as verso/networks/tests/test_views.py pins it
    ],
)
def test_list_pages_have_a_pinned_query_budget(
    client, world, django_assert_max_num_queries, name, budget
):
    client.force_login(world.coordinator)
    args = [] if name == "networks:list" else [world.network.pk]
    url = reverse(name, args=args)
    _grow(world, 2)
    small = _count(client, url)
    _grow(world, 10)
    with django_assert_max_num_queries(budget):
        large = _count(client, url)
    assert large == small


def test_feeds_have_a_pinned_query_budget(client, world, django_assert_max_num_queries):
    from verso.meetings.models import CalendarFeed

    token = CalendarFeed.objects.create(user=world.group).token
    _grow(world, 2)
    small = _count(client, reverse("meetings:feed", args=[token]))
    _grow(world, 10)
    with django_assert_max_num_queries(6):
        large = _count(client, reverse("meetings:feed", args=[token]))
    assert large == small
