"""The public list's filter form is cached with its results: what it shows still follows
the query string and every change of places."""

from django.urls import reverse

from verso.events import services
from verso.events.testing import events_activity, events_place


def test_the_cached_filter_form_keeps_the_query_and_follows_place_changes(client, world):
    events_activity(world)
    url = reverse("events:public_list")
    first = client.get(url).content.decode()
    assert "Library yard" in first
    assert client.get(url).content.decode().count("Library yard") == first.count("Library yard")
    # The query string picks the selected option, not a cached rendering of another.
    place = events_place(world)
    chosen = client.get(url, {"place": place.pk}).content.decode()
    assert f'value="{place.pk}" selected' in chosen
    assert f'value="{place.pk}" selected' not in client.get(url).content.decode()
    # A renamed place shows at once.
    services.place_update(actor=world.coordinator, place=place, name="Library garden")
    again = client.get(url).content.decode()
    assert "Library garden" in again and "Library yard" not in again
