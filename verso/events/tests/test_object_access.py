"""Object-level access: an activity, place, sign-up or work of another network, under a
network the user coordinates, answers 404 and changes nothing — for every page and API
operation that takes such an id."""

import pytest
from django.urls import reverse

from verso.accounts.services import api_token_create
from verso.core.models import AuditEntry
from verso.events.models import Activity, Place, Signup, Work
from verso.events.tests.factories import activity, exhibition, place, signup, work

pytestmark = pytest.mark.django_db


def state():
    return (
        list(Activity.objects.order_by("pk").values()),
        list(Place.objects.order_by("pk").values()),
        list(Signup.objects.order_by("pk").values()),
        list(Work.objects.order_by("pk").values()),
        AuditEntry.objects.exclude(action="access.denied").count(),
    )


@pytest.fixture
def foreign(world):
    """An exhibition with sign-up, a place, a sign-up and a work in the other network."""
    yard = place(world, network=world.other_network)
    act = exhibition(
        world, network=world.other_network, place=yard, signup_enabled=True, capacity=5
    )
    s = signup(act, 1)
    from verso.networks.models import Person

    w = work(
        world,
        act,
        community=world.organisation,
        creator=Person.objects.get(user=world.outsider),
        actor=world.outsider,
    )
    return {"activity": act, "place": yard, "signup": s, "work": w}


PAGES = [
    ("events:manage", "get", ["activity"]),
    ("events:edit", "get", ["activity"]),
    ("events:edit", "post", ["activity"]),
    ("events:participants", "get", ["activity"]),
    ("events:outcome", "get", ["activity"]),
    ("events:outcome", "post", ["activity"]),
    ("events:works", "get", ["activity"]),
    ("events:work_labels", "get", ["activity"]),
    ("events:work_submit", "get", ["activity"]),
    ("events:work_submit", "post", ["activity"]),
    ("events:place_edit", "get", ["place"]),
    ("events:place_edit", "post", ["place"]),
    ("events:attendance", "post", ["activity", "signup"]),
    ("events:work_curate", "post", ["activity", "work"]),
    ("events:work_image", "get", ["activity", "work"]),
]


@pytest.mark.parametrize(("name", "method", "ids"), PAGES, ids=[f"{m} {n}" for n, m, _i in PAGES])
def test_an_object_of_another_network_is_not_found_under_mine(
    client, world, foreign, name, method, ids
):
    client.force_login(world.coordinator)
    kwargs = {"network_id": world.network.pk}
    kwargs.update({f"{key}_id": foreign[key].pk for key in ids})
    before = state()
    data = {"title": "X", "decision": "accept", "attended": "yes", "taking_part": 1, "following": 1}
    response = (
        client.get(reverse(name, kwargs=kwargs))
        if method == "get"
        else client.post(reverse(name, kwargs=kwargs), data)
    )
    assert response.status_code == 404
    assert state() == before


def test_a_sign_up_of_my_activity_under_another_activity_is_not_found(client, world, foreign):
    mine = activity(world, signup_enabled=True, capacity=3)
    client.force_login(world.coordinator)
    url = reverse("events:attendance", args=[world.network.pk, mine.pk, foreign["signup"].pk])
    before = state()
    assert client.post(url, {"attended": "yes"}).status_code == 404
    checkin = reverse("events:checkin", args=[world.network.pk, mine.pk, foreign["signup"].token])
    assert client.post(checkin).status_code == 404
    assert state() == before


API = [
    ("patch", "/networks/{network}/activities/{activity}", {"title": "X"}),
    ("get", "/networks/{network}/activities/{activity}/signups", None),
]


@pytest.mark.parametrize(("method", "path", "body"), API)
def test_api_ids_of_another_network_are_not_found(client, world, foreign, method, path, body):
    _token, key = api_token_create(user=world.coordinator, name="t")
    url = "/api/v1" + path.format(network=world.network.pk, activity=foreign["activity"].pk)
    before = state()
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    if body is None:
        response = client.get(url, **kwargs)
    else:
        response = getattr(client, method)(
            url, data=body, content_type="application/json", **kwargs
        )
    assert response.status_code == 404
    assert state() == before


def test_creating_an_activity_at_a_place_of_another_network_is_refused(client, world, foreign):
    client.force_login(world.coordinator)
    before = state()
    response = client.post(
        f"/api/v1/networks/{world.network.pk}/activities",
        {
            "type": "pop_up",
            "title": "X",
            "starts_at": "2099-06-01T12:00:00+03:00",
            "ends_at": "2099-06-01T15:00:00+03:00",
            "place_id": foreign["place"].pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert state() == before
