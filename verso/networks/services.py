"""Writes to networks, organisations, people and memberships.

Every service runs in one transaction, enforces the network's invariants and writes the
audit entry. Services raise ``ValidationError`` with the field named and a translated
message; nothing changes when they do.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.networks.cache import members_bump
from verso.networks.choices import Competence, NetworkStatus, Phase, Role, Sector, TargetGroup
from verso.networks.models import (
    Membership,
    MembershipRole,
    Network,
    Organisation,
    Person,
    current_q,
)
from verso.networks.phases import phase_check

NETWORK_FIELDS = ("name", "municipality", "goal", "description", "status", "phase", "target_groups")
ORGANISATION_FIELDS = (
    "name",
    "sector",
    "is_project",
    "ends_on",
    "parent",
    "municipality",
    "description",
)
EARLIEST_DATE = datetime.date(1900, 1, 1)
ROLES_WITHOUT_COORDINATOR = [r for r in Role.values if r != Role.COORDINATOR]


def _clean(instance, exclude: Iterable[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude), validate_constraints=False)


def _validate_choices(field: str, values: Iterable[str], allowed: Iterable[str]) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [v for v in values if v not in set(allowed)]
    if unknown:
        raise ValidationError(
            {field: _("Unknown choice: %(values)s.") % {"values": ", ".join(map(str, unknown))}}
        )
    return values


def _clean_tags(tags: Iterable[str]) -> list[str]:
    cleaned = []
    for tag in tags or []:
        tag = str(tag).strip()
        if not tag:
            continue
        if len(tag) > 50:
            raise ValidationError(
                {"competence_tags": _("A competence tag can be at most 50 characters long.")}
            )
        if tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > 20:
        raise ValidationError({"competence_tags": _("Give at most 20 other competences.")})
    return cleaned


# Organisations ---------------------------------------------------------------------------


def _check_organisation(org: Organisation) -> None:
    if org.is_project and not org.ends_on:
        raise ValidationError({"ends_on": _("A fixed-term project needs an end date.")})
    if not org.is_project:
        org.ends_on = None
    if org.parent_id and org.pk:
        ancestor = org.parent
        while ancestor is not None:
            if ancestor.pk == org.pk:
                raise ValidationError(
                    {"parent": _("An organisation cannot be a unit of itself or of its own unit.")}
                )
            ancestor = ancestor.parent
    _clean(org)


@transaction.atomic
def organisation_create(*, actor, **fields) -> Organisation:
    org = Organisation(**{k: v for k, v in fields.items() if k in ORGANISATION_FIELDS})
    _check_organisation(org)
    org.save()
    audit_record(actor=actor, action="organisation.create", target=org, summary=org.name)
    return org


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, **fields) -> Organisation:
    changes = {}
    for key, value in fields.items():
        if key in ORGANISATION_FIELDS and getattr(organisation, key) != value:
            changes[key] = str(value)
            setattr(organisation, key, value)
    _check_organisation(organisation)
    organisation.save()
    audit_record(
        actor=actor,
        action="organisation.update",
        target=organisation,
        summary=organisation.name,
        changes=changes,
    )
    return organisation


# People ------------------------------------------------------------------------------------


def person_for_user(user) -> Person:
    """The Person behind an account, made on first use with the e-mail's local part as name."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(
            user=user, display_name=user.email.split("@")[0][:100], email=user.email
        )
    return person


@transaction.atomic
def person_create(
    *,
    actor,
    display_name: str,
    email: str = "",
    phone: str = "",
    competences: Iterable[str] = (),
    competence_tags: Iterable[str] = (),
    user=None,
) -> Person:
    person = Person(
        display_name=(display_name or "").strip(),
        email=(email or "").strip().lower(),
        phone=(phone or "").strip(),
        competences=_validate_choices("competences", competences, Competence.values),
        competence_tags=_clean_tags(competence_tags),
        user=user,
    )
    _clean(person, exclude=["user"])
    person.save()
    return person


