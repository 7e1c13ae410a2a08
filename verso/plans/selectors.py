"""Reads for plans: every query shape lives here, with its related rows fetched once."""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from verso.ideas.models import Idea
from verso.networks.access import Need, NetworkAccess
from verso.networks.choices import Phase, TargetGroup
from verso.networks.phases import PhaseGap, phase_next, phase_requirements
from verso.plans.choices import SECTIONS, BudgetStatus, FundingSource
from verso.plans.models import BudgetLine, Plan, PlanVersion, VersionComment
from verso.plans.readiness import Readiness, plan_readiness


def plan_list(network) -> QuerySet[Plan]:
    """The network's plans with what their readiness check needs fetched once per page."""
    return (
        Plan.objects.filter(network=network)
        .annotate(
            line_count=Count("budget_lines", distinct=True),
            idea_count=Count("ideas", distinct=True),
        )
        .prefetch_related(
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.filter(owner_organisation__isnull=True),
                to_attr="unowned_lines",
            ),
            Prefetch("acceptances", to_attr="prefetched_acceptances"),
            Prefetch("ideas", queryset=Idea.objects.order_by("pk"), to_attr="idea_rows"),
        )
        .order_by("-created_at", "-id")
    )


def plan_budget_lines(plan: Plan) -> list[BudgetLine]:
    return list(
        BudgetLine.objects.filter(plan=plan)
        .select_related("owner_organisation", "owner_person")
        .order_by("id")
    )


@dataclass
class BudgetTotals:
    total: Decimal = Decimal("0.00")
    by_owner: list[tuple[int | None, str, Decimal]] = field(default_factory=list)
    by_status: list[tuple[str, str, Decimal]] = field(default_factory=list)


def budget_totals(lines: list[BudgetLine]) -> BudgetTotals:
    """Totals per owner organisation (lines without one under "No owner") and per status."""
    owners: dict[int | None, Decimal] = {}
    names: dict[int | None, str] = {None: _("No owner")}
    statuses = {s.value: Decimal("0.00") for s in BudgetStatus}
    total = Decimal("0.00")
    for line in lines:
        key = line.owner_organisation_id
        if key is not None:
            names[key] = line.owner_organisation.name
        owners[key] = owners.get(key, Decimal("0.00")) + line.amount
        statuses[line.status] = statuses.get(line.status, Decimal("0.00")) + line.amount
        total += line.amount
    return BudgetTotals(
        total=total,
        by_owner=sorted(
            ((key, names[key], amount) for key, amount in owners.items()),
            key=lambda row: (row[0] is None, row[1]),
        ),
        by_status=[(s.value, s.label, statuses[s.value]) for s in BudgetStatus],
    )


def target_group_labels(values: list[str]) -> list[str]:
    labels = dict(TargetGroup.choices)
    return [str(labels[v]) for v in values if v in labels]


def plan_ideas(plan: Plan) -> list:
    return list(plan.ideas.order_by("pk"))


def plan_activities(plan: Plan) -> list:
    """The activities realising the plan (events' ``Activity.plan``), soonest first: the
    trace plan → activity, read through the reverse relation as ideas read their plans."""
    manager = getattr(plan, "activities", None)
    if manager is None:
        return []
    return list(manager.order_by("starts_at", "pk"))


def plan_meetings(plan: Plan) -> list:
    """The meetings that belong to the plan (meetings' ``Meeting.plan``), soonest first.
    The plan page needs membership, and every member sees the network's meetings."""
    manager = getattr(plan, "meetings", None)
    if manager is None:
        return []
    return list(manager.order_by("starts_at", "pk"))


def idea_candidates(plan: Plan):
    """Ideas of the network that the plan can take in: visible, not merged, not in it yet."""
    from verso.ideas.models import IdeaStatus
    from verso.ideas.selectors import ideas_for_network

    return (
        ideas_for_network(plan.network)
        .exclude(status=IdeaStatus.MERGED)
        .exclude(pk__in=plan.ideas.values("pk"))
    )


@dataclass
class PlanPage:
    plan: Plan
    lines: list[BudgetLine]
    totals: BudgetTotals
    readiness: Readiness
    target_groups: list[str]
    ideas: list
    sections: list[tuple[str, str, str]]
    activities: list = field(default_factory=list)
    meetings: list = field(default_factory=list)


