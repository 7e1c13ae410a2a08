"""Object-level access: an id from another network, under a network the user coordinates,
answers 404 and changes nothing — for every page and API operation that takes an id."""

import pytest
from django.urls import reverse

from verso.accounts.services import api_token_create
from verso.core.models import AuditEntry
from verso.networks.models import Membership, MembershipRole
from verso.networks.services import network_coordinator

pytestmark = pytest.mark.django_db

PAGES = [
    ("networks:member_edit", "get"),
    ("networks:member_edit", "post"),
    ("networks:member_end", "get"),
    ("networks:member_end", "post"),
    ("privacy:member_data", "get"),
    ("privacy:member_data_json", "get"),
    ("privacy:member_consent", "post"),
    ("privacy:member_erase", "get"),
    ("privacy:member_erase", "post"),
]

API = [
    ("patch", "/networks/{network}/memberships/{foreign}", {"roles": ["partner"]}),
    ("post", "/networks/{network}/memberships/{foreign}/end", {}),
    ("post", "/networks/{network}/handover", {"membership_id": "{foreign}"}),
]


def _state():
    return (
        list(Membership.objects.values_list("pk", "ends_on", "organisation_id")),
        list(MembershipRole.objects.values_list("pk", "role", "ends_on")),
        AuditEntry.objects.exclude(action="access.denied").count(),
    )


@pytest.mark.parametrize(("name", "method"), PAGES)
def test_a_membership_of_another_network_is_not_found_under_mine(client, world, name, method):
    foreign = network_coordinator(world.other_network)
    client.force_login(world.coordinator)
    url = reverse(name, kwargs={"network_id": world.network.pk, "membership_id": foreign.pk})
    before = _state()
    data = {
        "confirm": "on",
        "ends_on": "2030-01-01",
        "roles": ["partner"],
        "purpose": "photos",
        "action": "give",
    }
    response = client.get(url) if method == "get" else client.post(url, data)
    assert response.status_code == 404
    assert _state() == before


@pytest.mark.parametrize(("method", "path", "body"), API)
def test_api_ids_of_another_network_are_not_found(client, world, method, path, body):
    foreign = network_coordinator(world.other_network)
    _token, key = api_token_create(user=world.coordinator, name="t")
    url = "/api/v1" + path.format(network=world.network.pk, foreign=foreign.pk)
    body = {k: (foreign.pk if v == "{foreign}" else v) for k, v in body.items()}
    before = _state()
    response = getattr(client, method)(
        url, data=body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 404
    assert _state() == before


def test_a_token_of_another_user_cannot_be_revoked(client, world):
    token, _key = api_token_create(user=world.outsider, name="theirs")
    client.force_login(world.coordinator)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


# --- methods ---
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", ["methods:activity_uses", "methods:meeting_uses"])
def test_an_activity_or_training_of_another_network_takes_no_methods_under_mine(
    client, world, name, method
):
    from verso.events.services import activity_create
    from verso.events.testing import _at
    from verso.meetings.services import meeting_create
    from verso.methods.models import MethodUse
    from verso.methods.testing import methods_method

    chosen = methods_method(world)
    if name == "methods:activity_uses":
        foreign = activity_create(
            actor=world.outsider,
            network=world.other_network,
            organisers=[],
            type="nature",
            title="Theirs",
            starts_at=_at(3, 10),
            ends_at=_at(3, 12),
        )
        kwargs = {"activity_id": foreign.pk}
    else:
        foreign = meeting_create(
            actor=world.outsider,
            network=world.other_network,
            title="Their training",
            place="Their library",
            method="Photo walk",
            kind="training",
            starts_at=_at(3, 10),
            ends_at=_at(3, 12),
        )
        kwargs = {"meeting_id": foreign.pk}
    client.force_login(world.coordinator)
    url = reverse(name, kwargs={"network_id": world.network.pk, **kwargs})
    response = client.get(url) if method == "get" else client.post(url, {"methods": [chosen.pk]})
    assert response.status_code == 404
    assert not MethodUse.objects.exists()


def test_api_method_ids_that_do_not_exist_are_not_found(client, world):
    _token, key = api_token_create(user=world.coordinator, name="t")
    for verb in ("get", "put"):
        response = getattr(client, verb)(
            "/api/v1/methods/987654",
            data={"name": "x", "description": "y", "kind": "music"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        assert response.status_code == 404


# --- embedding ---
def test_a_structure_link_of_another_network_is_not_found_under_mine(client, world):
    from verso.embedding.models import StructureLink
    from verso.embedding.services import structure_link_add

    foreign = structure_link_add(
        actor=world.outsider,
        network=world.other_network,
        kind="wellbeing_plan",
        title="Other plan",
        url="https://other.example",
    )
    client.force_login(world.coordinator)
    url = reverse("embedding:link_delete", args=[world.network.pk, foreign.pk])
    before = AuditEntry.objects.exclude(action="access.denied").count()
    assert client.post(url).status_code == 404
    assert StructureLink.objects.filter(pk=foreign.pk).exists()
    assert AuditEntry.objects.exclude(action="access.denied").count() == before
