import pytest
from django.core import mail  # noqa: F401
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from verso.accounts.tests.factories import UserFactory
from verso.core.models import AuditEntry
from verso.networks import services
from verso.networks.choices import Role, Sector
from verso.networks.models import Membership, MembershipRole, Network, Organisation

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_dashboard_shows_goal_coordinator_group_and_competence_gaps(client, world):
    response = login(client, world.coordinator).get(
        reverse("networks:detail", args=[world.network.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bring people together." in body
    assert world.coordinator.person.display_name in body
    assert "Coordination group" in body
    assert "3 competence areas are missing." in body  # the group covers creative methods only
    assert "Guidance" in body


def test_client_sees_the_goal_but_not_the_member_list_or_other_clients(client, world):
    response = login(client, world.client).get(reverse("networks:detail", args=[world.network.pk]))
    body = response.content.decode()
    assert "Bring people together." in body
    assert world.group.person.display_name not in body  # no coordination group list for clients
    assert reverse("networks:members", args=[world.network.pk]) not in body


def test_professional_member_list_leaves_out_clients(client, world):
    response = login(client, world.professional).get(
        reverse("networks:members", args=[world.network.pk])
    )
    body = response.content.decode()
    assert world.professional.person.display_name in body
    assert world.client.person.display_name not in body
    assert "Clients and residents are shown only to the coordination group." in body
    response = client.get(
        reverse("networks:members", args=[world.network.pk]), {"role": Role.CLIENT}
    )
    assert world.client.person.display_name not in response.content.decode()


def test_coordination_group_sees_clients_and_filters_by_role_and_sector(client, world):
    url = reverse("networks:members", args=[world.network.pk])
    login(client, world.group)
    body = client.get(url, {"role": Role.CLIENT}).content.decode()
    assert world.client.person.display_name in body
    assert world.professional.person.display_name not in body
    body = client.get(url, {"sector": Sector.CULTURE}).content.decode()
    assert world.group.person.display_name in body
    assert world.client.person.display_name not in body


def test_member_filter_answers_htmx_with_the_results_partial_only(client, world):
    url = reverse("networks:members", args=[world.network.pk])
    response = login(client, world.coordinator).get(
        url, {"q": "Gunnar"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="member-results"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="member-results"')
    assert "<html" not in body
    assert world.group.person.display_name in body


def test_member_list_paginates_and_keeps_filters(client, world):
    for i in range(30):
        services.membership_add_new_person(
            actor=world.coordinator,
            network=world.network,
            display_name=f"Partner {i:02}",
            roles=[Role.PARTNER],
        )
    url = reverse("networks:members", args=[world.network.pk])
    body = login(client, world.coordinator).get(url, {"role": Role.PARTNER}).content.decode()
    assert "30 members found." in body
    assert "Page 1 of 2" in body
    assert "?role=partner&amp;page=2" in body
    assert "Partner 29" in client.get(url, {"role": Role.PARTNER, "page": 2}).content.decode()


def test_coordinator_creates_a_network_and_becomes_its_coordinator(client, world):
    user = UserFactory()
    response = login(client, user).post(
        reverse("networks:create"),
        {
            "name": "Nature photo exhibition",
            "municipality": "Pieksämäki",
            "goal": "Show nature.",
            "phase": "planning",
            "target_groups": ["rehabilitees", "artists"],
        },
    )
    network = Network.objects.get(name="Nature photo exhibition")
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:detail", args=[network.pk])
    assert services.network_coordinator(network).person.user == user
    assert network.target_groups == ["rehabilitees", "artists"]


def test_adding_a_member_without_an_account(client, world):
    response = login(client, world.coordinator).post(
        reverse("networks:member_add", args=[world.network.pk]),
        {
            "kind": "person",
            "display_name": "Tapsa",
            "roles": [Role.CLIENT],
            "organisation": world.unit.pk,
            "competences": ["guidance"],
            "competence_tags": "drums, singing",
            "starts_on": "2026-01-15",
        },
    )
    assert response.status_code == 302
    m = Membership.objects.get(network=world.network, person__display_name="Tapsa")
    assert m.person.user is None
    assert m.person.competence_tags == ["drums", "singing"]
    assert str(m.starts_on) == "2026-01-15"
    assert AuditEntry.objects.filter(action="membership.add", target_id=str(m.pk)).exists()


def test_adding_an_account_that_is_already_a_member_names_the_person(client, world):
    before = Membership.objects.count()
    response = login(client, world.coordinator).post(
        reverse("networks:member_add", args=[world.network.pk]),
        {
            "kind": "account",
            "account_email": world.professional.email,
            "roles": [Role.PARTNER],
            "starts_on": "2026-01-15",
        },
    )
    assert response.status_code == 200
    assert "is already a member of this network." in response.content.decode()
    assert Membership.objects.count() == before


def test_editing_roles_and_competences(client, world):
    m = world.professional_membership
    response = login(client, world.coordinator).post(
        reverse("networks:member_edit", args=[world.network.pk, m.pk]),
        {
            "roles": [Role.PROFESSIONAL, Role.UNIT_CONTACT],
            "organisation": world.unit.pk,
            "competences": ["social_health"],
            "competence_tags": "",
        },
    )
    assert response.status_code == 302
    assert set(
        MembershipRole.objects.filter(membership=m, ends_on__isnull=True).values_list(
            "role", flat=True
        )
    ) == {Role.PROFESSIONAL, Role.UNIT_CONTACT}
    m.person.refresh_from_db()
    assert m.person.competences == ["social_health"]


def test_ending_the_coordinators_membership_shows_why_and_changes_nothing(client, world):
    coordinator = services.network_coordinator(world.network)
    response = login(client, world.coordinator).post(
        reverse("networks:member_end", args=[world.network.pk, coordinator.pk]),
        {"ends_on": "2030-01-01"},
    )
    assert response.status_code == 200
    assert "Hand coordination over to someone else first." in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.ends_on is None


def test_handover_page_moves_coordination(client, world):
    response = login(client, world.coordinator).post(
        reverse("networks:handover", args=[world.network.pk]),
        {"to": world.group_membership.pk, "keep_previous_in_group": "on"},
    )
    assert response.status_code == 302
    assert services.network_coordinator(world.network).pk == world.group_membership.pk
    # the old coordinator can no longer open the handover page
    assert client.get(reverse("networks:handover", args=[world.network.pk])).status_code == 403


def test_handover_offers_only_current_members_with_accounts(client, world):
    services.membership_add_new_person(
        actor=world.coordinator,
        network=world.network,
        display_name="No Account",
        roles=[Role.PARTNER],
    )
    body = (
        login(client, world.coordinator)
        .get(reverse("networks:handover", args=[world.network.pk]))
        .content.decode()
    )
    assert world.group.person.display_name in body
    assert "No Account" not in body


def test_audit_trail_lists_changes_for_the_coordinator(client, world):
    body = (
        login(client, world.coordinator)
        .get(reverse("networks:audit", args=[world.network.pk]))
        .content.decode()
    )
    assert "Member added" in body
    assert world.coordinator.email in body


def test_organisation_pages(client, world):
    login(client, world.coordinator)
    response = client.post(
        reverse("networks:organisation_create"),
        {
            "name": "Forest Care Oy",
            "sector": Sector.NATURE,
            "is_project": "",
            "municipality": "Kuusamo",
        },
    )
    org = Organisation.objects.get(name="Forest Care Oy")
    assert response["Location"] == reverse("networks:organisation", args=[org.pk])
    body = client.get(reverse("networks:organisations"), {"sector": Sector.NATURE}).content.decode()
    assert "Forest Care Oy" in body
    assert "Library" not in body
    response = client.post(
        reverse("networks:organisation_edit", args=[org.pk]),
        {"name": "Forest Care Oy", "sector": Sector.NATURE, "is_project": "on"},
    )
    assert response.status_code == 200
    assert "A fixed-term project needs an end date." in response.content.decode()


def test_network_list_shows_only_my_networks(client, world):
    body = login(client, world.professional).get(reverse("networks:list")).content.decode()
    assert world.network.name in body
    assert world.other_network.name not in body


# Query budgets: a page's queries do not grow with the data. ----------------------------


def _queries(client, url, params=None) -> int:
    cache.clear()  # counted cold: the dashboard caches its member part and evaluation facts
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(world, n: int) -> None:
    for i in range(n):
        org = services.organisation_create(actor=None, name=f"Org {i}", sector=Sector.OTHER)
        services.membership_add_new_person(
            actor=world.coordinator,
            network=world.network,
            display_name=f"Member {i}",
            roles=[Role.PROFESSIONAL, Role.PARTNER],
            organisation=org,
            competences=["guidance"],
        )
        services.network_create(
            actor=world.coordinator, name=f"Net {i}", municipality="M", goal="G"
        )


@pytest.mark.parametrize(
    ("name", "budget", "params"),
    [
        ("networks:list", 12, None),
        # ideas, plans, meetings, events, evaluation (+3) and embedding (+8, and +3 for the
        # evaluation facts its checklist reads) blocks
        ("networks:detail", 32, None),
        ("networks:members", 14, None),
        ("networks:members", 14, {"role": "partner", "q": "Member"}),
        ("networks:audit", 12, None),
        ("networks:organisations", 10, None),
    ],
)
def test_list_pages_have_a_pinned_query_budget(
    client, world, django_assert_max_num_queries, name, budget, params
):
    login(client, world.coordinator)
    args = [] if name in ("networks:list", "networks:organisations") else [world.network.pk]
    url = reverse(name, args=args)
    _grow(world, 3)
    small = _queries(client, url, params)
    _grow(world, 30)
    with django_assert_max_num_queries(budget):
        large = _queries(client, url, params)
    assert large == small


def test_reading_an_organisation_is_not_recorded_as_a_refusal(client, world):
    client.force_login(world.professional)
    before = AuditEntry.objects.filter(action="access.denied").count()
    body = client.get(
        reverse("networks:organisation", args=[world.organisation.pk])
    ).content.decode()
    assert "Library" in body
    assert reverse("networks:organisation_edit", args=[world.organisation.pk]) not in body
    assert AuditEntry.objects.filter(action="access.denied").count() == before
    assert (
        client.get(reverse("networks:organisation_edit", args=[world.organisation.pk])).status_code
        == 403
    )
    assert AuditEntry.objects.filter(action="access.denied").count() == before + 1


def test_a_membership_ending_later_keeps_its_roles_on_the_edit_form(client, world):
    import datetime

    from django.utils import timezone

    m = world.professional_membership
    services.membership_end(
        actor=world.coordinator,
        membership=m,
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    client.force_login(world.coordinator)
    body = client.get(
        reverse("networks:member_edit", args=[world.network.pk, m.pk])
    ).content.decode()
    import re

    assert re.search(r'<input[^>]*value="professional"[^>]*checked', body)
