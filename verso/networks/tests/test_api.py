"""The JSON API under /api/v1/, through HTTP: authentication, the one page shape, networks,
memberships, coverage, organisations, the OpenAPI schema and the query budget of each list.

Every test checks the database after the request, not only the answer.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from verso.accounts.services import api_token_create, api_token_revoke
from verso.accounts.testing import client_otp_verify
from verso.accounts.tests.factories import UserFactory
from verso.core.models import AuditEntry
from verso.networks import services
from verso.networks.choices import Competence, NetworkStatus, Role, Sector
from verso.networks.models import Membership, MembershipRole, Network, Organisation, Person

pytestmark = pytest.mark.django_db

API = "/api/v1"
PAGE_KEYS = {"items", "count", "page", "page_size"}


def sign_in(client: Client, user) -> Client:
    """A session past the password and the one-time code (coordinators and superusers need
    both), verified with a real device as after a correct code."""
    client.force_login(user)
    client_otp_verify(client, user)
    return client


def bearer(user, name: str = "tests") -> Client:
    """A client that authenticates with a fresh personal token of ``user``."""
    _token, key = api_token_create(user=user, name=name)
    return Client(headers={"authorization": f"Bearer {key}"})


def post_json(client: Client, url: str, body, method: str = "post"):
    return getattr(client, method)(url, data=body, content_type="application/json")


def current_roles(membership) -> set[str]:
    return set(
        MembershipRole.objects.filter(membership=membership, ends_on__isnull=True).values_list(
            "role", flat=True
        )
    )


def current_coordinators(network) -> list[int]:
    return list(
        MembershipRole.objects.filter(
            network=network, role=Role.COORDINATOR, ends_on__isnull=True
        ).values_list("membership_id", flat=True)
    )


def error_fields(response) -> set[str]:
    """The field names in a 422 answer's ``detail[].loc``."""
    return {str(part) for item in response.json()["detail"] for part in item["loc"]}


def in_response_language(response, message: str) -> str:
    """``message`` translated into the language the response was made in."""
    with translation.override(response["Content-Language"]):
        return translation.gettext(message)


@pytest.fixture
def api(world) -> Client:
    """The coordinator of ``world.network``, authenticated with a token."""
    return bearer(world.coordinator)


# Authentication ----------------------------------------------------------------------------


def test_a_bearer_token_authenticates_and_records_its_use(world):
    token, key = api_token_create(user=world.coordinator, name="script")
    client = Client(headers={"authorization": f"Bearer {key}"})
    response = client.get(f"{API}/networks")
    assert response.status_code == 200
    assert [n["name"] for n in response.json()["items"]] == ["Summer oasis"]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_answers_401_and_changes_nothing(world):
    token, key = api_token_create(user=world.coordinator, name="old")
    api_token_revoke(user=world.coordinator, token=token)
    client = Client(headers={"authorization": f"Bearer {key}"})
    networks = Network.objects.count()
    assert client.get(f"{API}/networks").status_code == 401
    body = {"name": "Sneaky", "municipality": "Oulu", "goal": "Get in."}
    assert post_json(client, f"{API}/networks", body).status_code == 401
    assert Network.objects.count() == networks
    token.refresh_from_db()
    assert token.last_used_at is None


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer garbage",
        "Bearer vrs_" + "A" * 43,
        "Bearer " + "x" * 500,
        "Bearer ",
        "Basic Y29vcmRpbmF0b3JAdGVzdC5leGFtcGxlOnNlY3JldA==",
    ],
    ids=["garbage", "well-formed-unknown", "oversized", "empty", "basic-scheme"],
)
def test_a_garbage_token_answers_401(world, authorization):
    client = Client(headers={"authorization": authorization})
    assert client.get(f"{API}/networks").status_code == 401
    networks = Network.objects.count()
    body = {"name": "Sneaky", "municipality": "Oulu", "goal": "Get in."}
    assert post_json(client, f"{API}/networks", body).status_code == 401
    assert Network.objects.count() == networks


def test_without_any_credentials_the_api_answers_401(world):
    response = Client().get(f"{API}/networks/{world.network.pk}")
    assert response.status_code == 401


def test_the_browser_session_authenticates_reads(client, world):
    sign_in(client, world.professional)
    response = client.get(f"{API}/networks")
    assert response.status_code == 200
    assert response.json()["items"][0]["my_level"] == "member"


