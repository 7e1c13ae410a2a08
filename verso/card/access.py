"""Who may do what in a card scheme: the only way views and the API fetch card objects.

Roles are about organisations and live in the card app's ``Staff`` table:
- a scheme administrator (a Staff row with role ``admin``; the coordinator of the network
  that runs the scheme; the superuser for any scheme);
- an issuer: staff of an organisation that is an issuing unit of the scheme;
- provider staff: staff of an organisation that is a provider of the scheme.
A scheme the user has no part in answers 404; a part too small for the request 403, with
a message that says why (an issuer of a unit that is not an issuing unit, a provider that
has not joined).
"""

from dataclasses import dataclass, field
from enum import IntEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from verso.card.choices import StaffRole
from verso.card.models import CardUse, Offering, Provider, ProviderToken, Scheme, Staff
from verso.networks.access import Need, refused, user_levels

SCHEME = "card.scheme"
PROVIDER = "card.provider"
OFFERING = "card.offering"
USE = "card.carduse"
TOKEN = "card.providertoken"  # noqa: S105  # nosec B105  # a model label, not a secret


class CardNeed(IntEnum):
    ANY = 0  # any part in the scheme
    ISSUE = 1
    PROVIDE = 2
    ADMIN = 3


class CardRefused(PermissionDenied):
    """A refusal with a message the page shows (403)."""


@dataclass(frozen=True)
class SchemeAccess:
    scheme: Scheme
    is_admin: bool
    unit_ids: frozenset = field(default_factory=frozenset)  # IssuingUnit ids to issue for
    provider_ids: frozenset = field(default_factory=frozenset)  # Provider ids to act for
    not_issuing: tuple = ()  # names of the user's issuer organisations that are not units

    @property
    def can_issue(self) -> bool:
        return bool(self.unit_ids) or self.is_admin

    @property
    def can_provide(self) -> bool:
        return bool(self.provider_ids)


def _int(value) -> int:
    number = int(value)
    if not 0 < number < 2**63:
        raise ValueError
    return number


def user_is_scheme_admin(user, scheme: Scheme, staff_rows=None) -> bool:
    if user.is_superuser:
        return True
    if scheme.network_id is not None and user_levels(user).get(scheme.network_id) == Need.MANAGE:
        return True
    rows = staff_rows if staff_rows is not None else _staff_rows(user, scheme)
    return any(role == StaffRole.ADMIN for role, _org in rows)


def _staff_rows(user, scheme: Scheme) -> list[tuple[str, int | None]]:
    return list(Staff.objects.filter(scheme=scheme, user=user).values_list("role", "organisation"))


def scheme_access(user, scheme: Scheme) -> SchemeAccess | None:
    """The user's part in a scheme, or None for no part (two or three queries)."""
    rows = _staff_rows(user, scheme)
    is_admin = user_is_scheme_admin(user, scheme, rows)
    issuer_orgs = {org for role, org in rows if role == StaffRole.ISSUER}
    provider_orgs = {org for role, org in rows if role == StaffRole.PROVIDER}
    unit_ids: frozenset = frozenset()
    not_issuing: tuple = ()
    if issuer_orgs:
        units = dict(
            scheme.units.filter(organisation__in=issuer_orgs).values_list("organisation", "pk")
        )
        unit_ids = frozenset(units.values())
        if len(units) < len(issuer_orgs):
            from verso.networks.models import Organisation

            not_issuing = tuple(
                Organisation.objects.filter(pk__in=issuer_orgs - set(units)).values_list(
                    "name", flat=True
                )
            )
    provider_ids = frozenset(
        scheme.providers.filter(organisation__in=provider_orgs).values_list("pk", flat=True)
        if provider_orgs
        else ()
    )
    if not (is_admin or rows):
        return None
    return SchemeAccess(
        scheme=scheme,
        is_admin=is_admin,
        unit_ids=unit_ids,
        provider_ids=provider_ids,
        not_issuing=not_issuing,
    )


