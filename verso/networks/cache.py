"""The network dashboard's member-derived part (coordination group, members by sector,
role counts, organisations) and the member list's results, cached per network under a
version that writes bump.

A network's version moves on every save or delete of its memberships, roles or the network
itself (signals, connected in NetworksConfig.ready()), and after the services' bulk
``.update()`` of roles; a shared "people" version moves on every save or delete of a person
or an organisation (they show in every network they belong to). Each bump happens at once
(the same request and transaction see it) and again when the transaction commits, so a
reader that rendered the old rows just before the commit cannot keep them under the new
version. A version that is not in the cache (never set, or evicted) starts from the clock,
never from a number that an older cached fragment may carry. The key also carries today's
date (memberships end by date) and the language.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation

TIMEOUT = 600
PEOPLE = "networks:v:people"


def _network_key(network_id: int) -> str:
    return f"networks:v:{network_id}"


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), None)


def members_bump(network_id: int | None = None) -> None:
    """After a change of a network's members (or, with None, of any person or organisation)."""
    key = _network_key(network_id) if network_id is not None else PEOPLE
    _incr(key)
    transaction.on_commit(lambda: _incr(key))


def _versions(network_id: int) -> str:
    keys = [_network_key(network_id), PEOPLE]
    versions = cache.get_many(keys)
    for key in keys:
        if key not in versions:
            cache.add(key, time.time_ns(), None)
            versions[key] = cache.get(key)
    return (
        f"{network_id}:{versions[keys[0]]}:{versions[keys[1]]}:"
        f"{timezone.localdate().isoformat()}:{translation.get_language()}"
    )


def dashboard_key(network_id: int) -> str:
    return f"networks:dashboard:{_versions(network_id)}"


def member_list_key(access, query_string: str) -> str:
    """The member list's results as this viewer's level sees them, for this query string."""
    digest = hashlib.sha256(query_string.encode()).hexdigest()[:24]
    return f"networks:members:{_versions(access.network.pk)}:{int(access.level)}:{digest}"


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from verso.networks.models import Membership, MembershipRole, Network, Organisation, Person

    def by_network(sender, instance, **kwargs):
        members_bump(instance.network_id)

    def network_itself(sender, instance, **kwargs):
        members_bump(instance.pk)

    def people(sender, instance, **kwargs):
        members_bump(None)

    for model in (Membership, MembershipRole):
        post_save.connect(
            by_network, sender=model, dispatch_uid=f"verso-dash-{model.__name__}", weak=False
        )
        post_delete.connect(
            by_network, sender=model, dispatch_uid=f"verso-dash-d{model.__name__}", weak=False
        )
    post_save.connect(network_itself, sender=Network, dispatch_uid="verso-dash-network", weak=False)
    post_delete.connect(
        network_itself, sender=Network, dispatch_uid="verso-dash-dnetwork", weak=False
    )
    for model in (Person, Organisation):
        post_save.connect(
            people, sender=model, dispatch_uid=f"verso-dash-{model.__name__}", weak=False
        )
        post_delete.connect(
            people, sender=model, dispatch_uid=f"verso-dash-d{model.__name__}", weak=False
        )