def test_an_unsafe_method_with_the_session_needs_the_csrf_token(world):
    client = sign_in(Client(enforce_csrf_checks=True), world.coordinator)
    body = {"name": "Via browser", "municipality": "Oulu", "goal": "Try."}
    before = Network.objects.count()

    refused = post_json(client, f"{API}/networks", body)
    assert refused.status_code in (401, 403)
    assert Network.objects.count() == before
    assert not Network.objects.filter(name="Via browser").exists()

    # The same request with the page's CSRF token goes through: the token was the reason.
    client.get(reverse("networks:create"))
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(
        f"{API}/networks", data=body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert accepted.status_code == 201
    assert Network.objects.filter(name="Via browser").count() == 1


def test_a_token_needs_no_csrf_token(world):
    _token, key = api_token_create(user=world.coordinator, name="script")
    client = Client(enforce_csrf_checks=True, headers={"authorization": f"Bearer {key}"})
    body = {"name": "Via script", "municipality": "Oulu", "goal": "Try."}
    assert post_json(client, f"{API}/networks", body).status_code == 201
    assert Network.objects.filter(name="Via script").count() == 1


# Pagination --------------------------------------------------------------------------------


def list_urls(world) -> dict[str, str]:
    n = world.network.pk
    return {
        "networks": f"{API}/networks",
        "organisations": f"{API}/organisations",
        "memberships": f"{API}/networks/{n}/memberships",
        "audit": f"{API}/networks/{n}/audit",
    }


def expected_counts(world) -> dict[str, int]:
    return {
        "networks": 1,
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.filter(network=world.network).count(),
        "audit": AuditEntry.objects.filter(network=world.network).count(),
    }


LISTS = ["networks", "organisations", "memberships", "audit"]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_answers_in_the_one_page_shape(api, world, name):
    response = api.get(list_urls(world)[name])
    assert response.status_code == 200
    page = response.json()
    assert set(page) == PAGE_KEYS
    assert (page["page"], page["page_size"]) == (1, 50)
    assert page["count"] == expected_counts(world)[name]
    assert len(page["items"]) == page["count"] > 0


@pytest.mark.parametrize("name", LISTS)
def test_a_page_size_above_the_cap_is_refused(api, world, name):
    response = api.get(list_urls(world)[name], {"page_size": 500})
    assert response.status_code == 422
    assert "page_size" in error_fields(response)
    assert api.get(list_urls(world)[name], {"page_size": 200}).status_code == 200


@pytest.mark.parametrize("name", LISTS)
def test_a_page_beyond_the_end_is_empty_but_keeps_the_count(api, world, name):
    response = api.get(list_urls(world)[name], {"page": 99, "page_size": 10})
    assert response.status_code == 200
    assert response.json() == {
        "items": [],
        "count": expected_counts(world)[name],
        "page": 99,
        "page_size": 10,
    }


def test_pages_split_the_rows_without_gaps_or_overlap(api, world):
    url = list_urls(world)["memberships"]
    first = api.get(url, {"page": 1, "page_size": 2}).json()
    second = api.get(url, {"page": 2, "page_size": 2}).json()
    ids = [m["id"] for m in first["items"]] + [m["id"] for m in second["items"]]
    assert len(first["items"]) == len(second["items"]) == 2
    assert sorted(ids) == sorted(
        Membership.objects.filter(network=world.network).values_list("pk", flat=True)
    )


# Networks ----------------------------------------------------------------------------------


def test_creating_a_network_makes_the_creator_its_coordinator(api, world):
    body = {
        "name": "Forest walks",
        "municipality": "Taivalkoski",
        "goal": "Walk together every week.",
        "phase": "planning",
        "target_groups": ["older_people", "residents"],
        "organisation_id": world.organisation.pk,
    }
    response = post_json(api, f"{API}/networks", body)
    assert response.status_code == 201
    data = response.json()
    assert data["my_level"] == "manage"
    network = Network.objects.get(pk=data["id"])
    assert (network.name, network.phase, network.status) == ("Forest walks", "planning", "active")
    assert network.target_groups == ["older_people", "residents"]
    coordinator = services.network_coordinator(network)
    assert coordinator.person.user == world.coordinator
    assert coordinator.organisation == world.organisation
    assert current_roles(coordinator) == {Role.COORDINATOR, Role.COORDINATION_GROUP}
    assert AuditEntry.objects.filter(network=network, action="network.create").count() == 1


def test_patching_a_network_changes_only_the_given_fields(api, world):
    # Moving forward needs what the phase needs (verso.networks.phases, tested with plans);
    # moving back needs nothing.
    Network.objects.filter(pk=world.network.pk).update(phase="evaluation")
    url = f"{API}/networks/{world.network.pk}"
    body = {"name": "Summer oasis 2", "phase": "implementation", "target_groups": ["children"]}
    response = post_json(api, url, body, "patch")
    assert response.status_code == 200
    assert response.json()["name"] == "Summer oasis 2"
    network = Network.objects.get(pk=world.network.pk)
    assert network.name == "Summer oasis 2"
    assert network.phase == "implementation"
    assert network.target_groups == ["children"]
    assert network.municipality == "Kuusamo"
    assert network.goal == "Bring people together."
    entry = AuditEntry.objects.get(network=network, action="network.update")
    assert set(entry.changes) == {"name", "phase", "target_groups"}


@pytest.mark.parametrize("status", [NetworkStatus.ENDED, NetworkStatus.PAUSED])
def test_a_network_can_be_ended_or_paused(api, world, status):
    response = post_json(api, f"{API}/networks/{world.network.pk}", {"status": status}, "patch")
    assert response.status_code == 200
    assert response.json()["status"] == status
    assert Network.objects.get(pk=world.network.pk).status == status


def test_an_unknown_target_group_is_refused_naming_the_field(api, world):
    audit = AuditEntry.objects.count()
    url = f"{API}/networks/{world.network.pk}"
    body = {"name": "Renamed", "target_groups": ["children", "martians"]}
    response = post_json(api, url, body, "patch")
    assert response.status_code == 422
    assert "target_groups" in error_fields(response)
    network = Network.objects.get(pk=world.network.pk)
    assert (network.name, network.target_groups) == ("Summer oasis", [])
    assert AuditEntry.objects.count() == audit

    networks = Network.objects.count()
    body = {"name": "New", "municipality": "Oulu", "goal": "G", "target_groups": ["martians"]}
    response = post_json(api, f"{API}/networks", body)
    assert response.status_code == 422
    assert "target_groups" in error_fields(response)
    assert Network.objects.count() == networks


# Memberships -------------------------------------------------------------------------------


def members_url(world, membership=None, suffix="") -> str:
    url = f"{API}/networks/{world.network.pk}/memberships"
    if membership is not None:
        url += f"/{membership.pk}"
    return url + suffix


def test_a_person_without_an_account_can_be_added(api, world):
    body = {
        "display_name": "Aino",
        "phone": "040 123 4567",
        "contact_consent": True,
        "roles": ["partner", "experience_expert"],
        "competences": ["guidance"],
        "competence_tags": ["photography"],
        "organisation_id": world.organisation.pk,
    }
    response = post_json(api, members_url(world), body)
    assert response.status_code == 201
    data = response.json()
    membership = Membership.objects.get(pk=data["id"])
    assert membership.network == world.network
    assert membership.person.display_name == "Aino"
    assert membership.person.user is None
    assert membership.person.competences == ["guidance"]
    assert membership.organisation == world.organisation
    assert current_roles(membership) == {"partner", "experience_expert"}
    assert sorted(data["roles"]) == ["experience_expert", "partner"]
    assert AuditEntry.objects.filter(action="membership.add", target_id=str(membership.pk)).exists()


def test_an_existing_account_can_be_added_by_its_email(api, world):
    newcomer = UserFactory(email="newcomer@test.example")
    body = {"user_email": "NEWCOMER@test.example", "roles": ["professional"]}
    response = post_json(api, members_url(world), body)
    assert response.status_code == 201
    membership = Membership.objects.get(pk=response.json()["id"])
    assert membership.person.user == newcomer
    assert current_roles(membership) == {"professional"}


def test_an_unknown_account_email_is_refused(api, world):
    members, people = Membership.objects.count(), Person.objects.count()
    body = {"user_email": "nobody@test.example", "roles": ["partner"]}
    response = post_json(api, members_url(world), body)
    assert response.status_code == 422
    assert "user_email" in error_fields(response)
    assert (Membership.objects.count(), Person.objects.count()) == (members, people)


def test_adding_a_current_member_again_is_refused(api, world):
    members = Membership.objects.filter(network=world.network).count()
    body = {"user_email": world.group.email, "roles": ["partner"]}
    response = post_json(api, members_url(world), body)
    assert response.status_code == 422
    assert "person" in error_fields(response)
    assert Membership.objects.filter(network=world.network).count() == members
    assert current_roles(world.group_membership) == {Role.COORDINATION_GROUP}


def test_patching_roles_closes_the_old_and_opens_the_new(api, world):
    m = world.professional_membership
    body = {"roles": ["partner", "experience_expert"], "organisation_id": world.organisation.pk}
    response = post_json(api, members_url(world, m), body, "patch")
    assert response.status_code == 200
    assert sorted(response.json()["roles"]) == ["experience_expert", "partner"]
    assert current_roles(m) == {"partner", "experience_expert"}
    closed = MembershipRole.objects.get(membership=m, role=Role.PROFESSIONAL)
    assert closed.ends_on == timezone.localdate()
    assert Membership.objects.get(pk=m.pk).organisation == world.organisation


@pytest.mark.parametrize("roles", [["coordinator"], ["coordinator", "partner"]])
def test_the_coordinator_role_cannot_be_given_by_patching_roles(api, world, roles):
    m = world.group_membership
    response = post_json(api, members_url(world, m), {"roles": roles}, "patch")
    assert response.status_code == 422
    assert "roles" in error_fields(response)
    assert current_roles(m) == {Role.COORDINATION_GROUP}
    assert len(current_coordinators(world.network)) == 1


def test_ending_a_membership_ends_it_and_its_roles(api, world):
    m = world.professional_membership
    response = post_json(api, members_url(world, m, "/end"), {})
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.json()["ends_on"] == today.isoformat()
    assert Membership.objects.get(pk=m.pk).ends_on == today
    assert current_roles(m) == set()
    listed = [x["id"] for x in api.get(members_url(world)).json()["items"]]
    assert m.pk not in listed
    everyone = api.get(members_url(world), {"include_ended": "true"}).json()["items"]
    assert m.pk in [x["id"] for x in everyone]


def test_ending_the_coordinators_membership_is_refused_asking_for_a_handover(api, world):
    coordinator = services.network_coordinator(world.network)
    response = post_json(api, members_url(world, coordinator, "/end"), {})
    assert response.status_code == 422
    message = (
        "The coordinator's membership cannot end. Hand coordination over to someone else first."
    )
    detail = response.json()["detail"]
    assert {"loc": ["body", "ends_on"], "msg": in_response_language(response, message)} in detail
    assert "Hand coordination over" in message  # the English text of that message
    assert Membership.objects.get(pk=coordinator.pk).ends_on is None
    assert current_roles(coordinator) == {Role.COORDINATOR, Role.COORDINATION_GROUP}


@pytest.mark.parametrize("keep", [True, False])
def test_handover_moves_coordination_to_a_member_with_an_account(api, world, keep):
    old = services.network_coordinator(world.network)
    url = f"{API}/networks/{world.network.pk}/handover"
    body = {"membership_id": world.group_membership.pk, "keep_previous_in_group": keep}
    response = post_json(api, url, body)
    assert response.status_code == 200
    assert "coordinator" in response.json()["roles"]
    assert current_coordinators(world.network) == [world.group_membership.pk]
    assert services.network_coordinator(world.network).person.user == world.group
    assert current_roles(old) == ({Role.COORDINATION_GROUP} if keep else set())
    # the previous coordinator may no longer manage the network (and without any role left,
    # is no longer in it at all)
    audit = api.get(f"{API}/networks/{world.network.pk}/audit")
    assert audit.status_code == (403 if keep else 404)


def test_handover_to_a_person_without_an_account_is_refused(api, world):
    nomad = services.membership_add_new_person(
        actor=world.coordinator, network=world.network, display_name="Nomad", roles=["partner"]
    )
    old = services.network_coordinator(world.network)
    url = f"{API}/networks/{world.network.pk}/handover"
    response = post_json(api, url, {"membership_id": nomad.pk})
    assert response.status_code == 422
    assert "to" in error_fields(response)
    assert current_coordinators(world.network) == [old.pk]
    assert current_roles(nomad) == {"partner"}


def test_a_professional_does_not_see_members_who_are_only_clients(world):
    professional = bearer(world.professional)
    group = bearer(world.group)
    client_id = world.client_membership.pk

    seen = professional.get(members_url(world)).json()
    assert client_id not in [m["id"] for m in seen["items"]]
    assert seen["count"] == Membership.objects.filter(network=world.network).count() - 1
    assert professional.get(members_url(world), {"role": "client"}).json()["count"] == 0

    seen = group.get(members_url(world)).json()
    assert client_id in [m["id"] for m in seen["items"]]
    assert seen["count"] == Membership.objects.filter(network=world.network).count()
    client_row = next(m for m in seen["items"] if m["id"] == client_id)
    assert client_row["roles"] == ["client"]


# Ids that belong to another network --------------------------------------------------------


def test_a_membership_of_another_network_is_not_found_under_this_one(api, world):
    stranger = services.network_coordinator(world.other_network)
    before = (
        current_roles(stranger),
        Membership.objects.get(pk=stranger.pk).ends_on,
        current_coordinators(world.network),
        AuditEntry.objects.exclude(action="access.denied").count(),
    )
    n = world.network.pk
    attempts = [
        ("patch", f"{API}/networks/{n}/memberships/{stranger.pk}", {"roles": ["partner"]}),
        ("post", f"{API}/networks/{n}/memberships/{stranger.pk}/end", {}),
        ("post", f"{API}/networks/{n}/handover", {"membership_id": stranger.pk}),
    ]
    for method, url, body in attempts:
        response = post_json(api, url, body, method)
        assert response.status_code == 404, (method, url, response.content)
    after = (
        current_roles(stranger),
        Membership.objects.get(pk=stranger.pk).ends_on,
        current_coordinators(world.network),
        AuditEntry.objects.exclude(action="access.denied").count(),
    )
    assert after == before


# Coverage ----------------------------------------------------------------------------------


def test_coverage_lists_the_four_areas_with_gaps_matching_the_group(api, world):
    url = f"{API}/networks/{world.network.pk}/coverage"
    rows = api.get(url).json()
    assert [r["area"] for r in rows] == list(Competence.values)
    gaps = {r["area"]: r["is_gap"] for r in rows}
    assert gaps == {
        "co_development": True,
        "social_health": True,
        "creative_nature": False,
        "guidance": True,
    }
    covered = next(r for r in rows if r["area"] == "creative_nature")["covered_by"]
    assert [p["id"] for p in covered] == [world.group_membership.person_id]

    # A professional outside the coordination group does not close a gap; the coordinator does.
    services.person_set_competences(
        actor=world.coordinator,
        person=world.professional_membership.person,
        network=world.network,
        competences=[Competence.CO_DEVELOPMENT],
        competence_tags=[],
    )
    services.person_set_competences(
        actor=world.coordinator,
        person=services.network_coordinator(world.network).person,
        network=world.network,
        competences=[Competence.GUIDANCE],
        competence_tags=[],
    )
    gaps = {r["area"]: r["is_gap"] for r in api.get(url).json()}
    assert gaps == {
        "co_development": True,
        "social_health": True,
        "creative_nature": False,
        "guidance": False,
    }


# Organisations -----------------------------------------------------------------------------


def test_organisations_can_be_filtered_by_sector(api, world):
    culture = api.get(f"{API}/organisations", {"sector": Sector.CULTURE}).json()
    assert [o["id"] for o in culture["items"]] == [world.organisation.pk]
    assert culture["count"] == 1
    social = api.get(f"{API}/organisations", {"sector": Sector.SOCIAL_HEALTH}).json()
    assert [o["id"] for o in social["items"]] == [world.unit.pk]
    assert api.get(f"{API}/organisations", {"sector": Sector.PARISH}).json()["count"] == 0


def test_the_coordinator_can_create_an_organisation(api, world):
    body = {
        "name": "Youth centre",
        "sector": "sports_leisure",
        "parent_id": world.organisation.pk,
        "municipality": "Kuusamo",
    }
    response = post_json(api, f"{API}/organisations", body)
    assert response.status_code == 201
    org = Organisation.objects.get(pk=response.json()["id"])
    assert (org.name, org.sector, org.parent, org.is_project) == (
        "Youth centre",
        "sports_leisure",
        world.organisation,
        False,
    )
    assert AuditEntry.objects.filter(action="organisation.create", target_id=str(org.pk)).exists()


def test_a_member_without_a_network_to_coordinate_cannot_create_an_organisation(world):
    before = Organisation.objects.count()
    response = post_json(
        bearer(world.professional), f"{API}/organisations", {"name": "X", "sector": "other"}
    )
    assert response.status_code == 403
    assert Organisation.objects.count() == before


def test_a_project_needs_an_end_date(api, world):
    before = Organisation.objects.count()
    body = {"name": "Summer project", "sector": "culture", "is_project": True}
    response = post_json(api, f"{API}/organisations", body)
    assert response.status_code == 422
    assert "ends_on" in error_fields(response)
    assert Organisation.objects.count() == before

    ends_on = (timezone.localdate() + datetime.timedelta(days=200)).isoformat()
    response = post_json(api, f"{API}/organisations", {**body, "ends_on": ends_on})
    assert response.status_code == 201
    assert Organisation.objects.get(pk=response.json()["id"]).ends_on.isoformat() == ends_on


# OpenAPI -----------------------------------------------------------------------------------


def test_the_openapi_schema_lists_the_paths():
    response = Client().get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    schema = response.json()
    assert schema["info"]["title"] == "Verso API"
    for path in (
        "/api/v1/networks",
        "/api/v1/networks/{network_id}",
        "/api/v1/networks/{network_id}/memberships",
        "/api/v1/networks/{network_id}/memberships/{membership_id}/end",
        "/api/v1/networks/{network_id}/handover",
        "/api/v1/networks/{network_id}/coverage",
        "/api/v1/networks/{network_id}/audit",
        "/api/v1/organisations",
    ):
        assert path in schema["paths"], path


@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_the_api_docs_page_answers_anyone(world, who):
    client = Client()
    if who != "anonymous":
        sign_in(client, world.coordinator)
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


# Query budgets -----------------------------------------------------------------------------
#
# Each list is measured with 5 rows and again with 30+: the number of queries must not grow
# with the rows, and stays under a pinned maximum.


def add_networks(world, n: int) -> None:
    start = Network.objects.count()
    for i in range(n):
        services.network_create(
            actor=world.coordinator,
            organisation=world.organisation if i % 2 else None,
            name=f"Network {start + i:03}",
            municipality="Oulu",
            goal="Measure queries.",
            target_groups=["children"],
        )


def add_members(world, n: int) -> None:
    start = Membership.objects.count()
    roles = [["partner"], ["professional", "experience_expert"], ["client"]]
    for i in range(n):
        services.membership_add_new_person(
            actor=world.coordinator,
            network=world.network,
            display_name=f"Member {start + i:03}",
            roles=roles[i % 3],
            organisation=[world.organisation, world.unit, None][i % 3],
            competences=["guidance"] if i % 2 else [],
        )


def add_organisations(world, n: int) -> None:
    for i in range(n):
        services.organisation_create(
            actor=world.coordinator,
            name=f"Organisation {i:03}",
            sector=Sector.ASSOCIATION,
            parent=world.organisation if i % 2 else None,
        )


def add_audit_entries(world, n: int) -> None:
    for i in range(n):
        services.network_update(
            actor=[world.coordinator, None][i % 2], network=world.network, name=f"Oasis {i:03}"
        )


BUDGETS = [
    # (list, rows maker, rows in the list before adding, pinned maximum of queries)
    ("networks", add_networks, lambda w: Network.objects.filter(pk=w.network.pk).count(), 6),
    ("memberships", add_members, lambda w: w.network.memberships.count(), 8),
    ("organisations", add_organisations, lambda w: Organisation.objects.count(), 4),
    ("audit", add_audit_entries, lambda w: w.network.audit_entries.count(), 7),
]


def measure(client, url) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.json()


@pytest.mark.parametrize(
    ("name", "add_rows", "rows_now", "budget"), BUDGETS, ids=[b[0] for b in BUDGETS]
)
def test_the_query_count_of_each_list_does_not_grow_with_its_rows(
    api, world, django_assert_max_num_queries, name, add_rows, rows_now, budget
):
    url = list_urls(world)[name]
    add_rows(world, 5 - rows_now(world))
    few, page = measure(api, url)
    assert page["count"] >= 5

    add_rows(world, 35 - page["count"])
    many, page = measure(api, url)
    assert page["count"] >= 35
    assert len(page["items"]) == page["count"]  # every row is on the measured page
    assert many == few

    with django_assert_max_num_queries(budget):
        assert api.get(url).json()["count"] == page["count"]
