"""What the plans app requires of a network's phases (registered in PlansConfig.ready()).

- planning: an idea in the network's idea bank, or a plan with an idea or a recorded need;
- co-development: a ready plan (no open gap in its readiness check);
- implementation: a ready plan whose budget lines are all committed or spent (activities,
  when they land, register their own requirement here: at least one activity planned);
- evaluation: the ready plan has an evaluation plan (the evaluation app, when it lands,
  adds: an activity held);
- embedding: nothing from the plan (the evaluation app adds: results recorded).
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verso.networks.choices import Phase
from verso.networks.phases import PhaseGap, register_phase_requirement
from verso.plans.choices import BudgetStatus
from verso.plans.models import Plan
from verso.plans.readiness import plan_readiness


def _plans(network) -> list[Plan]:
    return list(Plan.objects.filter(network=network).order_by("-created_at", "-id"))


def _network_has_ideas(network) -> bool:
    from verso.ideas.selectors import network_has_ideas

    return network_has_ideas(network)


def _list_url(network) -> str:
    return reverse("plans:list", args=[network.pk])


def ready_plan(network) -> Plan | None:
    for plan in _plans(network):
        if plan_readiness(plan).is_ready:
            return plan
    return None


def needs_idea_or_need(network) -> list[PhaseGap]:
    if _network_has_ideas(network):
        return []
    recorded = Plan.objects.filter(network=network).filter(~Q(need="") | Q(ideas__isnull=False))
    if recorded.exists():
        return []
    return [PhaseGap(_("Record an idea, or the need for change in a plan."), _list_url(network))]


def needs_ready_plan(network) -> list[PhaseGap]:
    plans = _plans(network)
    if not plans:
        return [
            PhaseGap(_("Write a preliminary plan."), reverse("plans:create", args=[network.pk]))
        ]
    if ready_plan(network) is not None:
        return []
    plan = plans[0]
    open_gaps = len(plan_readiness(plan).open_gaps)
    return [
        PhaseGap(
            ngettext(
                "Make the plan ready: %(n)d gap is open in its readiness check.",
                "Make the plan ready: %(n)d gaps are open in its readiness check.",
                open_gaps,
            )
            % {"n": open_gaps},
            reverse("plans:readiness", args=[network.pk, plan.pk]),
        )
    ]


def needs_committed_budget(network) -> list[PhaseGap]:
    plan = ready_plan(network)
    if plan is None:
        return needs_ready_plan(network)
    proposed = plan.budget_lines.filter(status=BudgetStatus.PROPOSED).count()
    if proposed:
        return [
            PhaseGap(
                ngettext(
                    "Agree the budget: %(n)d budget line is still only proposed.",
                    "Agree the budget: %(n)d budget lines are still only proposed.",
                    proposed,
                )
                % {"n": proposed},
                reverse("plans:detail", args=[network.pk, plan.pk]) + "#budget",
            )
        ]
    return []


def needs_evaluation_plan(network) -> list[PhaseGap]:
    plan = ready_plan(network)
    if plan is None:
        return needs_ready_plan(network)
    if not plan.evaluation:
        return [
            PhaseGap(
                _("Write the evaluation plan."),
                reverse("plans:edit", args=[network.pk, plan.pk]) + "#id_evaluation",
            )
        ]
    return []


def register() -> None:
    register_phase_requirement(Phase.PLANNING, needs_idea_or_need)
    register_phase_requirement(Phase.CO_DEVELOPMENT, needs_ready_plan)
    register_phase_requirement(Phase.IMPLEMENTATION, needs_committed_budget)
    register_phase_requirement(Phase.EVALUATION, needs_evaluation_plan)
