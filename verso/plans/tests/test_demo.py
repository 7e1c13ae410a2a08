"""The issue's walk-through on the demo data: the readiness check names the missing
guidance competence and the budget line without owner; fixing both makes the plan ready;
the PDF holds the plan's sections."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pypdf import PdfReader

from verso.networks import services as network_services
from verso.networks.choices import Role
from verso.networks.demo import DEMO_NETWORK, seed_demo
from verso.networks.models import Membership, Network, Organisation
from verso.plans import services
from verso.plans.demo import DEMO_PLAN, UNOWNED_ITEM
from verso.plans.models import BudgetLine, Plan
from verso.plans.readiness import plan_readiness

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    seed_demo()
    network = Network.objects.get(name=DEMO_NETWORK)
    plan = Plan.objects.get(network=network, title=DEMO_PLAN)
    coordinator = get_user_model().objects.get(email="koordinaattori@verso.example")
    return network, plan, coordinator


def test_the_demo_plan_is_seeded_once():
    seed_demo()
    seed_demo()
    assert Plan.objects.filter(title=DEMO_PLAN).count() == 1
    assert BudgetLine.objects.filter(plan__title=DEMO_PLAN).count() == 4


def test_fixing_the_demo_gaps_makes_the_plan_ready(client, demo):
    network, plan, coordinator = demo
    readiness = plan_readiness(plan)
    unowned = BudgetLine.objects.get(plan=plan, item=UNOWNED_ITEM)
    assert [g.key for g in readiness.open_gaps] == [
        "competence:guidance",
        f"budget_owner:{unowned.pk}",
    ]
    client.force_login(coordinator)
    page = client.get(reverse("plans:readiness", args=[network.pk, plan.pk])).content.decode()
    assert "Guidance" in page and UNOWNED_ITEM in page
    assert reverse("plans:budget_line_edit", args=[network.pk, plan.pk, unowned.pk]) in page

    # Jussi, a professional with the guidance competence, joins the coordination group.
    jussi = Membership.objects.get(network=network, person__display_name="Jussi Työpajaohjaaja")
    response = client.post(
        reverse("networks:member_edit", args=[network.pk, jussi.pk]),
        {
            "organisation": jussi.organisation_id,
            "roles": [Role.PROFESSIONAL, Role.COORDINATION_GROUP],
            "competences": ["guidance"],
            "display_name": "Jussi Työpajaohjaaja",
        },
    )
    assert response.status_code == 302
    # The painting supplies get an owner: the flower shop in the network.
    shop = Organisation.objects.get(name="Kukkakauppa Kielo")
    response = client.post(
        reverse("plans:budget_line_edit", args=[network.pk, plan.pk, unowned.pk]),
        {
            "item": UNOWNED_ITEM,
            "amount": "150,00",
            "owner_organisation": shop.pk,
            "status": "proposed",
            "funding_source": "donation",
        },
    )
    assert response.status_code == 302
    assert plan_readiness(plan).is_ready
    page = client.get(reverse("plans:detail", args=[network.pk, plan.pk])).content.decode()
    assert "The plan is ready." in page


def test_the_pdf_holds_the_plans_sections(client, demo):
    network, plan, coordinator = demo
    client.force_login(coordinator)
    response = client.get(reverse("plans:pdf", args=[network.pk, plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response) if response.streaming else response.content
    assert body.startswith(b"%PDF-")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    text = " ".join(text.split())
    for heading in [
        "Need for change and the activity that brings it",
        "Target groups or organisations",
        "Competence and networks needed",
        "Budget",
        "Operating model",
        "Loose description of the activity",
        "Evaluation plan",
    ]:
        assert heading in text, heading
    assert DEMO_PLAN in text
    assert "yhteinen kesäprojekti" in text  # the need, rendered from Markdown
    assert UNOWNED_ITEM in text
    assert "1,350.00" in text  # the total of the four lines


def test_the_group_cannot_accept_gaps_but_the_coordinator_can(client, demo):
    network, plan, coordinator = demo
    group = get_user_model().objects.get(email="ryhma@verso.example")
    client.force_login(group)
    url = reverse("plans:readiness", args=[network.pk, plan.pk])
    data = {"gap": "competence:guidance", "reason": "Jussi helps when needed."}
    assert client.post(url, data).status_code == 403
    client.force_login(coordinator)
    assert client.post(url, data).status_code == 302
    readiness = plan_readiness(plan)
    assert [g.key for g in readiness.accepted_gaps] == ["competence:guidance"]
    assert not readiness.is_ready  # the budget line still has no owner
    unowned = BudgetLine.objects.get(plan=plan, item=UNOWNED_ITEM)
    services.gap_accept(
        actor=coordinator, plan=plan, gap=f"budget_owner:{unowned.pk}", reason="Donated."
    )
    assert plan_readiness(plan).is_ready
    assert network_services.network_coordinator(network).person.user == coordinator
