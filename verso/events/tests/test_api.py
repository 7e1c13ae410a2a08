"""The events API: public reads without sign-in, sign-up with Idempotency-Key, organisers'
writes, and the Linked Events–compatible feed validated against Linked Events' schema."""

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.core.cache import cache

from verso.accounts.services import api_token_create
from verso.events import services
from verso.events.models import Activity, Signup
from verso.events.tests.factories import (
    activity,
    at,
    exhibition,
    place,
    signup,
    signup_activity,
    work,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_published_activities_are_public_and_drafts_are_not(client, world):
    act = signup_activity(world, place=place(world), organisers=[world.organisation])
    activity(world, title="Secret draft", status="draft")
    response = client.get(f"{API}/events/activities")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and data["items"][0]["title"] == act.title
    assert data["items"][0]["places_left"] == 10
    assert data["items"][0]["place"]["name"] == "Library yard"
    assert client.get(f"{API}/events/activities/{act.pk}").json()["organisers"] == ["Library"]
    draft = Activity.objects.get(title="Secret draft")
    assert client.get(f"{API}/events/activities/{draft.pk}").status_code == 404


def test_public_list_filters_and_unknown_values(client, world):
    activity(world, title="Walk", type="nature")
    activity(world, title="Gig", type="music", is_free=False)
    assert [
        a["title"] for a in client.get(f"{API}/events/activities?type=nature").json()["items"]
    ] == ["Walk"]
    assert [
        a["title"] for a in client.get(f"{API}/events/activities?free=true").json()["items"]
    ] == ["Walk"]
    for bad in ["type=bogus", "language=xx", "audience=martians", "start=abc", "place_id=abc"]:
        response = client.get(f"{API}/events/activities?{bad}")
        assert response.status_code == 422 and "detail" in response.json(), bad


def test_public_places_and_gallery(client, world):
    yard = place(world)
    place(world, name="Unused")
    activity(world, place=yard)
    names = [p["name"] for p in client.get(f"{API}/events/places").json()["items"]]
    assert names == ["Library yard"]
    assert client.get(f"{API}/events/places/{yard.pk}").json()["name"] == "Library yard"
    act = exhibition(world)
    w = work(world, act)
    services.work_curate(actor=world.coordinator, work=w, accept=True)
    items = client.get(f"{API}/events/activities/{act.pk}/gallery").json()["items"]
    assert items[0]["alt_text"] == "A lake at sunrise." and items[0]["credit"] == "Cissi"


def test_signing_up_through_the_api_with_an_idempotency_key(client, world):
    act = signup_activity(world, capacity=1, waitlist=1)
    body = {"name": "Aino", "email": "aino@test.example"}
    url = f"{API}/events/activities/{act.pk}/signups"
    first = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert (
        first.status_code == 201 and first.json()["status"] == "confirmed" and first.json()["token"]
    )
    again = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert again.json()["token"] == first.json()["token"]
    # The same contact without the key: the existing sign-up, but not its secret.
    third = client.post(url, body, content_type="application/json")
    assert third.status_code == 200 and third.json()["token"] is None
    second = client.post(url, {"name": "B", "phone": "0401"}, content_type="application/json")
    assert second.json()["status"] == "waitlisted"
    full = client.post(url, {"name": "C", "phone": "0402"}, content_type="application/json")
    assert full.status_code == 422
    assert full.json()["detail"][0]["loc"] == ["body", "activity"]
    assert Signup.objects.count() == 2


def test_api_sign_up_is_rate_limited(client, world, settings):
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "event_signup": "2/m"}
    act = signup_activity(world)
    url = f"{API}/events/activities/{act.pk}/signups"
    codes = [
        client.post(
            url, {"name": "A", "email": f"a{n}@test.example"}, content_type="application/json"
        ).status_code
        for n in range(3)
    ]
    assert codes == [201, 201, 429]


