"""Reads for networks: every query shape lives here, with its related rows fetched once."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from verso.core.models import AuditEntry
from verso.networks.access import Need, NetworkAccess, networks_visible_to, user_levels
from verso.networks.choices import Competence, Phase, Role, Sector, TargetGroup
from verso.networks.models import (
    Membership,
    MembershipRole,
    Network,
    Organisation,
    Person,
    current_q,
)

GROUP_ROLES = (Role.COORDINATOR, Role.COORDINATION_GROUP)


def _current_roles_prefetch() -> Prefetch:
    return Prefetch(
        "roles",
        queryset=MembershipRole.objects.filter(current_q()).order_by("role"),
        to_attr="current_roles",
    )


def network_list_for(user) -> QuerySet[Network]:
    """The user's networks with member counts; the user's level is attached by the view."""
    return (
        networks_visible_to(user)
        .annotate(
            member_count=Count("memberships", filter=current_q("memberships__"), distinct=True)
        )
        .order_by("name", "id")
    )


def network_levels_for(user) -> dict[int, Need]:
    return user_levels(user)


def _non_client_role_exists() -> Exists:
    return Exists(
        MembershipRole.objects.filter(current_q(), membership=OuterRef("pk")).exclude(
            role=Role.CLIENT
        )
    )


def network_members_visible_to(
    access: NetworkAccess,
    *,
    role: str = "",
    sector: str = "",
    organisation_id: int | None = None,
    q: str = "",
    include_ended: bool = False,
) -> QuerySet[Membership]:
    """Memberships that this viewer may see. Below the coordination group, people whose only
    role is client or resident are left out: that someone is a client is need-to-know."""
    qs = Membership.objects.filter(network=access.network)
    if not include_ended:
        qs = qs.filter(current_q())
    if not access.can_see_clients:
        qs = qs.filter(_non_client_role_exists())
        if role == Role.CLIENT:
            return qs.none()
    if role:
        qs = qs.filter(
            Exists(MembershipRole.objects.filter(current_q(), membership=OuterRef("pk"), role=role))
        )
    if sector:
        qs = qs.filter(organisation__sector=sector)
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if q:
        qs = qs.filter(Q(person__display_name__icontains=q) | Q(organisation__name__icontains=q))
    return (
        qs.select_related("person", "organisation")
        .prefetch_related(_current_roles_prefetch())
        .order_by("person__display_name", "id")
    )


def visible_roles(access: NetworkAccess, membership: Membership) -> list[MembershipRole]:
    roles = getattr(membership, "current_roles", None)
    if roles is None:
        roles = list(membership.roles.filter(current_q()))
    if access.can_see_clients:
        return roles
    return [r for r in roles if r.role != Role.CLIENT]


@dataclass
class CompetenceCoverage:
    area: str
    label: str
    covered_by: list[Person] = field(default_factory=list)

    @property
    def is_gap(self) -> bool:
        return not self.covered_by


def coordination_group(network: Network) -> list[Membership]:
    return list(
        Membership.objects.filter(
            current_q(),
            Exists(
                MembershipRole.objects.filter(
                    current_q(), membership=OuterRef("pk"), role__in=GROUP_ROLES
                )
            ),
            network=network,
        )
        .select_related("person", "organisation")
        .prefetch_related(_current_roles_prefetch())
        .order_by("person__display_name", "id")
    )


def network_competence_coverage(
    network: Network, group: list[Membership] | None = None
) -> list[CompetenceCoverage]:
    """For each of the four competence areas, who in the coordination group covers it."""
    group = coordination_group(network) if group is None else group
    coverage = [CompetenceCoverage(area=c.value, label=c.label) for c in Competence]
    for item in coverage:
        item.covered_by = [m.person for m in group if item.area in (m.person.competences or [])]
    return coverage


def network_members_by_sector(network: Network) -> list[dict]:
    """Current members counted by their organisation's sector, largest first."""
    rows = (
        Membership.objects.filter(current_q(), network=network)
        .values("organisation__sector")
        .annotate(n=Count("id"))
        .order_by("-n", "organisation__sector")
    )
    labels = dict(Sector.choices)
    return [
        {
            "sector": row["organisation__sector"] or "",
            "label": labels.get(row["organisation__sector"]),
            "count": row["n"],
        }
        for row in rows
    ]


