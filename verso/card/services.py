"""Writes of the card app: schemes, units, providers, staff, offerings, tokens.

Issuing, checking, redeeming and revoking cards live in ``verso.card.redemption``. Every
service runs in one transaction, enforces the scheme's invariants, writes the audit entry
and raises ``ValidationError`` naming the field, with a translated message; nothing
changes when it does.
"""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from verso.card.choices import StaffRole
from verso.card.models import (
    IssuingUnit,
    Offering,
    Provider,
    ProviderToken,
    Scheme,
    SchemeTerms,
    Staff,
)
from verso.core.audit import audit_record

SCHEME_FIELDS = ("name", "area", "validity_days", "max_children", "asks_gender", "is_active")
OFFERING_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
    "place",
    "venue",
    "address",
    "schedule",
    "daily_quota",
    "booking_needed",
    "booking_info",
    "is_active",
)
TOKEN_PREFIX = "vcp_"  # noqa: S105  # nosec B105  # the public prefix of keys
TERMS_MAX = 5000


def _clean(instance, exclude=()) -> None:
    instance.full_clean(exclude=list(exclude), validate_constraints=False)


def _strip(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


# Schemes ------------------------------------------------------------------------------------


def _check_scheme(scheme: Scheme) -> None:
    if not 1 <= (scheme.validity_days or 0) <= 3 * 366:
        raise ValidationError(
            {"validity_days": _("A card is valid for 1 day at least and 3 years at most.")}
        )
    if scheme.max_children is None or scheme.max_children > 20:
        raise ValidationError({"max_children": _("Allow at most 20 children with a holder.")})
    _clean(scheme, exclude=["network"])


@transaction.atomic
def scheme_create(*, actor, network=None, terms: str, **fields) -> Scheme:
    scheme = Scheme(
        network=network, **_strip({k: v for k, v in fields.items() if k in SCHEME_FIELDS})
    )
    _check_scheme(scheme)
    terms = (terms or "").strip()
    if not terms:
        raise ValidationError({"terms": _("Write the terms that providers accept.")})
    if len(terms) > TERMS_MAX:
        raise ValidationError({"terms": _("The terms can be at most 5,000 characters long.")})
    scheme.save()
    SchemeTerms.objects.create(scheme=scheme, version=1, text=terms)
    audit_record(
        actor=actor,
        action="card.scheme_create",
        network=network,
        target=scheme,
        summary=scheme.name,
    )
    return scheme


@transaction.atomic
def scheme_update(*, actor, scheme: Scheme, **fields) -> Scheme:
    changes = {}
    for key, value in _strip(fields).items():
        if key in SCHEME_FIELDS and getattr(scheme, key) != value:
            changes[key] = str(value)
            setattr(scheme, key, value)
    _check_scheme(scheme)
    scheme.save()
    audit_record(
        actor=actor,
        action="card.scheme_update",
        network=scheme.network,
        target=scheme,
        summary=scheme.name,
        changes=changes,
    )
    return scheme


@transaction.atomic
def terms_publish(*, actor, scheme: Scheme, text: str) -> SchemeTerms:
    """A new version of the terms; providers accept it on their page."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the terms that providers accept.")})
    if len(text) > TERMS_MAX:
        raise ValidationError({"text": _("The terms can be at most 5,000 characters long.")})
    Scheme.objects.select_for_update().filter(pk=scheme.pk).first()
    version = (scheme.terms.aggregate(v=Max("version"))["v"] or 0) + 1
    terms = SchemeTerms.objects.create(scheme=scheme, version=version, text=text)
    audit_record(
        actor=actor,
        action="card.terms_publish",
        network=scheme.network,
        target=terms,
        summary=f"{scheme.name} v{version}",
    )
    return terms


def terms_current(scheme: Scheme) -> SchemeTerms | None:
    return scheme.terms.order_by("-version").first()


# Issuing units, providers, staff --------------------------------------------------------------


@transaction.atomic
def issuing_unit_add(*, actor, scheme: Scheme, organisation) -> IssuingUnit:
    if organisation is None:
        raise ValidationError({"organisation": _("Choose the organisation.")})
    if scheme.units.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("%(name)s is already an issuing unit.") % {"name": organisation}}
        )
    unit = IssuingUnit.objects.create(scheme=scheme, organisation=organisation)
    audit_record(
        actor=actor,
        action="card.unit_add",
        network=scheme.network,
        target=unit,
        summary=organisation.name,
    )
    return unit


@transaction.atomic
def provider_add(
    *, actor, scheme: Scheme, organisation, adult_companion_allowed: bool = False
) -> Provider:
    if organisation is None:
        raise ValidationError({"organisation": _("Choose the organisation.")})
    if scheme.providers.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("%(name)s is already a provider.") % {"name": organisation}}
        )
    provider = Provider.objects.create(
        scheme=scheme, organisation=organisation, adult_companion_allowed=adult_companion_allowed
    )
    audit_record(
        actor=actor,
        action="card.provider_add",
        network=scheme.network,
        target=provider,
        summary=organisation.name,
    )
    return provider


@transaction.atomic
def provider_join(
    *, actor, provider: Provider, terms_version: int, contact, adult_companion_allowed: bool
) -> Provider:
    """The provider accepts the current terms (who, when, which version) and names its
    contact person; accepting an older version than the current one is refused."""
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    current = terms_current(provider.scheme)
    if current is None or current.version != terms_version:
        raise ValidationError(
            {"accept": _("The terms have changed. Read the current version and accept it.")}
        )
    if contact is None:
        raise ValidationError({"contact": _("Name the contact person.")})
    provider.accepted_terms = current
    provider.accepted_by = actor
    provider.accepted_at = timezone.now()
    provider.contact = contact
    provider.adult_companion_allowed = adult_companion_allowed
    provider.save()
    audit_record(
        actor=actor,
        action="card.provider_join",
        network=provider.scheme.network,
        target=provider,
        summary=provider.organisation.name,
        changes={"terms_version": current.version},
    )
    return provider


@transaction.atomic
def staff_add(*, actor, scheme: Scheme, user, organisation, role: str) -> Staff:
    """Give a user a role in the scheme. An issuer must act for an issuing unit and
    provider staff for a provider of this scheme."""
    if user is None:
        raise ValidationError({"email": _("No account has this e-mail address.")})
    if role not in StaffRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    if role == StaffRole.ISSUER and not scheme.units.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("An issuer must work in an issuing unit of this scheme.")}
        )
    if (
        role == StaffRole.PROVIDER
        and not scheme.providers.filter(organisation=organisation).exists()
    ):
        raise ValidationError(
            {"organisation": _("Provider staff must work for a provider of this scheme.")}
        )
    if role == StaffRole.ADMIN:
        organisation = None
    try:
        with transaction.atomic():
            staff = Staff.objects.create(
                scheme=scheme, user=user, organisation=organisation, role=role
            )
    except IntegrityError:
        raise ValidationError({"email": _("This person already has this role.")}) from None
    audit_record(
        actor=actor,
        action="card.staff_add",
        network=scheme.network,
        target=staff,
        summary=f"{role}",
    )
    return staff


@transaction.atomic
def staff_remove(*, actor, staff: Staff) -> None:
    """End a role in the scheme. The scheme keeps at least one named administrator: the
    last one is refused (whoever ends it, at the same moment as another: the scheme's row
    is locked, so two administrators cannot end each other's roles at once)."""
    scheme = Scheme.objects.select_for_update().get(pk=staff.scheme_id)
    staff = Staff.objects.filter(pk=staff.pk, scheme=scheme).select_related("user").first()
    if staff is None:
        raise ValidationError({"confirm": _("This role has already ended.")}, code="gone")
    if (
        staff.role == StaffRole.ADMIN
        and not Staff.objects.filter(scheme=scheme, role=StaffRole.ADMIN)
        .exclude(pk=staff.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "confirm": _(
                    "%(email)s is the scheme's last administrator. Give the role to someone "
                    "else first, then end this one."
                )
                % {"email": staff.user.email}
            },
            code="last_admin",
        )
    audit_record(
        actor=actor,
        action="card.staff_remove",
        network=scheme.network,
        target=staff,
        summary=f"{staff.role}: {staff.user.email}",
    )
    staff.delete()


# Offerings --------------------------------------------------------------------------------------


def _check_offering(offering: Offering) -> None:
    venue = offering.venue
    if venue is not None and venue.network_id != offering.provider.scheme.network_id:
        raise ValidationError({"venue": _("Choose a place of the scheme's network.")})
    if offering.daily_quota is not None and not 1 <= offering.daily_quota <= 100_000:
        raise ValidationError(
            {"daily_quota": _("Give between 1 and 100,000 places, or leave it empty.")}
        )
    _clean(offering, exclude=["provider", "venue"])


@transaction.atomic
def offering_create(*, actor, provider: Provider, **fields) -> Offering:
    offering = Offering(
        provider=provider, **_strip({k: v for k, v in fields.items() if k in OFFERING_FIELDS})
    )
    _check_offering(offering)
    offering.save()
    audit_record(
        actor=actor,
        action="card.offering_create",
        network=provider.scheme.network,
        target=offering,
        summary=offering.title_fi,
    )
    return offering


@transaction.atomic
def offering_update(*, actor, offering: Offering, **fields) -> Offering:
    changes = {}
    for key, value in _strip(fields).items():
        if key in OFFERING_FIELDS and getattr(offering, key) != value:
            changes[key] = str(value)[:100]
            setattr(offering, key, value)
    _check_offering(offering)
    offering.save()
    audit_record(
        actor=actor,
        action="card.offering_update",
        network=offering.provider.scheme.network,
        target=offering,
        summary=offering.title_fi,
        changes=changes,
    )
    return offering


# Provider tokens --------------------------------------------------------------------------------


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def provider_token_create(*, actor, provider: Provider, name: str) -> tuple[ProviderToken, str]:
    """A token for the provider's own system; the key is shown once and never stored."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError({"name": _("Name the token (at most 100 characters).")})
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ProviderToken.objects.create(
        provider=provider, name=name, prefix=key[4:12], digest=token_digest(key)
    )
    audit_record(
        actor=actor,
        action="card.token_create",
        network=provider.scheme.network,
        target=token,
        summary=name,
    )
    return token, key


@transaction.atomic
def provider_token_revoke(*, actor, token: ProviderToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="card.token_revoke", target=token, summary=token.name)


def provider_token_authenticate(key: str) -> ProviderToken | None:
    if not key or len(key) > 200 or not key.startswith(TOKEN_PREFIX):
        return None
    token = (
        ProviderToken.objects.select_related("provider__scheme__network", "provider__organisation")
        .filter(digest=token_digest(key), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        ProviderToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