@transaction.atomic
def person_update_details(
    *,
    actor,
    person: Person,
    display_name: str,
    phone: str,
    email: str | None = None,
    contact_consent: bool = False,
    network: Network | None = None,
) -> Person:
    """Correct a person's name and contact details. Contact details are kept only with an
    active consent; giving them here with ``contact_consent`` records it. ``email`` None
    leaves the address as it is (an account holder changes it on the security page)."""
    from verso.privacy.models import Method, Purpose
    from verso.privacy.services import consent_active, consent_give

    person = Person.objects.select_for_update().get(pk=person.pk)
    before = {"display_name": person.display_name, "email": person.email, "phone": person.phone}
    person.display_name = (display_name or "").strip()
    person.phone = (phone or "").strip()
    if email is not None:
        person.email = (email or "").strip().lower()
    _clean(person, exclude=["user"])
    contact = bool(person.phone or (email is not None and person.email))
    if contact and not consent_active(person, Purpose.CONTACT_DETAILS):
        if not contact_consent:
            raise ValidationError(
                {
                    "contact_consent": _(
                        "Contact details are kept only with the person's consent. "
                        "Leave them out, or confirm that the person agreed."
                    )
                }
            )
        is_self = person.user_id is not None and person.user_id == getattr(actor, "pk", None)
        consent_give(
            actor=actor,
            person=person,
            purpose=Purpose.CONTACT_DETAILS,
            method=Method.SELF if is_self else Method.ON_BEHALF,
            network=network,
        )
    person.save(update_fields=["display_name", "email", "phone", "updated_at"])
    changed = sorted(k for k, v in before.items() if getattr(person, k) != v)
    audit_record(
        actor=actor,
        action="person.update",
        network=network,
        target=person,
        summary=f"#{person.pk}",
        changes={"fields": changed},
    )
    return person


@transaction.atomic
def person_set_competences(
    *,
    actor,
    person: Person,
    network: Network | None,
    competences: Iterable[str],
    competence_tags: Iterable[str],
) -> Person:
    person.competences = _validate_choices("competences", competences, Competence.values)
    person.competence_tags = _clean_tags(competence_tags)
    person.save(update_fields=["competences", "competence_tags", "updated_at"])
    audit_record(
        actor=actor,
        action="person.competences",
        network=network,
        target=person,
        summary=person.display_name,
        changes={"competences": person.competences, "competence_tags": person.competence_tags},
    )
    return person


# Networks ----------------------------------------------------------------------------------


def _check_network(network: Network) -> None:
    network.name = (network.name or "").strip()
    network.target_groups = _validate_choices(
        "target_groups", network.target_groups, TargetGroup.values
    )
    _validate_choices("status", [network.status], NetworkStatus.values)
    _validate_choices("phase", [network.phase], Phase.values)
    _clean(network)


@transaction.atomic
def network_create(*, actor, organisation: Organisation | None = None, **fields) -> Network:
    """A new network with the creating user as its coordinator."""
    network = Network(**{k: v for k, v in fields.items() if k in NETWORK_FIELDS})
    network.status = NetworkStatus.ACTIVE
    _check_network(network)
    network.save()
    person = person_for_user(actor)
    membership = Membership.objects.create(
        network=network, person=person, organisation=organisation
    )
    _roles_open(membership, [Role.COORDINATOR, Role.COORDINATION_GROUP])
    audit_record(
        actor=actor, action="network.create", network=network, target=network, summary=network.name
    )
    return network


@transaction.atomic
def network_update(*, actor, network: Network, **fields) -> Network:
    network = Network.objects.select_for_update().get(pk=network.pk)
    phase_before = network.phase
    changes = {}
    for key, value in fields.items():
        if key in NETWORK_FIELDS and getattr(network, key) != value:
            changes[key] = [getattr(network, key), value]
            setattr(network, key, value)
    _check_network(network)
    if network.phase != phase_before:
        # What the new phase needs is registered by the apps that hold it (phases.py).
        phase_check(network, phase_before, network.phase)
    if network.status == NetworkStatus.ACTIVE and network_coordinator(network) is None:
        raise ValidationError({"status": _("An active network needs a coordinator.")})
    network.save()
    audit_record(
        actor=actor,
        action="network.update",
        network=network,
        target=network,
        summary=network.name,
        changes={k: [str(a), str(b)] for k, (a, b) in changes.items()},
    )
    return network


def network_coordinator(network: Network) -> Membership | None:
    role = (
        MembershipRole.objects.filter(network=network, role=Role.COORDINATOR, ends_on__isnull=True)
        .select_related("membership__person")
        .first()
    )
    return role.membership if role else None


# Memberships -------------------------------------------------------------------------------


def _roles_open(
    membership: Membership, roles: Iterable[str], on: datetime.date | None = None
) -> None:
    on = on or timezone.localdate()
    MembershipRole.objects.bulk_create(
        [
            MembershipRole(
                membership=membership, network_id=membership.network_id, role=r, starts_on=on
            )
            for r in roles
        ]
    )
    members_bump(membership.network_id)  # --- perf --- bulk_create sends no signal


def _current_roles(membership: Membership) -> set[str]:
    return set(membership.roles.filter(current_q()).values_list("role", flat=True))