def access_scheme_for(user, scheme_id, need: CardNeed) -> SchemeAccess:
    if not user.is_authenticated:
        raise Http404
    try:
        scheme = Scheme.objects.select_related("network").get(pk=_int(scheme_id))
    except (Scheme.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, SCHEME, scheme_id) from None
    access = scheme_access(user, scheme)
    if access is None:
        raise refused(user, Http404, SCHEME, scheme.pk)
    if need == CardNeed.ADMIN and not access.is_admin:
        raise refused(user, PermissionDenied, SCHEME, scheme.pk)
    if need == CardNeed.ISSUE and not access.can_issue:
        refused(user, PermissionDenied, SCHEME, scheme.pk)
        if access.not_issuing:
            raise CardRefused(
                _("%(units)s is not an issuing unit of this scheme, so you cannot issue cards.")
                % {"units": ", ".join(access.not_issuing)}
            )
        raise CardRefused(_("Only the staff of an issuing unit issue cards."))
    if need == CardNeed.PROVIDE and not access.can_provide:
        refused(user, PermissionDenied, SCHEME, scheme.pk)
        raise CardRefused(
            _("Your organisation is not a provider of this scheme, so it cannot record uses.")
        )
    return access


def access_provider_for(
    user, provider_id, *, admin_too: bool = True
) -> tuple[SchemeAccess, Provider]:
    """A provider's page: its own staff, and the scheme's administrators."""
    if not user.is_authenticated:
        raise Http404
    try:
        provider = Provider.objects.select_related(
            "scheme", "scheme__network", "organisation", "contact", "accepted_terms"
        ).get(pk=_int(provider_id))
    except (Provider.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, PROVIDER, provider_id) from None
    access = scheme_access(user, provider.scheme)
    if access is None or not (provider.pk in access.provider_ids or access.is_admin):
        raise refused(user, Http404, PROVIDER, provider.pk)
    if not admin_too and provider.pk not in access.provider_ids:
        raise refused(user, PermissionDenied, PROVIDER, provider.pk)
    return access, provider


def access_offering_for(user, offering_id) -> tuple[SchemeAccess, Offering]:
    try:
        offering = Offering.objects.select_related("provider").get(pk=_int(offering_id))
    except (Offering.DoesNotExist, TypeError, ValueError, OverflowError):
        if not user.is_authenticated:
            raise Http404 from None
        raise refused(user, Http404, OFFERING, offering_id) from None
    access, _provider = access_provider_for(user, offering.provider_id)
    return access, offering


def access_use_for(user, use_id, provider_ids) -> CardUse:
    """A use, for undoing it: only by the staff of the provider that recorded it."""
    try:
        return CardUse.objects.select_related("offering", "provider__scheme__network").get(
            pk=_int(use_id), provider__in=list(provider_ids)
        )
    except (CardUse.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, USE, use_id) from None


def access_token_for(user, token_id) -> tuple[Provider, ProviderToken]:
    try:
        token = ProviderToken.objects.get(pk=_int(token_id))
    except (ProviderToken.DoesNotExist, TypeError, ValueError, OverflowError):
        if not user.is_authenticated:
            raise Http404 from None
        raise refused(user, Http404, TOKEN, token_id) from None
    _access, provider = access_provider_for(user, token.provider_id)
    return provider, token


def public_offering(offering_id) -> Offering:
    """An offering's public page: active, of a provider that has joined an active scheme."""
    try:
        return Offering.objects.select_related(
            "provider__organisation", "provider__scheme", "venue"
        ).get(
            pk=_int(offering_id),
            is_active=True,
            provider__accepted_terms__isnull=False,
            provider__scheme__is_active=True,
        )
    except (Offering.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


def user_can_create_scheme(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or any(level >= Need.MANAGE for level in user_levels(user).values())
    )
