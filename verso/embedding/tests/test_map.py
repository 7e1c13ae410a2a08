import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from verso.embedding.netmap import network_map
from verso.meetings import services as meeting_services

pytestmark = pytest.mark.django_db


def _attend_together(world):
    from verso.meetings.tests.factories import make_past_meeting

    meeting = make_past_meeting(world)
    meeting_services.attendance_set(
        actor=world.coordinator,
        meeting=meeting,
        people=[world.group.person, world.professional.person],
    )
    return meeting


def _co_organise(world, n=1):
    from verso.events import services as event_services

    for i in range(n):
        start = timezone.now() + datetime.timedelta(days=3 + i)
        event_services.activity_create(
            actor=world.coordinator,
            network=world.network,
            organisers=[world.organisation, world.unit],
            type="pop_up",
            status="published",
            title=f"Pop-up {i}",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )


def test_co_organised_activities_tie_two_sectors_weighted(world):
    _co_organise(world, 2)
    result = network_map(world.network)
    assert {n.name for n in result.nodes} == {"Library", "Social rehabilitation unit"}
    (tie,) = result.ties
    assert tie.weight == 2 and tie.kinds == {"activity": 2} and tie.cross_sector
    assert result.cross_ties == 1
    quarter, new, total = result.cross_by_quarter[0]
    assert (new, total) == (1, 1) and " Q" in quarter
    data = result.as_json()
    assert data["edges"][0]["weight"] == 2 and data["edges"][0]["cross_sector"] is True
    assert all(30 <= node["x"] <= 440 and 30 <= node["y"] <= 570 for node in data["nodes"])


def test_meetings_attended_together_tie_the_organisations(world):
    _attend_together(world)
    (tie,) = network_map(world.network).ties
    assert tie.kinds == {"meeting": 1}


def test_the_layout_is_the_same_for_the_same_data(world):
    _co_organise(world)
    first = network_map(world.network).as_json()["nodes"]
    assert network_map(world.network).as_json()["nodes"] == first


def test_the_map_page_draws_an_svg_with_a_legend_a_table_and_a_list_of_ties(client, world):
    _co_organise(world)
    client.force_login(world.professional)
    body = client.get(reverse("embedding:map", args=[world.network.pk])).content.decode()
    assert '<svg class="network-map"' in body and 'class="cross"' in body
    assert "C = Culture services" in body  # the legend names sector by letter, not colour
    assert "across sectors" in body
    assert reverse("networks:organisation", args=[world.unit.pk]) in body


def test_the_installation_map_is_for_the_operator_only(client, world):
    url = reverse("embedding:map_all")
    client.force_login(world.coordinator)
    assert client.get(url).status_code == 403
    client.force_login(world.superuser)
    body = client.get(url).content.decode()
    assert "Map of every network" in body and "Library" in body


def test_the_map_reads_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    from verso.embedding.tests.test_checklist import _grow

    _grow(world, 2)
    with CaptureQueriesContext(connection) as ctx:
        network_map(world.network)
    small = len(ctx.captured_queries)
    _grow(world, 15)
    with CaptureQueriesContext(connection) as ctx:
        network_map(world.network)
    assert len(ctx.captured_queries) == small == 5
    with CaptureQueriesContext(connection) as ctx:
        network_map(None)
    assert len(ctx.captured_queries) == 5


def test_tasks_taken_from_the_same_meeting_tie_the_organisations(world):
    from verso.meetings.tests.factories import make_item, make_meeting

    meeting = make_meeting(world)
    make_item(world, meeting=meeting, owner=world.group.person)  # the library's person
    meeting_services.action_item_create(
        actor=world.coordinator,
        network=world.network,
        title="Bring the clients",
        owner_organisation=world.unit,
        due_on=timezone.localdate() + datetime.timedelta(days=5),
        meeting=meeting,
    )
    (tie,) = network_map(world.network).ties
    assert tie.kinds == {"task": 1} and tie.cross_sector
