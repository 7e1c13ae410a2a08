"""Responsibility rotation: who carried which responsibility, and for how long.

Read from the dated records already kept: coordinator and coordination-group roles
(``MembershipRole.starts_on``/``ends_on``), action items (created → done), activities
organised (first → last), budget lines owned (added → now). One actor — a person or an
organisation — carrying more responsibilities at once than the network's threshold, or one
responsibility longer, gets a warning: "no single actor bound too long, but coordination
always with someone". Six queries, whatever the number of rows.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verso.embedding.selectors import rotation_thresholds
from verso.networks.choices import Role
from verso.networks.models import MembershipRole, Network, Organisation, Person

COORDINATION = "coordination"
GROUP = "coordination_group"
TASKS = "task_ownership"
ORGANISING = "organising"
BUDGET = "budget_ownership"
LABELS = {
    COORDINATION: _("Coordination"),
    GROUP: _("Coordination group"),
    TASKS: _("Task ownership"),
    ORGANISING: _("Organising activities"),
    BUDGET: _("Budget ownership"),
}
DAYS_PER_MONTH = 30.44


@dataclass
class Responsibility:
    kind: str
    since: datetime.date
    until: datetime.date | None  # None: carried still
    count: int = 1  # tasks, activities or budget lines behind it
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def label(self) -> str:
        return str(LABELS[self.kind])

    @property
    def ongoing(self) -> bool:
        return self.until is None or self.until > self.today

    @property
    def days(self) -> int:
        end = min(self.until, self.today) if self.until else self.today
        return max(0, (end - self.since).days)

    @property
    def months(self) -> int:
        return int(self.days // DAYS_PER_MONTH)


@dataclass
class Actor:
    kind: str  # "person" | "organisation"
    pk: int
    name: str
    responsibilities: list[Responsibility] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def current(self) -> list[Responsibility]:
        return [r for r in self.responsibilities if r.ongoing]

    @property
    def total_days(self) -> int:
        return sum(r.days for r in self.responsibilities)


@dataclass
class Rotation:
    actors: list[Actor]
    max_responsibilities: int
    max_months: int

    @property
    def warned(self) -> list[Actor]:
        return [a for a in self.actors if a.warnings]


def _day(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def network_rotation(network: Network) -> Rotation:
    from verso.events.models import Activity
    from verso.meetings.choices import ItemStatus
    from verso.meetings.models import ActionItem
    from verso.plans.models import BudgetLine

    today = timezone.localdate()
    most, months = rotation_thresholds(network)
    found: dict[tuple[str, int], list[Responsibility]] = {}

    def add(kind: str, pk: int | None, r: Responsibility) -> None:
        if pk is not None:
            found.setdefault((kind, pk), []).append(r)

    roles = MembershipRole.objects.filter(
        network=network, role__in=[Role.COORDINATOR, Role.COORDINATION_GROUP]
    ).values_list(
        "role", "starts_on", "ends_on", "membership__person_id", "membership__organisation_id"
    )
    for role, starts, ends, person_id, org_id in roles:
        kind = COORDINATION if role == Role.COORDINATOR else GROUP
        add("person", person_id, Responsibility(kind, starts, ends, today=today))
        add("organisation", org_id, Responsibility(kind, starts, ends, today=today))

    tasks = (
        ActionItem.objects.filter(network=network)
        .values("owner_person_id", "owner_organisation_id")
        .annotate(
            n=Count("id"),
            first=Min("created_at"),
            last_done=Max("done_at"),
            open=Count("id", filter=~Q(status=ItemStatus.DONE)),
        )
    )
    for row in tasks:
        until = None if row["open"] else _day(row["last_done"])
        r = Responsibility(TASKS, _day(row["first"]), until, row["n"], today)
        add("person", row["owner_person_id"], r)
        add("organisation", row["owner_organisation_id"], r)

    organised = (
        Activity.organisers.through.objects.filter(activity__network=network)
        .values("organisation_id")
        .annotate(
            n=Count("activity_id"), first=Min("activity__starts_at"), last=Max("activity__ends_at")
        )
    )
    for row in organised:
        last = _day(row["last"])
        until = None if last and last >= today else last
        add(
            "organisation",
            row["organisation_id"],
            Responsibility(ORGANISING, _day(row["first"]), until, row["n"], today),
        )

    budget = (
        BudgetLine.objects.filter(plan__network=network)
        .values("owner_person_id", "owner_organisation_id")
        .annotate(n=Count("id"), first=Min("created_at"))
    )
    for row in budget:
        r = Responsibility(BUDGET, _day(row["first"]), None, row["n"], today)
        add("person", row["owner_person_id"], r)
        add("organisation", row["owner_organisation_id"], r)

    person_ids = [pk for kind, pk in found if kind == "person"]
    org_ids = [pk for kind, pk in found if kind == "organisation"]
    names = {
        ("person", pk): name
        for pk, name in Person.objects.filter(pk__in=person_ids).values_list("id", "display_name")
    }
    names.update(
        {
            ("organisation", pk): name
            for pk, name in Organisation.objects.filter(pk__in=org_ids).values_list("id", "name")
        }
    )
    actors = []
    for key, responsibilities in found.items():
        actor = Actor(
            key[0],
            key[1],
            names.get(key, "–"),
            sorted(responsibilities, key=lambda r: (r.since, r.kind)),
        )
        current = {r.kind for r in actor.current}
        if len(current) > most:
            actor.warnings.append(
                str(
                    _("Carries %(n)s responsibilities at once (the threshold is %(most)s).")
                    % {"n": len(current), "most": most}
                )
            )
        for r in actor.current:
            if r.months > months:
                actor.warnings.append(
                    str(
                        _(
                            "%(what)s for %(n)s months (the threshold is %(months)s): "
                            "share it or hand it on."
                        )
                        % {"what": r.label, "n": r.months, "months": months}
                    )
                )
        actors.append(actor)
    actors.sort(key=lambda a: (not a.warnings, a.kind, -a.total_days, a.name))
    return Rotation(actors, most, months)
