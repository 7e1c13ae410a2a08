"""A card scheme on the suite's world: run by the world's network (its coordinator is the
scheme's administrator), the social rehabilitation unit issues (the professional is its
issuer), the library provides (the coordination-group member is its staff)."""

from dataclasses import dataclass

from verso.card import redemption, services
from verso.card.choices import AgeGroup, LifeSituation, StaffRole
from verso.card.models import IssuingUnit, Offering, Provider, Scheme


@dataclass
class CardWorld:
    scheme: Scheme
    unit: IssuingUnit
    provider: Provider
    offering: Offering
    quota_offering: Offering
    issued: redemption.IssuedCard

    @property
    def code(self) -> str:
        return self.issued.code


def card_world(world) -> CardWorld:
    """Made once per world (the access matrix asks for several of its objects)."""
    existing = getattr(world, "_card_world", None)
    if existing is not None:
        return existing
    scheme = services.scheme_create(
        actor=world.coordinator,
        network=world.network,
        name="Nature card",
        area="Kuusamo",
        validity_days=365,
        max_children=3,
        terms="Holders take part free of charge.",
    )
    unit = services.issuing_unit_add(
        actor=world.coordinator, scheme=scheme, organisation=world.unit
    )
    provider = services.provider_add(
        actor=world.coordinator, scheme=scheme, organisation=world.organisation
    )
    services.staff_add(
        actor=world.coordinator,
        scheme=scheme,
        user=world.professional,
        organisation=world.unit,
        role=StaffRole.ISSUER,
    )
    services.staff_add(
        actor=world.coordinator,
        scheme=scheme,
        user=world.group,
        organisation=world.organisation,
        role=StaffRole.PROVIDER,
    )
    provider = services.provider_join(
        actor=world.group,
        provider=provider,
        terms_version=1,
        contact=world.group.person,
        adult_companion_allowed=True,
    )
    offering = services.offering_create(
        actor=world.group,
        provider=provider,
        title_fi="Taidetyöpaja",
        title_sv="Konstverkstad",
        title_en="Art workshop",
        place="Library",
        schedule="Tuesdays 13–15",
    )
    quota_offering = services.offering_create(
        actor=world.group,
        provider=provider,
        title_fi="Melontaretki",
        place="Lake",
        schedule="Saturdays",
        daily_quota=2,
    )
    issued = redemption.card_issue(
        actor=world.professional,
        scheme=scheme,
        unit=unit,
        age_group=AgeGroup.FROM_30,
        gender="",
        life_situation=LifeSituation.UNEMPLOYED,
    )
    made = CardWorld(scheme, unit, provider, offering, quota_offering, issued)
    world._card_world = made
    return made


def touch_card_roles(world, user, person) -> None:
    """For the privacy test: the person has a card role, accepted terms and is a contact."""
    cw = card_world(world)
    services.staff_add(
        actor=world.coordinator,
        scheme=cw.scheme,
        user=user,
        organisation=world.organisation,
        role=StaffRole.PROVIDER,
    )
    services.provider_join(
        actor=user,
        provider=cw.provider,
        terms_version=1,
        contact=person,
        adult_companion_allowed=True,
    )