def plan_page(plan: Plan) -> PlanPage:
    lines = plan_budget_lines(plan)
    return PlanPage(
        plan=plan,
        lines=lines,
        totals=budget_totals(lines),
        readiness=plan_readiness(plan),
        target_groups=target_group_labels(plan.target_groups),
        ideas=plan_ideas(plan),
        sections=[(name, str(label), getattr(plan, name)) for name, label in SECTIONS],
        activities=plan_activities(plan),
        meetings=plan_meetings(plan),
    )


def plan_versions(plan: Plan) -> QuerySet[PlanVersion]:
    return (
        PlanVersion.objects.filter(plan=plan)
        .select_related("author")
        .annotate(comment_count=Count("comments"))
        .order_by("-number")
    )


def version_comments(version: PlanVersion) -> QuerySet[VersionComment]:
    return (
        VersionComment.objects.filter(version=version)
        .select_related("author")
        .order_by("created_at", "id")
    )


def _budget_text(snapshot: dict) -> str:
    statuses = dict(BudgetStatus.choices)
    sources = dict(FundingSource.choices)
    rows = []
    for line in snapshot.get("budget_lines", []):
        owner = line.get("owner_organisation") or _("No owner")
        person = f" ({line['owner_person']})" if line.get("owner_person") else ""
        rows.append(
            f"{line.get('item')}: {line.get('amount')} € · {owner}{person} · "
            f"{statuses.get(line.get('status'), line.get('status'))} · "
            f"{sources.get(line.get('funding_source'), line.get('funding_source'))}"
        )
    return "\n".join(rows)


@dataclass
class CompareRow:
    label: str
    left: str
    right: str
    diff: list[tuple[str, str]]  # (kind, line): kind is "same", "removed" or "added"

    @property
    def changed(self) -> bool:
        return self.left != self.right


def _diff(left: str, right: str) -> list[tuple[str, str]]:
    out = []
    for line in difflib.ndiff(left.splitlines(), right.splitlines()):
        code, text = line[:2], line[2:]
        if code == "  ":
            out.append(("same", text))
        elif code == "- ":
            out.append(("removed", text))
        elif code == "+ ":
            out.append(("added", text))
    return out


def compare_versions(left: PlanVersion, right: PlanVersion) -> list[CompareRow]:
    """The two versions side by side, section by section, each with its line changes."""
    a, b = left.snapshot or {}, right.snapshot or {}

    def text(snapshot, key):
        if key == "target_groups":
            return ", ".join(target_group_labels(snapshot.get(key) or []))
        if key == "budget_lines":
            return _budget_text(snapshot)
        if key == "ideas":
            return "\n".join(snapshot.get(key) or [])
        return str(snapshot.get(key) or "")

    keys = [("title", _("Title")), ("target_groups", _("Target groups"))]
    keys += [(name, str(label)) for name, label in SECTIONS]
    keys += [("budget_lines", _("Budget lines")), ("ideas", _("Ideas"))]
    rows = []
    for key, label in keys:
        left_text, right_text = text(a, key), text(b, key)
        rows.append(CompareRow(str(label), left_text, right_text, _diff(left_text, right_text)))
    return rows


@dataclass
class PhaseStatus:
    phase: str
    label: str
    next_phase: str | None
    next_label: str | None
    missing: list[PhaseGap]

    @property
    def can_move(self) -> bool:
        return self.next_phase is not None and not self.missing


def network_phase_status(network) -> PhaseStatus:
    following = phase_next(network.phase)
    return PhaseStatus(
        phase=network.phase,
        label=str(Phase(network.phase).label),
        next_phase=following,
        next_label=str(Phase(following).label) if following else None,
        missing=phase_requirements(network, following) if following else [],
    )


@dataclass
class PlanSummary:
    phase: PhaseStatus
    plan: Plan | None
    readiness: Readiness | None


def network_plan_summary(access: NetworkAccess) -> PlanSummary:
    network = access.network
    plans = list(plan_list(network)[:1]) if access.level >= Need.MEMBER else []
    plan = plans[0] if plans else None
    return PlanSummary(
        phase=network_phase_status(network),
        plan=plan,
        readiness=plan_readiness(plan) if plan is not None else None,
    )