def network_role_counts(network: Network) -> dict[str, int]:
    rows = (
        MembershipRole.objects.filter(current_q(), current_q("membership__"), network=network)
        .values("role")
        .annotate(n=Count("membership", distinct=True))
    )
    return {row["role"]: row["n"] for row in rows}


def target_group_labels(network: Network) -> list[str]:
    labels = dict(TargetGroup.choices)
    return [labels[g] for g in network.target_groups if g in labels]


@dataclass
class Dashboard:
    access: NetworkAccess
    coordinator: Membership | None
    group: list[Membership]
    coverage: list[CompetenceCoverage]
    by_sector: list[dict]
    role_counts: dict[str, int]
    target_groups: list[str]
    organisations: list[Organisation]

    @property
    def gaps(self) -> list[CompetenceCoverage]:
        return [c for c in self.coverage if c.is_gap]

    @property
    def phases(self) -> list[tuple[str, str]]:
        return list(Phase.choices)

    @property
    def role_rows(self) -> list[tuple[str, str, int]]:
        return [(r.value, r.label, self.role_counts.get(r.value, 0)) for r in Role]


def _dashboard_members(network: Network) -> dict:
    """What the dashboard shows of the network's members, whoever looks (the view leaves
    out what the viewer may not see)."""
    return {
        "group": coordination_group(network),
        "by_sector": network_members_by_sector(network),
        "role_counts": network_role_counts(network),
        # Driven by the network's memberships (an index), not by a scan of every
        # organisation with a correlated subquery, which grew with the whole directory.
        "organisations": list(
            Organisation.objects.filter(
                pk__in=Membership.objects.filter(current_q(), network=network).values(
                    "organisation_id"
                )
            ).order_by("sector", "name")
        ),
    }


def network_dashboard(access: NetworkAccess) -> Dashboard:
    network = access.network
    # --- perf --- cached per network under a version that every change of its members,
    # roles, people or organisations bumps (verso/networks/cache.py).
    from verso.networks.cache import TIMEOUT, dashboard_key

    key = dashboard_key(network.pk)
    members = cache.get(key)
    if members is None:
        members = _dashboard_members(network)
        cache.set(key, members, TIMEOUT)
    group = members["group"]
    coordinator = next(
        (m for m in group if any(r.role == Role.COORDINATOR for r in m.current_roles)), None
    )
    see = access.can_see_members
    return Dashboard(
        access=access,
        coordinator=coordinator,
        group=group if see else [],
        coverage=network_competence_coverage(network, group) if see else [],
        by_sector=members["by_sector"] if see else [],
        role_counts=members["role_counts"],
        target_groups=target_group_labels(network),
        organisations=members["organisations"] if see else [],
    )


def network_audit_entries(network: Network) -> QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(network=network)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def network_handover_candidates(network: Network) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(current_q(), network=network, person__user__isnull=False)
        .exclude(
            Exists(
                MembershipRole.objects.filter(
                    membership=OuterRef("pk"), role=Role.COORDINATOR, ends_on__isnull=True
                )
            )
        )
        .select_related("person", "organisation")
        .order_by("person__display_name")
    )


def organisation_list(*, sector: str = "", q: str = "") -> QuerySet[Organisation]:
    # A correlated subquery counts networks for the rows on the page only; an aggregate
    # over the join would count every membership of every organisation first.
    networks = (
        Membership.objects.filter(current_q(), organisation=OuterRef("pk"))
        .order_by()
        .values("organisation")
        .annotate(n=Count("network", distinct=True))
        .values("n")
    )
    qs = Organisation.objects.select_related("parent").annotate(
        network_count=Coalesce(Subquery(networks, output_field=IntegerField()), 0)
    )
    if sector:
        qs = qs.filter(sector=sector)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.order_by("name", "id")


def organisation_networks_visible_to(user, organisation: Organisation) -> QuerySet[Network]:
    return (
        networks_visible_to(user)
        .filter(
            Exists(
                Membership.objects.filter(
                    current_q(), network=OuterRef("pk"), organisation=organisation
                )
            )
        )
        .order_by("name")
    )