def test_organisers_create_publish_and_read_participants(client, world):
    _token, key = api_token_create(user=world.group, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    yard = client.post(
        f"{API}/networks/{world.network.pk}/places",
        {"name": "Yard", "address": "Road 1", "latitude": 65.9, "longitude": 29.1},
        content_type="application/json",
        **auth,
    )
    assert yard.status_code == 201, yard.json()
    created = client.post(
        f"{API}/networks/{world.network.pk}/activities",
        {
            "type": "pop_up",
            "title": "Pop-up",
            "starts_at": at(3).isoformat(),
            "ends_at": at(3, 15).isoformat(),
            "place_id": yard.json()["id"],
            "organisation_ids": [world.organisation.pk],
            "signup_enabled": True,
            "capacity": 10,
        },
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert client.get(f"{API}/events/activities/{pk}").status_code == 404  # a draft
    patched = client.patch(
        f"{API}/networks/{world.network.pk}/activities/{pk}",
        {"status": "published"},
        content_type="application/json",
        **auth,
    )
    assert patched.json()["status"] == "published"
    signup(Activity.objects.get(pk=pk), 1)
    people = client.get(f"{API}/networks/{world.network.pk}/activities/{pk}/signups", **auth).json()
    assert people["items"][0]["name"] == "Person 1"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"ends_at": at(3, 9).isoformat()}, "ends_at"),
        ({"capacity": -1}, "capacity"),
        ({"place_id": 999999}, "place_id"),
        ({"organisation_ids": [999999]}, "organisation_ids"),
        (
            {"starts_at": "9999-12-31T23:00:00-12:00", "ends_at": "9999-12-31T23:30:00-12:00"},
            "starts_at",
        ),
    ],
)
def test_bad_activities_through_the_api_are_refused(client, world, body, field):
    client.force_login(world.coordinator)
    base = {
        "type": "pop_up",
        "title": "X",
        "starts_at": at(3).isoformat(),
        "ends_at": at(3, 15).isoformat(),
    }
    response = client.post(
        f"{API}/networks/{world.network.pk}/activities",
        {**base, **body},
        content_type="application/json",
    )
    assert response.status_code == 422 and field in json.dumps(response.json())
    assert not Activity.objects.exists()


def test_public_reads_are_cached_and_invalidated_on_change(
    client, world, django_assert_num_queries
):
    act = activity(world)
    cache.clear()
    client.get(f"{API}/events/activities")
    with django_assert_num_queries(0):
        client.get(f"{API}/events/activities")
    services.activity_update(actor=world.coordinator, activity=act, title="Renamed")
    assert client.get(f"{API}/events/activities").json()["items"][0]["title"] == "Renamed"


@pytest.mark.parametrize("rows", [5, 50])
def test_public_api_list_query_count_is_pinned(client, world, rows, django_assert_max_num_queries):
    yard = place(world)
    for n in range(rows):
        activity(world, title=f"A{n}", place=yard, organisers=[world.organisation])
    cache.clear()
    with django_assert_max_num_queries(3):
        assert client.get(f"{API}/events/activities?page_size=50").status_code == 200


# Linked Events ----------------------------------------------------------------------------------

SCHEMAS = yaml.safe_load(
    (Path(__file__).parent / "linked_events_schemas.yaml").read_text(encoding="utf-8")
)["components"]["schemas"]
# Linked Events' generated description types a few JSON-LD reference lists (keywords,
# audience, in_language, sub_events, images) as arrays of arrays; the API itself answers
# arrays of {"@id": …} objects, and calendars built for it read those. Validate the shape the
# service really serves.
ARRAY_OF_REFS = ["keywords", "audience", "in_language", "sub_events", "images"]


