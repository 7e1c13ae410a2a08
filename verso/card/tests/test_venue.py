"""An offering may refer to a place in its network's directory (events' places): its page
then shows the place's accessibility facts; the free text stays for places outside it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from verso.card import services
from verso.card.tests.factories import card_world
from verso.events.tests.factories import place

pytestmark = pytest.mark.django_db


def test_an_offering_refers_to_a_place_of_the_schemes_network_only(world):
    cw = card_world(world)
    mine = place(world, name="Library hall", hearing_loop=True)
    theirs = place(world, network=world.other_network, name="Their hall")
    with pytest.raises(ValidationError) as error:
        services.offering_update(actor=world.group, offering=cw.offering, venue=theirs)
    assert error.value.message_dict == {"venue": ["Choose a place of the scheme's network."]}
    cw.offering.refresh_from_db()
    assert cw.offering.venue is None
    services.offering_update(actor=world.group, offering=cw.offering, venue=mine)
    cw.offering.refresh_from_db()
    assert cw.offering.venue == mine and cw.offering.place == "Library"  # the text stays


def test_the_offering_form_offers_the_networks_places(client, world):
    cw = card_world(world)
    mine = place(world, name="Library hall")
    place(world, network=world.other_network, name="Their hall")
    client.force_login(world.group)
    url = reverse("card:offering_edit", args=[cw.offering.pk])
    page = client.get(url).content.decode()
    assert "Library hall" in page and "Their hall" not in page
    response = client.post(
        url,
        {
            "title_fi": "Taidetyöpaja",
            "place": "Library",
            "venue": str(mine.pk),
            "schedule": "Tuesdays 13–15",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    cw.offering.refresh_from_db()
    assert cw.offering.venue == mine


def _count(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_offering_page_shows_the_places_accessibility_facts(client, world):
    cw = card_world(world)
    url = reverse("card:offering", args=[cw.offering.pk])
    without, page = _count(client, url)
    assert "Getting there and accessibility" not in page
    venue = place(world, name="Library hall", hearing_loop=True, transport_distance_m=120)
    services.offering_update(actor=world.group, offering=cw.offering, venue=venue)
    with_venue, page = _count(client, url)
    assert "Getting there and accessibility" in page and "Library hall" in page
    assert "Step-free access" in page and "Hearing loop" in page
    assert "120 metres from public transport" in page
    assert with_venue == without  # the place comes with the offering, in the same query