def _check_roles(
    network: Network,
    membership: Membership | None,
    roles: list[str],
    organisation: Organisation | None,
) -> list[str]:
    roles = _validate_choices("roles", roles, ROLES_WITHOUT_COORDINATOR)
    if not roles:
        raise ValidationError({"roles": _("Choose at least one role.")})
    if Role.UNIT_CONTACT in roles:
        if organisation is None or organisation.sector != Sector.SOCIAL_HEALTH:
            raise ValidationError(
                {
                    "roles": _(
                        "A unit contact person represents a social and health unit: choose "
                        "the unit as the organisation."
                    )
                }
            )
        taken = MembershipRole.objects.filter(
            current_q(),
            current_q("membership__"),
            network=network,
            role=Role.UNIT_CONTACT,
            membership__organisation=organisation,
        )
        if membership is not None:
            taken = taken.exclude(membership=membership)
        if taken.exists():
            raise ValidationError(
                {
                    "roles": _("%(unit)s already has a contact person in this network.")
                    % {"unit": organisation.name}
                }
            )
    return roles


def _lock(network: Network) -> Network:
    return Network.objects.select_for_update().get(pk=network.pk)


@transaction.atomic
def membership_add(
    *,
    actor,
    network: Network,
    person: Person,
    roles: list[str],
    organisation: Organisation | None = None,
    starts_on: datetime.date | None = None,
) -> Membership:
    network = _lock(network)
    starts_on = starts_on or timezone.localdate()
    if starts_on > timezone.localdate():
        raise ValidationError({"starts_on": _("The start date cannot be in the future.")})
    if starts_on < EARLIEST_DATE:
        raise ValidationError({"starts_on": _("The start date is too far in the past.")})
    overlapping = Membership.objects.filter(network=network, person=person).filter(
        current_q(today=starts_on)
    )
    if overlapping.exists():
        raise ValidationError(
            {
                "person": _("%(name)s is already a member of this network.")
                % {"name": person.display_name}
            }
        )
    roles = _check_roles(network, None, roles, organisation)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                network=network, person=person, organisation=organisation, starts_on=starts_on
            )
    except IntegrityError:
        raise ValidationError(
            {
                "person": _("%(name)s is already a member of this network.")
                % {"name": person.display_name}
            }
        ) from None
    _roles_open(membership, roles, on=starts_on)
    audit_record(
        actor=actor,
        action="membership.add",
        network=network,
        target=membership,
        summary=person.display_name,
        changes={"roles": roles, "organisation": str(organisation or "")},
    )
    return membership


@transaction.atomic
def membership_add_new_person(
    *,
    actor,
    network: Network,
    roles: list[str],
    organisation: Organisation | None = None,
    starts_on: datetime.date | None = None,
    contact_consent: bool = False,
    **person_fields,
) -> Membership:
    """A new person, with or without contact details. Contact details are kept only with
    the person's consent, recorded here on their behalf."""
    from verso.privacy.models import Method, Purpose
    from verso.privacy.services import consent_give

    person = person_create(actor=actor, **person_fields)
    membership = membership_add(
        actor=actor,
        network=network,
        person=person,
        roles=roles,
        organisation=organisation,
        starts_on=starts_on,
    )
    has_contact = bool(
        (person_fields.get("email") or "").strip() or (person_fields.get("phone") or "").strip()
    )
    if has_contact and not contact_consent:
        raise ValidationError(
            {
                "contact_consent": _(
                    "Contact details are kept only with the person's consent. Leave "
                    "them out, or confirm that the person agreed."
                )
            }
        )
    if has_contact:
        consent_give(
            actor=actor,
            person=person,
            purpose=Purpose.CONTACT_DETAILS,
            method=Method.ON_BEHALF,
            network=network,
        )
    return membership


@transaction.atomic
def membership_add_account(
    *,
    actor,
    network: Network,
    user,
    roles: list[str],
    organisation: Organisation | None = None,
    starts_on: datetime.date | None = None,
    competences: Iterable[str] | None = None,
    competence_tags: Iterable[str] | None = None,
) -> Membership:
    """Add the person behind an account; given competences replace the person's own."""
    membership = membership_add(
        actor=actor,
        network=network,
        person=person_for_user(user),
        roles=roles,
        organisation=organisation,
        starts_on=starts_on,
    )
    if competences or competence_tags:
        person_set_competences(
            actor=actor,
            person=membership.person,
            network=network,
            competences=competences or membership.person.competences,
            competence_tags=competence_tags or membership.person.competence_tags,
        )
    return membership


@transaction.atomic
def membership_update(
    *, actor, membership: Membership, roles: list[str], organisation: Organisation | None
) -> Membership:
    network = _lock(membership.network)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_current:
        raise ValidationError({"roles": _("This membership has ended.")})
    current = _current_roles(membership)
    is_coordinator = Role.COORDINATOR in current
    wanted = _check_roles(network, membership, roles, organisation)
    today = timezone.localdate()
    removed = current - set(wanted) - {Role.COORDINATOR}
    added = set(wanted) - current
    membership.roles.filter(current_q(), role__in=removed).update(ends_on=today)
    members_bump(membership.network_id)  # --- perf --- a bulk update sends no signal
    _roles_open(membership, sorted(added), on=today)
    if membership.organisation_id != (organisation.pk if organisation else None):
        membership.organisation = organisation
        membership.save(update_fields=["organisation", "updated_at"])
    audit_record(
        actor=actor,
        action="membership.update",
        network=network,
        target=membership,
        summary=membership.person.display_name,
        changes={
            "added": sorted(added),
            "removed": sorted(removed),
            "coordinator": is_coordinator,
            "organisation": str(organisation or ""),
        },
    )
    return membership


