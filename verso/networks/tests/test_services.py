import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from verso.core.models import AuditEntry
from verso.networks import selectors, services
from verso.networks.access import Need, access_network_for
from verso.networks.choices import Competence, NetworkStatus, Role, Sector
from verso.networks.models import Membership, MembershipRole

pytestmark = pytest.mark.django_db


def current_roles(membership) -> set[str]:
    return set(
        MembershipRole.objects.filter(membership=membership, ends_on__isnull=True).values_list(
            "role", flat=True
        )
    )


def test_creating_a_network_makes_the_creator_its_only_coordinator(world):
    coordinator = services.network_coordinator(world.network)
    assert coordinator.person.user == world.coordinator
    assert current_roles(coordinator) == {Role.COORDINATOR, Role.COORDINATION_GROUP}
    assert AuditEntry.objects.filter(network=world.network, action="network.create").count() == 1


def test_the_database_refuses_a_second_current_coordinator(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipRole.objects.create(
            membership=world.group_membership, network=world.network, role=Role.COORDINATOR
        )


def test_coordinator_role_cannot_be_given_by_changing_roles(world):
    with pytest.raises(ValidationError) as err:
        services.membership_update(
            actor=world.coordinator,
            membership=world.group_membership,
            roles=[Role.COORDINATOR],
            organisation=world.organisation,
        )
    assert "roles" in err.value.message_dict
    assert current_roles(world.group_membership) == {Role.COORDINATION_GROUP}


def test_handover_moves_coordination_in_one_step_and_keeps_history(world):
    old = services.network_coordinator(world.network)
    services.network_handover(
        actor=world.coordinator,
        network=world.network,
        to=world.group_membership,
        keep_previous_in_group=True,
    )
    assert services.network_coordinator(world.network).pk == world.group_membership.pk
    assert current_roles(old) == {Role.COORDINATION_GROUP}
    ended = MembershipRole.objects.get(membership=old, role=Role.COORDINATOR)
    assert ended.ends_on == timezone.localdate()
    # the old coordinator lost the right to manage; the new one has it
    with pytest.raises(PermissionDenied):
        access_network_for(world.coordinator, world.network.pk, Need.MANAGE)
    assert access_network_for(world.group, world.network.pk, Need.MANAGE).can_manage
    assert AuditEntry.objects.filter(action="network.handover").count() == 1


def test_handover_can_drop_the_previous_coordinator_from_the_group(world):
    old = services.network_coordinator(world.network)
    services.network_handover(
        actor=world.coordinator,
        network=world.network,
        to=world.professional_membership,
        keep_previous_in_group=False,
    )
    assert current_roles(old) == set()
    assert current_roles(world.professional_membership) == {
        Role.PROFESSIONAL,
        Role.COORDINATOR,
        Role.COORDINATION_GROUP,
    }


def test_handover_to_a_member_of_another_network_is_refused(world):
    stranger = services.network_coordinator(world.other_network)
    with pytest.raises(ValidationError):
        services.network_handover(actor=world.coordinator, network=world.network, to=stranger)
    assert services.network_coordinator(world.network).person.user == world.coordinator


def test_the_coordinators_membership_cannot_end(world):
    coordinator = services.network_coordinator(world.network)
    with pytest.raises(ValidationError) as err:
        services.membership_end(actor=world.coordinator, membership=coordinator)
    assert "Hand coordination over" in str(err.value)
    coordinator.refresh_from_db()
    assert coordinator.ends_on is None


def test_a_membership_cannot_end_before_it_starts(world):
    m = world.professional_membership
    with pytest.raises(ValidationError):
        services.membership_end(
            actor=world.coordinator, membership=m, ends_on=m.starts_on - datetime.timedelta(days=1)
        )
    m.refresh_from_db()
    assert m.ends_on is None


def test_database_refuses_an_end_before_the_start(world):
    m = world.professional_membership
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=m.pk).update(ends_on=m.starts_on - datetime.timedelta(days=3))


def test_ending_a_membership_ends_its_roles_and_access(world):
    services.membership_end(actor=world.coordinator, membership=world.professional_membership)
    assert current_roles(world.professional_membership) == set()
    with pytest.raises(Http404):
        access_network_for(world.professional, world.network.pk, Need.CLIENT)


def test_a_person_is_a_member_at_most_once_at_a_time(world):
    with pytest.raises(ValidationError) as err:
        services.membership_add_account(
            actor=world.coordinator,
            network=world.network,
            user=world.professional,
            roles=[Role.PARTNER],
        )
    assert "already a member" in str(err.value)
    assert (
        Membership.objects.filter(network=world.network, person__user=world.professional).count()
        == 1
    )


