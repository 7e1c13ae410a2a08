"""The plans API through HTTP: shapes, writes, the idea link, the phase, query budgets."""

from decimal import Decimal

import pytest
from django.urls import reverse

from verso.ideas.tests import factories as idea_factories
from verso.networks.models import Network
from verso.plans import services
from verso.plans.models import BudgetLine, Plan, PlanVersion

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def api(client, world):
    client.force_login(world.coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def send(client, method, url, body=None):
    return getattr(client, method)(url, data=body, content_type="application/json")


def test_a_plan_is_created_changed_and_read_with_its_versions(api, world):
    response = send(
        api,
        "post",
        f"{API}/networks/{world.network.pk}/plans",
        {"title": "Forest walks", "need": "Walk together.", "target_groups": ["older_people"]},
    )
    assert response.status_code == 201
    plan_id = response.json()["id"]
    url = f"{API}/networks/{world.network.pk}/plans/{plan_id}"
    response = send(api, "patch", url, {"evaluation": "Count the walkers."})
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert Plan.objects.get(pk=plan_id).evaluation == "Count the walkers."
    versions = api.get(f"{url}/versions").json()
    assert set(versions) == {"items", "count", "page", "page_size"}
    assert [v["number"] for v in versions["items"]] == [2, 1]
    version = versions["items"][1]
    detail = api.get(f"{url}/versions/{version['id']}").json()
    assert detail["snapshot"]["need"] == "Walk together." and detail["comments"] == []
    response = send(api, "post", f"{url}/versions/{version['id']}/comments", {"text": "Nice."})
    assert response.status_code == 201
    assert api.get(f"{url}/versions/{version['id']}").json()["comments"][0]["text"] == "Nice."


def test_budget_lines_with_totals_and_their_rules(api, world, plan):
    url = f"{API}/networks/{world.network.pk}/plans/{plan.pk}/budget-lines"
    body = {"item": "Paint", "amount": "120.50", "owner_organisation_id": world.organisation.pk}
    assert send(api, "post", url, body).status_code == 201
    assert send(api, "post", url, {"item": "Tea", "amount": 10}).status_code == 201
    for bad, field in [
        ({"item": "X", "amount": "-1"}, "amount"),
        ({"item": "X", "amount": "1.001"}, "amount"),
        ({"item": "X", "amount": 1.005}, "amount"),
        (
            {"item": "X", "amount": "1", "owner_organisation_id": world.other_network.pk + 999},
            "owner_organisation_id",
        ),
    ]:
        response = send(api, "post", url, bad)
        assert response.status_code == 422, bad
        assert response.json()["detail"][0]["loc"] == ["body", field]
    data = api.get(url).json()
    assert data["total"] == "130.50"
    assert {t["key"]: t["amount"] for t in data["by_status"]} == {
        "proposed": "130.50",
        "committed": "0.00",
        "spent": "0.00",
    }
    assert [(t["key"], t["label"], t["amount"]) for t in data["by_owner"]] == [
        (str(world.organisation.pk), "Library", "120.50"),
        ("", "No owner", "10.00"),
    ]
    tea = BudgetLine.objects.get(item="Tea")
    response = send(
        api,
        "patch",
        f"{url}/{tea.pk}",
        {
            "owner_organisation_id": world.unit.pk,
            "owner_person_id": world.group.person.pk,
            "status": "committed",
        },
    )
    assert response.status_code == 200
    tea.refresh_from_db()
    assert (tea.owner_organisation, tea.status) == (world.unit, "committed")
    assert send(api, "delete", f"{url}/{tea.pk}", {"confirm": True}).status_code == 204
    assert not BudgetLine.objects.filter(pk=tea.pk).exists()
    assert BudgetLine.objects.get(item="Paint").amount == Decimal("120.50")


def test_readiness_and_accepting_a_gap(api, world, plan):
    url = f"{API}/networks/{world.network.pk}/plans/{plan.pk}/readiness"
    data = api.get(url).json()
    assert data["is_ready"] is False
    gaps = {g["key"]: g for g in data["gaps"]}
    assert "competence:guidance" in gaps
    assert gaps["competence:guidance"]["url"] == reverse(
        "networks:members", args=[world.network.pk]
    )
    for key in gaps:
        response = send(api, "post", f"{url}/accept", {"gap": key, "reason": "Fine for now."})
        assert response.status_code == 200
    assert api.get(url).json()["is_ready"] is True


def test_taking_an_idea_through_the_api(api, world, plan):
    idea, _token = idea_factories.make_idea(world, call=idea_factories.world_call(world))
    url = f"{API}/networks/{world.network.pk}/plans/{plan.pk}/ideas"
    response = send(api, "post", url, {"idea_id": idea.pk})
    assert response.status_code == 200
    assert response.json()["idea_ids"] == [idea.pk]
    assert send(api, "post", url, {"idea_id": idea.pk}).status_code == 422


def test_the_phase_through_the_api(api, world):
    url = f"{API}/networks/{world.network.pk}/phase"
    data = api.get(url).json()
    assert data["phase"] == "ideation" and data["next_phase"] == "planning"
    assert data["missing_for_next"][0]["message"].startswith("Record an idea")
    response = send(api, "post", url, {"phase": "planning"})
    assert response.status_code == 422
    assert Network.objects.get(pk=world.network.pk).phase == "ideation"
    services.plan_create(actor=world.coordinator, network=world.network, title="P", need="N")
    response = send(api, "post", url, {"phase": "planning"})
    assert response.status_code == 200
    assert response.json()["next_phase"] == "co_development"
    assert Network.objects.get(pk=world.network.pk).phase == "planning"


# Query budgets: the same at 2 and 12 rows -------------------------------------------------


def _plans(world, n):
    for i in range(n):
        plan = services.plan_create(actor=world.coordinator, network=world.network, title=f"P{i}")
        services.budget_line_add(actor=world.coordinator, plan=plan, item="A", amount="1")


def _lines(world, plan, n):
    for i in range(n):
        services.budget_line_add(
            actor=world.coordinator,
            plan=plan,
            item=f"L{i}",
            amount="1",
            owner_organisation=world.organisation if i % 2 else None,
        )


@pytest.mark.parametrize("n", [2, 12])
def test_query_budget_of_the_plan_list_page(client, world, django_assert_max_num_queries, n):
    _plans(world, n)
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("plans:list", args=[world.network.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [2, 12])
def test_query_budget_of_the_plan_page(client, world, plan, django_assert_max_num_queries, n):
    _lines(world, plan, n)
    client.force_login(world.coordinator)
    # 15: one more for the activities realising the plan (events' Activity.plan)
    # 16: one more for the meetings of the plan (meetings' Meeting.plan)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("plans:detail", args=[world.network.pk, plan.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [2, 12])
def test_query_budget_of_the_versions_page_and_api(
    client, world, plan, django_assert_max_num_queries, n
):
    _lines(world, plan, n)
    assert PlanVersion.objects.filter(plan=plan).count() == n + 1
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(9):
        assert (
            client.get(reverse("plans:versions", args=[world.network.pk, plan.pk])).status_code
            == 200
        )
    with django_assert_max_num_queries(9):
        response = client.get(f"{API}/networks/{world.network.pk}/plans/{plan.pk}/versions")
    assert response.json()["count"] == n + 1


@pytest.mark.parametrize("n", [2, 12])
def test_query_budget_of_the_plans_and_budget_lines_api(
    client, world, plan, django_assert_max_num_queries, n
):
    _lines(world, plan, n)
    _plans(world, n)
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(f"{API}/networks/{world.network.pk}/plans/{plan.pk}/budget-lines")
    assert len(response.json()["items"]) == n
    with django_assert_max_num_queries(14):
        response = client.get(f"{API}/networks/{world.network.pk}/plans")
    assert response.json()["count"] == n + 1
