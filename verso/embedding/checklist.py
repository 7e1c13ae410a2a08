"""The embedding checklist and its score, computed from what the network recorded.

Each item has a weight (the points it adds at full) and a fraction met (0–1). The score is
the sum of weight × fraction, 0–100. "What would raise it most" lists the items not fully
met, ordered by the points they would add. Every figure is read in a fixed number of
queries, whatever the number of meetings, activities, budget lines or messages.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verso.embedding.models import (
    ChecklistConfirmation,
    ChecklistItem,
    CommunicationEntry,
    StructureKind,
    StructureLink,
)
from verso.networks.choices import Role
from verso.networks.models import MembershipRole, Network, Organisation, current_q

WEIGHTS: dict[str, int] = {
    ChecklistItem.PERMANENT_ACTORS: 20,
    ChecklistItem.COORDINATION_GROUP: 10,
    ChecklistItem.OWN_BUDGET: 20,
    ChecklistItem.STRUCTURE_LINK: 15,
    ChecklistItem.EVALUATION: 10,
    ChecklistItem.NEXT_ROUND: 10,
    ChecklistItem.COMMUNICATION: 10,
    ChecklistItem.DOCUMENTATION: 5,
}
ITEM_LABELS = dict(ChecklistItem.choices)
COMMUNICATION_ACTIVE_DAYS = 90
GROUP_NAMED_AT = 2  # people in the coordination group (the coordinator included)


@dataclass
class Item:
    key: str
    fraction: float
    status: str  # what the data shows, one sentence
    action: str  # what would complete it
    url_name: str = ""  # where to do it (a URL name taking the network id)
    confirmed_by_coordinator: bool = False

    @property
    def label(self) -> str:
        return str(ITEM_LABELS[self.key])

    @property
    def weight(self) -> int:
        return WEIGHTS[self.key]

    @property
    def points(self) -> int:
        return round(self.weight * self.fraction)

    @property
    def missing(self) -> int:
        return self.weight - self.points

    @property
    def done(self) -> bool:
        return self.missing == 0


@dataclass
class Checklist:
    network: Network
    items: list[Item] = field(default_factory=list)

    @property
    def score(self) -> int:
        return max(0, min(100, sum(item.points for item in self.items)))

    @property
    def gaps(self) -> list[Item]:
        """The items not fully met, the one that would add most first."""
        open_items = [item for item in self.items if item.missing > 0]
        return sorted(open_items, key=lambda item: (-item.missing, item.key))

    def as_dict(self) -> dict:
        return {item.key: item.points for item in self.items}


def _share(part, whole) -> float:
    return float(part) / float(whole) if whole else 0.0


def _permanent_actors(network: Network, today: datetime.date) -> Item:
    rows = (
        Organisation.objects.filter(current_q("memberships__", today), memberships__network=network)
        .values_list("id", "is_project")
        .distinct()
    )
    active = dict(rows)
    permanent = sum(1 for is_project in active.values() if not is_project)
    share = _share(permanent, len(active))
    status = _("%(permanent)s of %(active)s active organisations are permanent.") % {
        "permanent": permanent,
        "active": len(active),
    }
    return Item(
        ChecklistItem.PERMANENT_ACTORS,
        share,
        status,
        _("Bring permanent organisations on board as members."),
        "networks:members",
    )


def _coordination_group(network: Network, today: datetime.date) -> Item:
    people = (
        MembershipRole.objects.filter(
            current_q("", today),
            current_q("membership__", today),
            network=network,
            role__in=[Role.COORDINATION_GROUP, Role.COORDINATOR],
        )
        .values("membership__person_id")
        .distinct()
        .count()
    )
    fraction = min(1.0, people / GROUP_NAMED_AT)
    status = ngettext(
        "The coordination group has %(n)s person.",
        "The coordination group has %(n)s people.",
        people,
    ) % {"n": people}
    return Item(
        ChecklistItem.COORDINATION_GROUP,
        fraction,
        status,
        _("Name at least two people to the coordination group."),
        "networks:members",
    )


def _own_budget(network: Network) -> Item:
    from verso.plans.choices import BudgetStatus
    from verso.plans.models import BudgetLine

    committed = [BudgetStatus.COMMITTED, BudgetStatus.SPENT]
    totals = BudgetLine.objects.filter(plan__network=network).aggregate(
        total=Sum("amount"),
        rooted=Sum(
            "amount",
            filter=Q(
                status__in=committed,
                owner_organisation__isnull=False,
                owner_organisation__is_project=False,
            ),
        ),
    )
    total = totals["total"] or Decimal(0)
    rooted = totals["rooted"] or Decimal(0)
    share = _share(rooted, total)
    status = _(
        "%(rooted)s € of %(total)s € in the budget is committed by permanent organisations."
    ) % {"rooted": rooted, "total": total}
    return Item(
        ChecklistItem.OWN_BUDGET,
        share,
        status,
        _("Move budget lines to a permanent organisation's own budget and commit them."),
        "plans:list",
    )


def _structure_link(network: Network) -> Item:
    kinds = set(StructureLink.objects.filter(network=network).values_list("kind", flat=True))
    if StructureKind.WELLBEING_PLAN in kinds:
        fraction = 1.0
        status = _("Linked to the municipal wellbeing plan.")
    elif kinds:
        fraction = 0.5
        status = _("Linked to another structure, not yet to the wellbeing plan.")
    else:
        fraction = 0.0
        status = _("No link to an existing structure is recorded.")
    return Item(
        ChecklistItem.STRUCTURE_LINK,
        fraction,
        status,
        _("Record the link to the municipal wellbeing plan."),
        "embedding:link_add",
    )


def _evaluation(network: Network, facts=None) -> Item:
    from verso.evaluation.selectors import network_evaluation_facts

    facts = facts if facts is not None else network_evaluation_facts(network)
    done = facts.evaluations_done
    if done:
        status = ngettext(
            "%(n)s evaluation done, the last on %(day)s.",
            "%(n)s evaluations done, the last on %(day)s.",
            done,
        ) % {"n": done, "day": facts.last_evaluated_on or "–"}
    else:
        status = _("No evaluation is recorded yet.")
    return Item(
        ChecklistItem.EVALUATION,
        1.0 if done else 0.0,
        status,
        _("Evaluate the activity with the coordination group."),
        "",
    )


def _next_round(network: Network) -> Item:
    from verso.events.models import Activity, ActivityStatus
    from verso.meetings.models import Meeting

    now = timezone.now()
    meeting = (
        Meeting.objects.filter(network=network, starts_at__gt=now)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    activity = (
        Activity.objects.filter(network=network, starts_at__gt=now)
        .exclude(status=ActivityStatus.CANCELLED)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    dates = [d for d in (meeting, activity) if d]
    if dates:
        first = timezone.localdate(min(dates))
        status = _("The next meeting or activity is on %(day)s.") % {"day": first.isoformat()}
    else:
        status = _("No coming meeting or activity is dated.")
    return Item(
        ChecklistItem.NEXT_ROUND,
        1.0 if dates else 0.0,
        status,
        _("Date the next round: a meeting or an activity."),
        "meetings:create",
    )


def _communication(network: Network, today: datetime.date) -> Item:
    since = today - datetime.timedelta(days=COMMUNICATION_ACTIVE_DAYS)
    row = CommunicationEntry.objects.filter(network=network).aggregate(
        last=Max("communicated_on"), recent=Count("id", filter=Q(communicated_on__gte=since))
    )
    if row["recent"]:
        status = ngettext(
            "%(n)s communication in the last %(days)s days.",
            "%(n)s communications in the last %(days)s days.",
            row["recent"],
        ) % {"n": row["recent"], "days": COMMUNICATION_ACTIVE_DAYS}
    elif row["last"]:
        status = _("The last communication was on %(day)s.") % {"day": row["last"].isoformat()}
    else:
        status = _("Nothing is recorded in the communication log.")
    return Item(
        ChecklistItem.COMMUNICATION,
        1.0 if row["recent"] else 0.0,
        status,
        _("Tell others about the network and record it in the communication log."),
        "embedding:communication_add",
    )


def _documentation(confirmations: dict) -> Item:
    confirmation = confirmations.get(ChecklistItem.DOCUMENTATION)
    done = bool(confirmation and confirmation.confirmed)
    status = (
        _("The coordinator confirmed the documentation.")
        if done
        else _("Not confirmed by the coordinator.")
    )
    return Item(
        ChecklistItem.DOCUMENTATION,
        1.0 if done else 0.0,
        status,
        _("Complete the handbook and confirm the documentation."),
        "embedding:confirm",
        confirmed_by_coordinator=True,
    )


def network_checklist(network: Network, *, facts=None) -> Checklist:
    """The checklist in a fixed number of queries (8, plus the evaluation contract's 3 unless
    the caller passes the ``facts`` it already read), independent of the number of
    meetings, activities and budget lines."""
    today = timezone.localdate()
    confirmations = {c.item: c for c in ChecklistConfirmation.objects.filter(network=network)}
    return Checklist(
        network=network,
        items=[
            _permanent_actors(network, today),
            _coordination_group(network, today),
            _own_budget(network),
            _structure_link(network),
            _evaluation(network, facts),
            _next_round(network),
            _communication(network, today),
            _documentation(confirmations),
        ],
    )
