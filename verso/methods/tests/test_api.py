import pytest

from verso.accounts.services import api_token_create
from verso.methods import services
from verso.methods.models import Method
from verso.methods.testing import METHOD_DATA, methods_method

pytestmark = pytest.mark.django_db
API = "/api/v1"


def auth(user) -> dict:
    _token, key = api_token_create(user=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.mark.parametrize("count", [5, 50])
def test_list_and_search_with_a_pinned_query_budget(
    client, world, count, django_assert_num_queries
):
    for n in range(count):
        services.method_create(actor=world.coordinator, data={**METHOD_DATA, "name": f"M{n:02}"})
    headers = auth(world.client)
    with django_assert_num_queries(4):
        response = client.get(
            f"{API}/methods", {"q": "M", "page_size": 20}, HTTP_ACCEPT_LANGUAGE="sv", **headers
        )
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == count and len(body["items"]) == min(count, 20)
    assert body["items"][0]["kind_label"] == "Fotografi"  # in the language asked for
    response = client.get(f"{API}/methods", {"kind": "dance"}, **headers)
    assert response.status_code == 422


def test_detail_create_update(client, world):
    method = methods_method(world)
    body = client.get(f"{API}/methods/{method.pk}", **auth(world.client)).json()
    assert body["name"] == "Luontokuvakävely" and body["evidence_links"]
    assert client.get(f"{API}/methods/999999", **auth(world.client)).status_code == 404
    headers = auth(world.group)
    data = {**METHOD_DATA, "name": "Story circle"}
    response = client.post(f"{API}/methods", data, content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    created = Method.objects.get(name="Story circle")
    assert created.created_by == world.group
    response = client.put(
        f"{API}/methods/{created.pk}",
        {**data, "kind": "writing"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200 and response.json()["kind"] == "writing"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"evidence_links": ["www.example.org"]}, "evidence_links"),
        ({"evidence_links": ["ftp://example.org"]}, "evidence_links"),
        ({"name": "LUONTOKUVAKÄVELY"}, "name"),
        ({"kind": "dance"}, "kind"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"translations": {"de": {"name": "x"}}}, "translations"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, world, changes, field):
    methods_method(world)
    response = client.post(
        f"{API}/methods",
        {**METHOD_DATA, **changes},
        content_type="application/json",
        **auth(world.coordinator),
    )
    assert response.status_code == 422
    assert field in str(response.json()["detail"])
    assert Method.objects.count() == 1


def test_only_coordination_may_write(client, world):
    method = methods_method(world)
    headers = auth(world.professional)
    assert (
        client.post(
            f"{API}/methods", METHOD_DATA, content_type="application/json", **headers
        ).status_code
        == 403
    )
    assert (
        client.put(
            f"{API}/methods/{method.pk}", METHOD_DATA, content_type="application/json", **headers
        ).status_code
        == 403
    )
    response = client.post(
        f"{API}/methods/import",
        {"document": {"format": "verso-methods", "version": 1, "methods": []}},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 403


def test_export_and_import(client, world):
    first = methods_method(world)
    services.method_create(actor=world.coordinator, data={**METHOD_DATA, "name": "B"})
    headers = auth(world.coordinator)
    document = client.get(f"{API}/methods/export", {"ids": [first.pk]}, **headers).json()
    assert [m["name"] for m in document["methods"]] == ["Luontokuvakävely"]
    document["methods"].append({**METHOD_DATA, "name": "New one", "kind": "music"})
    response = client.post(
        f"{API}/methods/import",
        {"document": document, "on_duplicate": "skip"},
        content_type="application/json",
        **headers,
    )
    body = response.json()
    assert response.status_code == 200, body
    assert body["created"] == ["New one"] and body["skipped"] == ["Luontokuvakävely"]
    document["methods"].append({**METHOD_DATA, "name": "Bad", "evidence_links": ["x.fi"]})
    response = client.post(
        f"{API}/methods/import",
        {"document": document, "on_duplicate": "update"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == [
        "body",
        "document",
        "methods[2].evidence_links[0]",
    ]
    assert not Method.objects.filter(name="Bad").exists()
    assert Method.objects.get(name="New one").kind == "music"  # not updated: nothing imported