def test_an_ended_member_can_rejoin_later(world):
    services.membership_end(actor=world.coordinator, membership=world.professional_membership)
    again = services.membership_add_account(
        actor=world.coordinator,
        network=world.network,
        user=world.professional,
        roles=[Role.PARTNER],
    )
    assert again.pk != world.professional_membership.pk
    assert current_roles(again) == {Role.PARTNER}


def test_unit_contact_must_represent_a_social_and_health_unit_and_be_the_only_one(world):
    with pytest.raises(ValidationError):
        services.membership_update(
            actor=world.coordinator,
            membership=world.group_membership,
            roles=[Role.UNIT_CONTACT],
            organisation=world.organisation,  # a library
        )
    services.membership_update(
        actor=world.coordinator,
        membership=world.professional_membership,
        roles=[Role.PROFESSIONAL, Role.UNIT_CONTACT],
        organisation=world.unit,
    )
    with pytest.raises(ValidationError) as err:
        services.membership_add_new_person(
            actor=world.coordinator,
            network=world.network,
            display_name="Second contact",
            roles=[Role.UNIT_CONTACT],
            organisation=world.unit,
        )
    assert "already has a contact person" in str(err.value)


def test_changing_roles_closes_the_old_ones_and_opens_the_new(world):
    m = world.professional_membership
    services.membership_update(
        actor=world.coordinator,
        membership=m,
        roles=[Role.EXPERIENCE_EXPERT],
        organisation=world.unit,
    )
    assert current_roles(m) == {Role.EXPERIENCE_EXPERT}
    closed = MembershipRole.objects.get(membership=m, role=Role.PROFESSIONAL)
    assert closed.ends_on == timezone.localdate()


def test_unknown_roles_competences_and_target_groups_are_refused(world):
    with pytest.raises(ValidationError):
        services.membership_add_new_person(
            actor=world.coordinator, network=world.network, display_name="X", roles=["boss"]
        )
    with pytest.raises(ValidationError):
        services.person_create(actor=world.coordinator, display_name="Y", competences=["magic"])
    with pytest.raises(ValidationError):
        services.network_update(
            actor=world.coordinator, network=world.network, target_groups=["aliens"]
        )
    assert not Membership.objects.filter(person__display_name__in=["X", "Y"]).exists()


def test_oversized_name_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError):
        services.network_create(actor=world.coordinator, name="x" * 201, municipality="K", goal="G")
    assert not Membership.objects.filter(network__name__startswith="xxx").exists()


def test_project_organisation_needs_an_end_date(world):
    with pytest.raises(ValidationError) as err:
        services.organisation_create(
            actor=None, name="Hanke", sector=Sector.CULTURE, is_project=True
        )
    assert "ends_on" in err.value.message_dict


def test_organisation_cannot_be_its_own_ancestor(world):
    services.organisation_update(actor=None, organisation=world.unit, parent=world.organisation)
    with pytest.raises(ValidationError):
        services.organisation_update(actor=None, organisation=world.organisation, parent=world.unit)


def test_coverage_names_the_gaps_of_the_coordination_group(world):
    coverage = {c.area: c for c in selectors.network_competence_coverage(world.network)}
    assert [p.display_name for p in coverage[Competence.CREATIVE_NATURE].covered_by] == [
        world.group.person.display_name
    ]
    assert coverage[Competence.GUIDANCE].is_gap
    # a professional with guidance competence is not in the group: still a gap
    services.person_set_competences(
        actor=world.coordinator,
        person=world.professional_membership.person,
        network=world.network,
        competences=[Competence.GUIDANCE],
        competence_tags=[],
    )
    coverage = {c.area: c for c in selectors.network_competence_coverage(world.network)}
    assert coverage[Competence.GUIDANCE].is_gap
    services.membership_update(
        actor=world.coordinator,
        membership=world.professional_membership,
        roles=[Role.PROFESSIONAL, Role.COORDINATION_GROUP],
        organisation=world.unit,
    )
    coverage = {c.area: c for c in selectors.network_competence_coverage(world.network)}
    assert not coverage[Competence.GUIDANCE].is_gap


def test_pausing_and_ending_a_network_is_audited(world):
    services.network_update(
        actor=world.coordinator, network=world.network, status=NetworkStatus.PAUSED
    )
    entry = AuditEntry.objects.filter(action="network.update").latest("id")
    assert entry.changes["status"] == ["active", "paused"]
    assert entry.actor == world.coordinator


def test_professionals_do_not_see_who_the_clients_are(world):
    prof = access_network_for(world.professional, world.network.pk, Need.MEMBER)
    names = {m.person.user for m in selectors.network_members_visible_to(prof)}
    assert world.client not in names
    assert world.professional in names
    group = access_network_for(world.group, world.network.pk, Need.MEMBER)
    assert world.client in {m.person.user for m in selectors.network_members_visible_to(group)}
