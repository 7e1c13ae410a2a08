from decimal import Decimal

import pytest

from verso.networks.choices import TargetGroup
from verso.plans import services


@pytest.fixture
def plan(world):
    return services.plan_create(
        actor=world.coordinator,
        network=world.network,
        title="Summer plan",
        need="People meet too rarely.",
        target_groups=[TargetGroup.RESIDENTS],
        evaluation="Feedback after each meeting.",
    )


@pytest.fixture
def line(world, plan):
    return services.budget_line_add(
        actor=world.coordinator,
        plan=plan,
        item="Paint",
        amount=Decimal("120.50"),
        owner_organisation=world.organisation,
    )


@pytest.fixture
def other_plan(world):
    """A plan of the other network (coordinated by the outsider)."""
    plan = services.plan_create(actor=world.outsider, network=world.other_network, title="Theirs")
    services.budget_line_add(actor=world.outsider, plan=plan, item="Tea", amount="10")
    return plan
