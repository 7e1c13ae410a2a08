"""The handover: the previous coordinator's note (a field added to the networks' handover
form, stored by a hook inside the handover's transaction) and what the new coordinator
needs to take over — open tasks, coming meetings and activities, plan readiness, budget
commitments and contacts. A fixed number of queries, each list capped."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone

from verso.embedding.selectors import latest_handover_note
from verso.networks.choices import Role
from verso.networks.models import Membership, Network, current_q

LIST_MAX = 10


def note_field():
    from verso.embedding.forms import HandoverNoteForm

    return HandoverNoteForm.base_fields["note"].__deepcopy__({})


def on_handover(*, actor, network, previous, new, extra) -> None:
    from verso.embedding.services import handover_note_write

    handover_note_write(
        actor=actor,
        network=network,
        text=extra.get("note") or "",
        from_person=previous.person if previous is not None else None,
        to_person=new.person,
    )


def register() -> None:
    from verso.networks.forms import HANDOVER_FIELDS
    from verso.networks.services import register_handover_hook

    HANDOVER_FIELDS.setdefault("note", note_field)
    register_handover_hook(on_handover)


@dataclass
class HandoverPage:
    note: object
    open_tasks: list
    open_task_count: int
    meetings: list
    activities: list
    readiness: list  # (plan, Readiness)
    committed_lines: list
    committed_total: object
    contacts: list


def handover_page(network: Network) -> HandoverPage:
    from verso.events.models import Activity, ActivityStatus
    from verso.meetings.choices import ItemStatus
    from verso.meetings.models import ActionItem, Meeting
    from verso.plans.choices import BudgetStatus
    from verso.plans.models import BudgetLine, Plan
    from verso.plans.readiness import network_gaps, plan_readiness

    now = timezone.now()
    tasks = ActionItem.objects.filter(network=network).exclude(status=ItemStatus.DONE)
    open_tasks = list(
        tasks.select_related("owner_person", "owner_organisation").order_by("due_on", "id")[
            :LIST_MAX
        ]
    )
    open_count = tasks.count()
    meetings = list(
        Meeting.objects.filter(network=network, ends_at__gte=now).order_by("starts_at", "id")[
            :LIST_MAX
        ]
    )
    activities = list(
        Activity.objects.filter(network=network, ends_at__gte=now)
        .exclude(status=ActivityStatus.CANCELLED)
        .order_by("starts_at", "id")[:LIST_MAX]
    )
    plans = list(Plan.objects.filter(network=network).order_by("-created_at", "-id")[:1])
    readiness = []
    if plans:
        shared = network_gaps(network)
        readiness = [(plan, plan_readiness(plan, shared)) for plan in plans]
    committed = BudgetLine.objects.filter(
        plan__network=network, status__in=[BudgetStatus.COMMITTED, BudgetStatus.SPENT]
    )
    lines = list(
        committed.select_related("owner_organisation", "owner_person", "plan").order_by(
            "plan_id", "id"
        )[:LIST_MAX]
    )
    total = committed.aggregate(total=Sum("amount"))["total"] or 0
    contacts = list(
        Membership.objects.filter(current_q(), network=network)
        .filter(
            Q(roles__role__in=[Role.COORDINATION_GROUP, Role.UNIT_CONTACT, Role.COORDINATOR])
            & (Q(roles__ends_on__isnull=True) | Q(roles__ends_on__gt=timezone.localdate()))
        )
        .annotate(n=Count("id"))
        .select_related("person", "organisation")
        .order_by("person__display_name", "id")[:30]
    )
    return HandoverPage(
        note=latest_handover_note(network),
        open_tasks=open_tasks,
        open_task_count=open_count,
        meetings=meetings,
        activities=activities,
        readiness=readiness,
        committed_lines=lines,
        committed_total=total,
        contacts=contacts,
    )
