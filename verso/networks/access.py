"""The only way views and the API fetch networks and their rows for a user.

A user's level in a network comes from the roles of their current membership; the
superuser sees everything. A network the user is not in answers 404 (its existence is not
revealed); a network they are in but with too low a level answers 403.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import IntEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from verso.core.audit import audit_record
from verso.networks.choices import Role
from verso.networks.models import Membership, MembershipRole, Network, Organisation, current_q


class Need(IntEnum):
    """What a request needs; each level includes the ones below it."""

    CLIENT = 1  # what is shared with clients and residents
    MEMBER = 2  # the network's internal pages (professionals, partners, experts)
    COORDINATION = 3  # plan, meetings, events; who the clients are
    MANAGE = 4  # the coordinator: members, roles, handover, audit trail


ROLE_LEVEL: dict[str, Need] = {
    Role.CLIENT: Need.CLIENT,
    Role.PARTNER: Need.MEMBER,
    Role.PROFESSIONAL: Need.MEMBER,
    Role.EXPERIENCE_EXPERT: Need.MEMBER,
    Role.UNIT_CONTACT: Need.MEMBER,
    Role.COORDINATION_GROUP: Need.COORDINATION,
    Role.COORDINATOR: Need.MANAGE,
}


@dataclass(frozen=True)
class NetworkAccess:
    network: Network
    level: Need
    membership: Membership | None

    @property
    def can_see_members(self) -> bool:
        return self.level >= Need.MEMBER

    @property
    def can_see_clients(self) -> bool:
        return self.level >= Need.COORDINATION

    @property
    def can_manage(self) -> bool:
        return self.level >= Need.MANAGE


NETWORK = "networks.network"
MEMBERSHIP = "networks.membership"
ORGANISATION = "networks.organisation"


def refused(user, error: type[Exception], target_type: str, target_id) -> Exception:
    """The error to raise for a signed-in user's refused look-up, recorded in the audit
    trail as ``access.denied`` (outside any network's trail: it is a security event)."""
    audit_record(
        actor=user,
        action="access.denied",
        target_type=target_type,
        target_id=str(target_id),
        changes={"status": 404 if error is Http404 else 403},
    )
    return error()


# Within one read-only request the levels are worked out once (the two-factor middleware,
# the access helpers and the page all ask): ``RequestLevelsMiddleware`` opens this cache
# for GET and HEAD requests only, so a request that changes roles always reads them anew.
_levels_cache: ContextVar[dict[int, dict[int, "Need"]] | None] = ContextVar(
    "verso_levels_cache", default=None
)


@contextmanager
def levels_cached() -> Iterator[None]:
    token = _levels_cache.set({})
    try:
        yield
    finally:
        _levels_cache.reset(token)


def user_levels(user) -> dict[int, Need]:
    """Network id → the user's level, from their current memberships' current roles."""
    if not user.is_authenticated:
        return {}
    cache = _levels_cache.get()
    if cache is None:
        return _user_levels(user)
    if user.pk not in cache:
        cache[user.pk] = _user_levels(user)
    return dict(cache[user.pk])


def _user_levels(user) -> dict[int, Need]:
    rows = MembershipRole.objects.filter(
        current_q(),
        current_q("membership__"),
        membership__person__user=user,
    ).values_list("network_id", "role")
    levels: dict[int, Need] = {}
    for network_id, role in rows:
        level = ROLE_LEVEL[role]
        if level > levels.get(network_id, 0):
            levels[network_id] = level
    return levels


def networks_visible_to(user) -> QuerySet[Network]:
    if not user.is_authenticated:
        return Network.objects.none()
    if user.is_superuser:
        return Network.objects.all()
    return Network.objects.filter(pk__in=list(user_levels(user)))


def access_network_for(user, network_id, need: Need) -> NetworkAccess:
    if not user.is_authenticated:
        raise Http404
    try:
        network = Network.objects.get(pk=int(network_id))
    except (Network.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, NETWORK, network_id) from None
    membership = (
        Membership.objects.filter(current_q(), network=network, person__user=user)
        .select_related("person", "organisation")
        .first()
    )
    if user.is_superuser:
        return NetworkAccess(network=network, level=Need.MANAGE, membership=membership)
    level = user_levels(user).get(network.pk)
    if level is None:
        raise refused(user, Http404, NETWORK, network.pk)
    if level < need:
        raise refused(user, PermissionDenied, NETWORK, network.pk)
    return NetworkAccess(network=network, level=level, membership=membership)


def access_membership_for(
    user, network_id, membership_id, need: Need
) -> tuple[NetworkAccess, Membership]:
    access = access_network_for(user, network_id, need)
    try:
        membership = Membership.objects.select_related("person", "organisation").get(
            pk=int(membership_id), network=access.network
        )
    except (Membership.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, MEMBERSHIP, membership_id) from None
    return access, membership


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Organisations are the network's shared directory: any signed-in user sees them."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.all()


def access_organisation_for(user, organisation_id, *, change: bool = False) -> Organisation:
    """Any signed-in user may read an organisation; changing it needs the coordinator of a
    network the organisation takes part in, or the superuser, or an organisation nobody uses."""
    if not user.is_authenticated:
        raise Http404
    try:
        organisation = Organisation.objects.select_related("parent").get(pk=int(organisation_id))
    except (Organisation.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, ORGANISATION, organisation_id) from None
    if not change:
        return organisation
    if not user_can_change_organisation(user, organisation):
        raise refused(user, PermissionDenied, ORGANISATION, organisation.pk)
    return organisation


def user_can_change_organisation(user, organisation: Organisation) -> bool:
    """The superuser; a coordinator, of an organisation that takes part in one of their
    networks or in none yet."""
    if user.is_superuser:
        return True
    managed = {nid for nid, level in user_levels(user).items() if level >= Need.MANAGE}
    if not managed:
        return False
    used_by = set(
        Membership.objects.filter(organisation=organisation).values_list("network_id", flat=True)
    )
    return not used_by or bool(used_by & managed)


def user_can_create_organisation(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or any(level >= Need.MANAGE for level in user_levels(user).values())
    )
