"""Reads of the card app: schemes for a user, a scheme's parts, offerings, the holder's page."""

from django.db.models import Prefetch, Q, QuerySet

from verso.card import codes
from verso.card.models import Card, CardUse, Offering, Provider, Scheme, Staff
from verso.events.models import Place
from verso.networks.access import Need, user_levels


def scheme_list_for(user) -> QuerySet[Scheme]:
    """Schemes the user has a part in: staff rows, a network they coordinate, or all for
    the superuser."""
    if not user.is_authenticated:
        return Scheme.objects.none()
    qs = Scheme.objects.select_related("network")
    if user.is_superuser:
        return qs.all()
    managed = [nid for nid, level in user_levels(user).items() if level >= Need.MANAGE]
    return qs.filter(Q(staff__user=user) | Q(network__in=managed)).distinct()


def staff_roles_by_scheme(user, scheme_ids) -> dict[int, list[str]]:
    roles: dict[int, list[str]] = {}
    rows = Staff.objects.filter(user=user, scheme__in=list(scheme_ids)).values_list(
        "scheme_id", "role"
    )
    for scheme_id, role in rows:
        roles.setdefault(scheme_id, [])
        if role not in roles[scheme_id]:
            roles[scheme_id].append(role)
    return roles


def scheme_units(scheme: Scheme):
    return scheme.units.select_related("organisation")


def scheme_providers(scheme: Scheme):
    return scheme.providers.select_related("organisation", "contact", "accepted_terms")


def scheme_staff(scheme: Scheme):
    return scheme.staff.select_related("user", "organisation").order_by("role", "user__email")


def provider_offerings(provider: Provider):
    return provider.offerings.order_by("title_fi", "id")


def provider_recent_uses(provider: Provider, limit: int = 10):
    """The provider's own latest uses (offering, day, people): for undoing a mistake. No
    card number or holder is shown."""
    return (
        CardUse.objects.filter(provider=provider)
        .select_related("offering")
        .order_by("-used_at", "-id")[:limit]
    )


def offerings_public(scheme_id: int | None = None) -> QuerySet[Offering]:
    qs = Offering.objects.filter(
        is_active=True, provider__accepted_terms__isnull=False, provider__scheme__is_active=True
    ).select_related("provider__organisation", "provider__scheme")
    if scheme_id:
        qs = qs.filter(provider__scheme_id=scheme_id)
    return qs.order_by("provider__scheme__name", "title_fi", "id")


def card_for_link(link_token: str) -> Card | None:
    if not link_token or len(link_token) > 100:
        return None
    return (
        Card.objects.select_related("scheme", "unit__organisation")
        .filter(link_digest=codes.link_digest(link_token))
        .first()
    )


def holder_uses(card: Card):
    """The holder's own uses: shown only on the holder's own page."""
    return (
        CardUse.objects.filter(card=card, undone_at__isnull=True)
        .select_related("offering", "provider__organisation")
        .order_by("-used_at")
    )


def card_find(scheme: Scheme, reference: str) -> Card | None:
    reference = (reference or "").strip().upper()
    if not reference or len(reference) > 12:
        return None
    return (
        Card.objects.select_related("unit__organisation", "replaces")
        .filter(scheme=scheme, reference=reference)
        .first()
    )


def provider_options(providers) -> list:
    return list(
        Provider.objects.filter(pk__in=list(providers))
        .select_related("organisation", "scheme")
        .prefetch_related(Prefetch("offerings", queryset=Offering.objects.filter(is_active=True)))
    )


def scheme_places(scheme: Scheme) -> QuerySet[Place]:
    """The places an offering of the scheme may refer to: the directory of the scheme's
    network (events' places). An installation-wide scheme has none: free text only."""
    if scheme.network_id is None:
        return Place.objects.none()
    return Place.objects.filter(network_id=scheme.network_id).order_by("name", "pk")
