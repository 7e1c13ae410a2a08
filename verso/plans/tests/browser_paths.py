"""Paths of the plans pages for the browser tests, from a fresh world: a plan with budget
lines (one without owner), an idea taken in, a comment and a few versions."""

from decimal import Decimal

from verso.ideas.tests import factories as idea_factories
from verso.networks.choices import TargetGroup
from verso.plans import services
from verso.plans.models import Plan


def world_plan(world) -> Plan:
    plan = Plan.objects.filter(network=world.network).first()
    if plan is not None:
        return plan
    plan = services.plan_create(
        actor=world.coordinator,
        network=world.network,
        title="Kesäkeitaan suunnitelma",
        need="Ihmiset kohtaavat **liian harvoin**.\n\n- kirjaston piha\n- päiväkodit",
        target_groups=[TargetGroup.RESIDENTS, TargetGroup.CHILDREN],
        activity="Yhteinen puutarha ja kesämatot.",
    )
    services.budget_line_add(
        actor=world.coordinator,
        plan=plan,
        item="Puutarhan taimet ja multa",
        amount=Decimal("620.00"),
        owner_organisation=world.organisation,
        owner_person=world.group.person,
        status="committed",
        funding_source="project",
    )
    services.budget_line_add(
        actor=world.coordinator, plan=plan, item="Maalit", amount=Decimal("150.00")
    )
    idea, _token = idea_factories.make_idea(world, call=idea_factories.world_call(world))
    services.plan_idea_take(actor=world.coordinator, plan=plan, idea=idea)
    services.plan_update(
        actor=world.group, plan=plan, evaluation="Palaute hymiöillä jokaisen kerran lopuksi."
    )
    version = plan.versions.order_by("-number").first()
    services.version_comment_add(actor=world.group, version=version, text="Hyvältä näyttää.")
    return plan


def plan_path(world, suffix: str = "", prefix: str = "/en") -> str:
    plan = world_plan(world)
    return f"{prefix}/networks/{world.network.pk}/plans/{plan.pk}/{suffix}"


def line_path(world) -> str:
    plan = world_plan(world)
    return plan_path(world, f"budget/{plan.budget_lines.order_by('id').last().pk}/edit/")


def version_path(world) -> str:
    plan = world_plan(world)
    return plan_path(world, f"versions/{plan.versions.order_by('-number').first().pk}/")


def network_path(world, suffix: str) -> str:
    world_plan(world)
    return f"/en/networks/{world.network.pk}/{suffix}"