@transaction.atomic
def membership_change(
    *,
    actor,
    membership: Membership,
    roles: list[str],
    organisation: Organisation | None,
    competences: Iterable[str],
    competence_tags: Iterable[str],
    details: dict | None = None,
) -> Membership:
    """Roles, organisation, the person's competences and (for a person without an account)
    name and contact details, changed together or not at all."""
    membership = membership_update(
        actor=actor, membership=membership, roles=roles, organisation=organisation
    )
    person_set_competences(
        actor=actor,
        person=membership.person,
        network=membership.network,
        competences=competences,
        competence_tags=competence_tags,
    )
    if details is not None:
        person_update_details(
            actor=actor, person=membership.person, network=membership.network, **details
        )
    return membership


@transaction.atomic
def membership_end(
    *, actor, membership: Membership, ends_on: datetime.date | None = None
) -> Membership:
    network = _lock(membership.network)
    membership = (
        Membership.objects.select_for_update().select_related("person").get(pk=membership.pk)
    )
    ends_on = ends_on or timezone.localdate()
    if not membership.is_current:
        raise ValidationError({"ends_on": _("This membership has already ended.")})
    if ends_on < membership.starts_on:
        raise ValidationError({"ends_on": _("A membership cannot end before it starts.")})
    if membership.roles.filter(role=Role.COORDINATOR, ends_on__isnull=True).exists():
        raise ValidationError(
            {
                "ends_on": _(
                    "The coordinator's membership cannot end. Hand coordination over to "
                    "someone else first."
                )
            }
        )
    membership.ends_on = ends_on
    membership.save(update_fields=["ends_on", "updated_at"])
    membership.roles.filter(current_q()).update(ends_on=ends_on)
    members_bump(membership.network_id)  # --- perf --- a bulk update sends no signal
    audit_record(
        actor=actor,
        action="membership.end",
        network=network,
        target=membership,
        summary=membership.person.display_name,
        changes={"ends_on": str(ends_on)},
    )
    return membership


# Apps that act at a handover (the embedding app stores the previous coordinator's note)
# register here: fn(*, actor, network, previous, new, extra) runs inside the handover's
# transaction, so a hook's ValidationError leaves nothing changed.
HANDOVER_HOOKS: list = []


def register_handover_hook(fn):
    if fn not in HANDOVER_HOOKS:
        HANDOVER_HOOKS.append(fn)
    return fn


@transaction.atomic
def network_handover(
    *,
    actor,
    network: Network,
    to: Membership,
    keep_previous_in_group: bool = True,
    extra: dict | None = None,
) -> Membership:
    """Hand coordination to another current member, in one step: never none, never two.
    ``extra`` carries the registered apps' handover fields to their hooks."""
    network = _lock(network)
    to = Membership.objects.select_related("person").get(pk=to.pk)
    if to.network_id != network.pk or not to.is_current:
        raise ValidationError({"to": _("Choose a current member of this network.")})
    if to.person.user_id is None:
        raise ValidationError(
            {"to": _("The coordinator needs an account: choose a member who has one.")}
        )
    previous = network_coordinator(network)
    if previous is not None and previous.pk == to.pk:
        raise ValidationError(
            {"to": _("%(name)s is already the coordinator.") % {"name": to.person.display_name}}
        )
    today = timezone.localdate()
    if previous is not None:
        previous.roles.filter(role=Role.COORDINATOR, ends_on__isnull=True).update(ends_on=today)
        if not keep_previous_in_group:
            previous.roles.filter(role=Role.COORDINATION_GROUP, ends_on__isnull=True).update(
                ends_on=today
            )
        members_bump(previous.network_id)  # --- perf --- a bulk update sends no signal
    held = _current_roles(to)
    _roles_open(
        to, [r for r in (Role.COORDINATOR, Role.COORDINATION_GROUP) if r not in held], on=today
    )
    for hook in HANDOVER_HOOKS:
        hook(actor=actor, network=network, previous=previous, new=to, extra=extra or {})
    audit_record(
        actor=actor,
        action="network.handover",
        network=network,
        target=to,
        summary=to.person.display_name,
        changes={
            "from": previous.person.display_name if previous else "",
            "to": to.person.display_name,
        },
    )
    return to