def to_json_schema(node):
    """OpenAPI 3.0 → JSON Schema: ``nullable`` becomes a null alternative."""
    if isinstance(node, list):
        return [to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: to_json_schema(v) for k, v in node.items() if k not in ("nullable", "x-spec-enum-id")}
    if "$ref" in out:
        out["$ref"] = out["$ref"].replace("#/components/schemas/", "#/definitions/")
    if node.get("nullable"):
        if "type" in out:
            out["type"] = [out["type"], "null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
        else:
            return {"anyOf": [out, {"type": "null"}]}
    return out


def validator(name: str) -> jsonschema.Draft7Validator:
    definitions = to_json_schema(copy.deepcopy(SCHEMAS))
    for field in ARRAY_OF_REFS:
        definitions["Event"]["properties"][field]["items"] = definitions["Event"]["properties"][
            field
        ]["items"]["items"]
    schema = {**definitions[name], "definitions": definitions}
    return jsonschema.Draft7Validator(schema)


def assert_valid(name: str, data) -> None:
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(e.path))
    assert errors == [], "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_the_linked_events_feed_validates_against_their_schema(client, world):
    yard = place(world, latitude=65.96, longitude=29.18, languages=["fi", "sv"])
    umbrella = activity(world, title="Summer oasis", place=yard, organisers=[world.organisation])
    activity(
        world,
        title="Garden session",
        place=yard,
        parent=umbrella,
        recurrence="weekly",
        recurrence_until=at(60).date(),
        translations={"sv": {"title": "Trädgårdsträff", "description": "Vi odlar."}},
        signup_enabled=True,
        capacity=8,
    )
    activity(world, title="Cancelled one", status="cancelled", is_free=False, price="5 €")
    activity(world, title="Draft", status="draft")

    events = client.get("/linkedevents/v1/event/?page_size=2")
    assert events.status_code == 200
    data = events.json()
    assert_valid("PaginatedEventList", data)
    assert (
        data["meta"]["count"] == 3 and data["meta"]["next"].endswith("page=2&page_size=2") is False
    )
    assert "page=2" in data["meta"]["next"] and data["meta"]["previous"] is None
    page2 = client.get(data["meta"]["next"]).json()
    assert_valid("PaginatedEventList", page2)
    by_name = {e["name"]["fi"]: e for e in data["data"] + page2["data"]}
    assert set(by_name) == {"Summer oasis", "Garden session", "Cancelled one"}
    garden = by_name["Garden session"]
    assert garden["name"] == {"fi": "Garden session", "sv": "Trädgårdsträff"}
    assert garden["super_event"]["@id"].endswith(f"/linkedevents/v1/event/verso:{umbrella.pk}/")
    assert garden["super_event_type"] == "recurring"
    assert by_name["Summer oasis"]["super_event_type"] == "umbrella"
    assert by_name["Cancelled one"]["event_status"] == "EventCancelled"
    assert by_name["Cancelled one"]["offers"][0]["is_free"] is False

    detail = client.get(f"/linkedevents/v1/event/verso:{umbrella.pk}/")
    assert_valid("Event", detail.json())
    places = client.get("/linkedevents/v1/place/")
    assert_valid("PaginatedPlaceList", places.json())
    one = client.get(places.json()["data"][0]["@id"].replace("http://testserver", ""))
    assert_valid("Place", one.json())
    assert one.json()["position"]["coordinates"] == [29.18, 65.96]
    assert one.json()["n_events"] == 2


def test_linked_events_start_and_end_filters(client, world):
    activity(world, title="Soon", starts_at=at(2), ends_at=at(2, 14))
    activity(world, title="Later", starts_at=at(30), ends_at=at(30, 14))

    def names(q):
        return [e["name"]["fi"] for e in client.get(f"/linkedevents/v1/event/?{q}").json()["data"]]  # noqa: E731

    assert names(f"start={at(10).date()}") == ["Later"]
    assert names(f"end={at(10).date()}") == ["Soon"]
    assert names("start=today") == ["Soon", "Later"]
    for bad in [
        "start=abc",
        "page=0",
        "page_size=1000",
        "page=abc",
        "end=2024-13-45",
        "start=9999-12-31T23:00:00-12:00",
        "end=0001-01-01",
    ]:
        response = client.get(f"/linkedevents/v1/event/?{bad}")
        assert response.status_code == 400 and "detail" in response.json(), bad
    assert client.get("/linkedevents/v1/event/?page=99").status_code == 404
    assert client.get("/linkedevents/v1/event/bogus/").status_code == 404
    assert client.get("/linkedevents/v1/place/verso:999999/").status_code == 404
