"""Reads of idea calls and the idea bank; queries are shaped here."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from verso.ideas.models import Idea, IdeaCall, IdeaComment, IdeaStatus, IdeaSupport
from verso.networks.access import NetworkAccess
from verso.networks.choices import Role, TargetGroup
from verso.networks.models import MembershipRole, Network, Person, current_q


def ideas_for_network(network: Network) -> QuerySet[Idea]:
    """The network's visible ideas (not hidden by moderation), newest first. The plans
    app's idea picker uses this."""
    return Idea.objects.filter(network=network, hidden_at__isnull=True).order_by(
        "-created_at", "-id"
    )


def network_has_ideas(network: Network) -> bool:
    """For the phase check "planning needs an idea"."""
    return ideas_for_network(network).exists()


def idea_calls_for_network(network: Network) -> QuerySet[IdeaCall]:
    return (
        IdeaCall.objects.filter(network=network)
        .annotate(idea_count=Count("ideas", filter=Q(ideas__hidden_at__isnull=True)))
        .order_by("-opens_on", "-id")
    )


def idea_list_visible_to(
    access: NetworkAccess,
    *,
    status: str = "",
    call_id: int | None = None,
    include_hidden: bool = False,
    person: Person | None = None,
) -> QuerySet[Idea]:
    """Ideas the viewer may see, with their support and comment counts and whether the
    viewer's own person supports each. Hidden ideas only for the coordination group."""
    qs = Idea.objects.filter(network=access.network)
    if not (include_hidden and access.can_see_clients):
        qs = qs.filter(hidden_at__isnull=True)
    if status:
        qs = qs.filter(status=status)
    if call_id:
        qs = qs.filter(call_id=call_id)
    qs = qs.annotate(
        support_count=Count("supports", distinct=True),
        comment_count=Count("comments", filter=Q(comments__hidden_at__isnull=True), distinct=True),
    )
    if person is not None:
        qs = qs.annotate(
            supported=Exists(IdeaSupport.objects.filter(idea=OuterRef("pk"), person=person))
        )
    return qs.select_related("call", "proposer").order_by("-created_at", "-id")


def idea_support_count(idea: Idea) -> int:
    return IdeaSupport.objects.filter(idea=idea).count()


def idea_supported_by(idea: Idea, person: Person | None) -> bool:
    return person is not None and IdeaSupport.objects.filter(idea=idea, person=person).exists()


def client_only_person_ids(network: Network) -> set[int]:
    """People whose only current role in the network is client or resident: their names are
    for the coordination group alone."""
    other = MembershipRole.objects.filter(
        current_q(), membership=OuterRef("membership"), network=network
    ).exclude(role=Role.CLIENT)
    return set(
        MembershipRole.objects.filter(current_q(), network=network, role=Role.CLIENT)
        .filter(current_q("membership__"))
        .exclude(Exists(other))
        .values_list("membership__person_id", flat=True)
    )


def idea_comments_visible_to(access: NetworkAccess, idea: Idea) -> QuerySet[IdeaComment]:
    qs = IdeaComment.objects.filter(idea=idea)
    if not access.can_see_clients:
        qs = qs.filter(hidden_at__isnull=True)
    return qs.select_related("author").order_by("created_at", "id")


def person_name_visible(access: NetworkAccess, person: Person | None, clients: set[int]) -> str:
    """A person's name as this viewer may see it: a client's only to the coordination group."""
    if person is None:
        return ""
    if access.can_see_clients or person.pk not in clients:
        return person.display_name
    return ""


def idea_merge_candidates(idea: Idea) -> QuerySet[Idea]:
    return (
        ideas_for_network(idea.network)
        .exclude(pk=idea.pk)
        .exclude(status=IdeaStatus.MERGED)
        .only("id", "text")
    )


def target_group_labels(values: list[str]) -> list[str]:
    labels = dict(TargetGroup.choices)
    return [str(labels[v]) for v in values if v in labels]


def network_idea_summary(network: Network) -> dict:
    """Counts per status and the open calls, for the network's overview page."""
    counts = dict(
        ideas_for_network(network)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    calls = [c for c in IdeaCall.objects.filter(network=network) if c.is_open()]
    return {
        "total": sum(counts.values()),
        "by_status": [(s.value, s.label, counts.get(s.value, 0)) for s in IdeaStatus],
        "open_calls": calls,
    }


def idea_plans(idea: Idea, *, drafts: bool = False) -> list:
    """The plans that took the idea in, once the plans app links them, each with the
    activities realising it (``plan.activities``, once the events app links them) fetched
    in one more query: the trace idea → plan → activities. Draft activities only for those
    who plan them (``drafts``); everyone else sees what the public pages show."""
    manager = getattr(idea, "plans", None)
    if manager is None:
        return []
    plans = manager.order_by("pk")
    if hasattr(manager.model, "activities"):
        activities = manager.model.activities.field.model.objects.order_by("starts_at", "pk")
        if not drafts:
            activities = activities.exclude(status="draft")
        plans = plans.prefetch_related(
            Prefetch("activities", queryset=activities, to_attr="activity_rows")
        )
    return list(plans)
