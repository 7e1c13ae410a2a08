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


@dataclass(frozen=True)
class NetworkGap:
    key: str
    message: str
    url: str


def network_gaps(network) -> list[NetworkGap]:
    """The gaps that come from the network, the same for each of its plans."""
    nid = network.pk
    members = reverse("networks:members", args=[nid])
    gaps: list[NetworkGap] = []
    group = coordination_group(network)
    has_coordinator = any(
        r.role == Role.COORDINATOR for m in group for r in getattr(m, "current_roles", [])
    )
    if not has_coordinator:
        gaps.append(
            NetworkGap(
                "coordinator",
                _("The network has no coordinator."),
                reverse("networks:handover", args=[nid]),
            )
        )
    for unit in _units_without_contact(network):
        gaps.append(
            NetworkGap(
                f"unit_contact:{unit.pk}",
                _("%(unit)s takes part but has no unit contact person.") % {"unit": unit.name},
                f"{members}?sector={Sector.SOCIAL_HEALTH}",
            )
        )
    for coverage in network_competence_coverage(network, group):
        if coverage.is_gap:
            gaps.append(
                NetworkGap(
                    f"competence:{coverage.area}",
                    _("The coordination group has no one with the competence: %(area)s.")
                    % {"area": coverage.label},
                    members,
                )
            )
    return gaps


def plan_gaps(plan: Plan, shared: list[NetworkGap] | None = None) -> list[Gap]:
    """Every gap of the plan. ``shared`` (from ``network_gaps``) saves its queries when
    many plans of one network are checked; a prefetched ``unowned_lines`` and
    ``idea_count`` on the plan save the plan's own."""
    nid = plan.network_id
    edit = reverse("plans:edit", args=[nid, plan.pk])
    shared = network_gaps(plan.network) if shared is None else shared
    gaps = [Gap(g.key, g.message, g.url) for g in shared]
    unowned = getattr(plan, "unowned_lines", None)
    if unowned is None:
        unowned = BudgetLine.objects.filter(plan=plan, owner_organisation__isnull=True)
    for line in sorted(unowned, key=lambda line: line.pk):
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
    count = getattr(plan, "idea_count", None)
    return bool(count) if count is not None else plan.ideas.exists()


def plan_readiness(plan: Plan, shared: list[NetworkGap] | None = None) -> Readiness:
    gaps = plan_gaps(plan, shared)
    acceptances = getattr(plan, "prefetched_acceptances", None)
    if acceptances is None:
        acceptances = GapAcceptance.objects.filter(plan=plan).select_related("accepted_by")
    accepted = {a.gap: a for a in acceptances}
    for gap in gaps:
        gap.acceptance = accepted.get(gap.key)
    return Readiness(plan=plan, gaps=gaps)
