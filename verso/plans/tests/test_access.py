"""Object-level access: a plan, budget line or version of another network, under a network
the user coordinates, answers 404 and changes nothing — on every page and API operation."""

import pytest
from django.urls import reverse

from verso.accounts.services import api_token_create
from verso.core.models import AuditEntry
from verso.plans.models import BudgetLine, GapAcceptance, Plan, PlanVersion, VersionComment

pytestmark = pytest.mark.django_db

PLAN_PAGES = [
    ("plans:detail", "get"),
    ("plans:edit", "get"),
    ("plans:edit", "post"),
    ("plans:budget_line_add", "get"),
    ("plans:budget_line_add", "post"),
    ("plans:ideas", "get"),
    ("plans:ideas", "post"),
    ("plans:readiness", "get"),
    ("plans:readiness", "post"),
    ("plans:versions", "get"),
    ("plans:compare", "get"),
    ("plans:print", "get"),
    ("plans:pdf", "get"),
]
LINE_PAGES = [
    ("plans:budget_line_edit", "get"),
    ("plans:budget_line_edit", "post"),
    ("plans:budget_line_delete", "post"),
]
VERSION_PAGES = [("plans:version", "get"), ("plans:version", "post")]
DATA = {
    "title": "Mine now",
    "item": "Tea",
    "amount": "1",
    "status": "proposed",
    "funding_source": "own_budget",
    "gap": "evaluation",
    "reason": "Because.",
    "text": "Hello.",
}


def _state():
    return (
        list(Plan.objects.values_list("pk", "network_id", "title", "version")),
        list(BudgetLine.objects.values_list("pk", "plan_id", "amount", "item")),
        PlanVersion.objects.count(),
        VersionComment.objects.count(),
        GapAcceptance.objects.count(),
        AuditEntry.objects.exclude(action="access.denied").count(),
    )


def _send(client, method, url):
    return client.get(url) if method == "get" else client.post(url, DATA)


@pytest.mark.parametrize(("name", "method"), PLAN_PAGES)
def test_a_plan_of_another_network_is_not_found_under_mine(client, world, other_plan, name, method):
    client.force_login(world.coordinator)
    url = reverse(name, args=[world.network.pk, other_plan.pk])
    before = _state()
    assert _send(client, method, url).status_code == 404
    assert _state() == before


@pytest.mark.parametrize(("name", "method"), LINE_PAGES)
def test_a_budget_line_of_another_plan_is_not_found(client, world, plan, other_plan, name, method):
    client.force_login(world.coordinator)
    foreign = other_plan.budget_lines.get()
    before = _state()
    for args in (
        [world.network.pk, plan.pk, foreign.pk],
        [world.network.pk, other_plan.pk, foreign.pk],
    ):
        assert _send(client, method, reverse(name, args=args)).status_code == 404
    assert _state() == before


@pytest.mark.parametrize(("name", "method"), VERSION_PAGES)
def test_a_version_of_another_plan_is_not_found(client, world, plan, other_plan, name, method):
    client.force_login(world.coordinator)
    foreign = other_plan.versions.first()
    before = _state()
    url = reverse(name, args=[world.network.pk, plan.pk, foreign.pk])
    assert _send(client, method, url).status_code == 404
    assert _state() == before


def test_comparing_with_a_version_number_of_another_plan_shows_nothing_of_it(
    client, world, plan, other_plan
):
    client.force_login(world.coordinator)
    url = reverse("plans:compare", args=[world.network.pk, plan.pk])
    page = client.get(url, {"a": 1, "b": 2}).content.decode()  # other_plan has a version 2
    assert "Choose two versions of this plan." in page and "Tea" not in page


API = [
    ("get", "/networks/{n}/plans/{p}", None),
    ("patch", "/networks/{n}/plans/{p}", {"title": "Mine now"}),
    ("get", "/networks/{n}/plans/{p}/readiness", None),
    ("post", "/networks/{n}/plans/{p}/readiness/accept", {"gap": "evaluation", "reason": "x"}),
    ("get", "/networks/{n}/plans/{p}/budget-lines", None),
    ("post", "/networks/{n}/plans/{p}/budget-lines", {"item": "Tea", "amount": "1"}),
    ("patch", "/networks/{n}/plans/{mine}/budget-lines/{line}", {"amount": "9"}),
    ("delete", "/networks/{n}/plans/{mine}/budget-lines/{line}", {"confirm": True}),
    ("get", "/networks/{n}/plans/{p}/versions", None),
    ("get", "/networks/{n}/plans/{mine}/versions/{version}", None),
    ("post", "/networks/{n}/plans/{mine}/versions/{version}/comments", {"text": "Hi."}),
    ("post", "/networks/{n}/plans/{p}/ideas", {"idea_id": 1}),
]


@pytest.mark.parametrize(("method", "path", "body"), API)
def test_api_ids_of_another_network_are_not_found(
    client, world, plan, other_plan, method, path, body
):
    _token, key = api_token_create(user=world.coordinator, name="t")
    url = "/api/v1" + path.format(
        n=world.network.pk,
        p=other_plan.pk,
        mine=plan.pk,
        line=other_plan.budget_lines.get().pk,
        version=other_plan.versions.first().pk,
    )
    before = _state()
    response = getattr(client, method)(
        url, data=body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 404
    assert _state() == before
