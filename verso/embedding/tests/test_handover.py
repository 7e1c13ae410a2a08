import pytest
from django.urls import reverse

from verso.core.models import AuditEntry
from verso.embedding.models import NOTE_MAX, HandoverNote
from verso.networks.choices import Role
from verso.networks.models import MembershipRole
from verso.networks.services import network_coordinator

pytestmark = pytest.mark.django_db


def _hand_over(client, world, note: str):
    client.force_login(world.coordinator)
    return client.post(
        reverse("networks:handover", args=[world.network.pk]),
        {"to": world.group_membership.pk, "keep_previous_in_group": "on", "note": note},
    )


def test_the_handover_form_carries_the_note_to_the_new_coordinators_page(client, world):
    from verso.meetings.tests.factories import make_item, make_meeting

    make_item(world)
    make_meeting(world, title="Autumn round table")
    response = _hand_over(client, world, "Call the library about the autumn room.")
    assert response.status_code == 302
    assert network_coordinator(world.network).pk == world.group_membership.pk
    note = HandoverNote.objects.get(network=world.network)
    assert note.from_person == world.coordinator.person
    assert note.to_person == world.group.person
    assert AuditEntry.objects.filter(action="embedding.handover_note").exists()
    client.force_login(world.group)
    body = client.get(reverse("embedding:handover", args=[world.network.pk])).content.decode()
    assert "Call the library about the autumn room." in body
    assert "Book the room" in body  # the open task
    assert "Autumn round table" in body
    assert "Gunnar Grönlund" in body  # contacts
    # the previous coordinator no longer manages the network
    client.force_login(world.coordinator)
    assert client.get(reverse("embedding:handover", args=[world.network.pk])).status_code == 403


def test_a_note_over_the_limit_is_refused_and_nothing_changes(client, world):
    response = _hand_over(client, world, "x" * (NOTE_MAX + 1))
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    assert network_coordinator(world.network).person.user == world.coordinator
    assert not HandoverNote.objects.exists()
    assert not MembershipRole.objects.filter(
        membership=world.group_membership, role=Role.COORDINATOR
    ).exists()


def test_a_handover_without_a_note_stores_none(client, world):
    assert _hand_over(client, world, "  ").status_code == 302
    assert not HandoverNote.objects.exists()
    client.force_login(world.group)
    body = client.get(reverse("embedding:handover", args=[world.network.pk])).content.decode()
    assert "No note was written" in body


def test_the_handover_page_has_a_pinned_query_budget(client, world, django_assert_max_num_queries):
    from verso.embedding.tests.test_checklist import _grow

    client.force_login(world.coordinator)
    url = reverse("embedding:handover", args=[world.network.pk])
    _grow(world, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    small = len(ctx.captured_queries)
    _grow(world, 20)
    with django_assert_max_num_queries(30), CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert len(ctx.captured_queries) == small
