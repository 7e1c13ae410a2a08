"""The readiness check of a preliminary plan: named gaps, each linking to where it is fixed.

A plan is ready when no gap is left, or when the coordinator has recorded why each
remaining gap is accepted. Gap keys are stable strings ("coordinator", "competence:guidance",
"budget_owner:12", …) so that an acceptance stays with the gap it was written for.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from verso.networks.choices import Role, Sector
from verso.networks.models import Membership, MembershipRole, Organisation, current_q
from verso.networks.selectors import coordination_group, network_competence_coverage
from verso.plans.models import BudgetLine, GapAcceptance, Plan


@dataclass
class Gap:
    key: str
    message: str
    url: str
    acceptance: GapAcceptance | None = None

    @property
    def accepted(self) -> bool:
        return self.acceptance is not None


@dataclass
class Readiness:
    plan: Plan
    gaps: list[Gap]

    @property
    def open_gaps(self) -> list[Gap]:
        return [g for g in self.gaps if not g.accepted]

    @property
    def accepted_gaps(self) -> list[Gap]:
        return [g for g in self.gaps if g.accepted]

    @property
    def is_ready(self) -> bool:
        return not self.open_gaps


def _units_without_contact(network) -> list[Organisation]:
    """Social and health units with current members in the network but no current unit
    contact person among them."""
    members = Membership.objects.filter(current_q(), network=network, organisation=OuterRef("pk"))
    contacts = MembershipRole.objects.filter(
        current_q(),
        current_q("membership__"),
        network=network,
        role=Role.UNIT_CONTACT,
        membership__organisation=OuterRef("pk"),
    )
    return list(
        Organisation.objects.filter(Exists(members), sector=Sector.SOCIAL_HEALTH)
        .exclude(Exists(contacts))
        .order_by("name", "id")
    )


def plan_gaps(plan: Plan) -> list[Gap]:
    network = plan.network
    nid = network.pk
    edit = reverse("plans:edit", args=[nid, plan.pk])
    members = reverse("networks:members", args=[nid])
    gaps: list[Gap] = []
    group = coordination_group(network)
    has_coordinator = any(
        r.role == Role.COORDINATOR for m in group for r in getattr(m, "current_roles", [])
    )
    if not has_coordinator:
        gaps.append(
            Gap(
                "coordinator",
                _("The network has no coordinator."),
                reverse("networks:handover", args=[nid]),
            )
        )
    for unit in _units_without_contact(network):
        gaps.append(
            Gap(
                f"unit_contact:{unit.pk}",
                _("%(unit)s takes part but has no unit contact person.") % {"unit": unit.name},
                f"{members}?sector={Sector.SOCIAL_HEALTH}",
            )
        )
    for coverage in network_competence_coverage(network, group):
        if coverage.is_gap:
            gaps.append(
                Gap(
                    f"competence:{coverage.area}",
                    _("The coordination group has no one with the competence: %(area)s.")
                    % {"area": coverage.label},
                    members,
                )
            )
    for line in BudgetLine.objects.filter(plan=plan, owner_organisation__isnull=True).order_by(
        "id"
    ):
        gaps.append(
            Gap(
                f"budget_owner:{line.pk}",
                _("The budget line “%(item)s” has no owner organisation.") % {"item": line.item},
                reverse("plans:budget_line_edit", args=[nid, plan.pk, line.pk]),
            )
        )
    if not plan.evaluation:
        gaps.append(Gap("evaluation", _("No evaluation is planned."), f"{edit}#id_evaluation"))
    if not plan.target_groups:
        gaps.append(
            Gap("target_group", _("No target group is chosen."), f"{edit}#id_target_groups_0")
        )
    if not plan.need and not _has_ideas(plan):
        gaps.append(
            Gap(
                "idea_or_need",
                _("No idea or need for change is recorded."),
                f"{edit}#id_need",
            )
        )
    return gaps


def _has_ideas(plan: Plan) -> bool:
    return plan.ideas.exists()


def plan_readiness(plan: Plan) -> Readiness:
    gaps = plan_gaps(plan)
    accepted = {
        a.gap: a for a in GapAcceptance.objects.filter(plan=plan).select_related("accepted_by")
    }
    for gap in gaps:
        gap.acceptance = accepted.get(gap.key)
    return Readiness(plan=plan, gaps=gaps)
