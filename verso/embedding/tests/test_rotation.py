import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from verso.embedding.models import RotationSettings
from verso.embedding.rotation import network_rotation
from verso.networks.choices import Role
from verso.networks.models import MembershipRole

pytestmark = pytest.mark.django_db


def _backdate_coordination(world, days: int) -> None:
    MembershipRole.objects.filter(network=world.network, role=Role.COORDINATOR).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=days)
    )


def _actor(rotation, name):
    return next(a for a in rotation.actors if a.name == name)


def test_rotation_lists_each_responsibility_with_its_duration(world):
    from verso.meetings.tests.factories import make_item

    _backdate_coordination(world, 400)
    make_item(world, owner=world.professional.person)
    rotation = network_rotation(world.network)
    kaisa = _actor(rotation, "Kaisa Koordinaattori")
    kinds = {r.kind for r in kaisa.responsibilities}
    assert {"coordination", "coordination_group"} <= kinds
    coordination = next(r for r in kaisa.responsibilities if r.kind == "coordination")
    assert coordination.months == 13 and coordination.ongoing
    pirjo = _actor(rotation, "Pirjo Pätevä")
    assert [r.kind for r in pirjo.responsibilities] == ["task_ownership"]
    # the group member's organisation carries the coordination group too
    assert "coordination_group" in {r.kind for r in _actor(rotation, "Library").responsibilities}


def test_one_actor_carrying_too_long_is_warned_by_the_networks_thresholds(world):
    _backdate_coordination(world, 40 * 31)
    rotation = network_rotation(world.network)
    kaisa = _actor(rotation, "Kaisa Koordinaattori")
    assert any("Coordination for 40 months" in w for w in kaisa.warnings)
    assert rotation.actors[0].warnings  # the warned come first
    RotationSettings.objects.create(network=world.network, max_responsibilities=1, max_months=60)
    kaisa = _actor(network_rotation(world.network), "Kaisa Koordinaattori")
    assert kaisa.warnings == ["Carries 2 responsibilities at once (the threshold is 1)."]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"max_responsibilities": "0", "max_months": "12"}, "max_responsibilities"),
        ({"max_responsibilities": "3", "max_months": "121"}, "max_months"),
        ({"max_responsibilities": "x", "max_months": "12"}, "max_responsibilities"),
        ({"max_responsibilities": "3", "max_months": ""}, "max_months"),
    ],
)
def test_a_threshold_out_of_range_is_refused_naming_the_field(client, world, data, field):
    client.force_login(world.coordinator)
    response = client.post(reverse("embedding:rotation_settings", args=[world.network.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not RotationSettings.objects.exists()


def test_the_coordinator_sets_the_thresholds(client, world):
    client.force_login(world.coordinator)
    url = reverse("embedding:rotation_settings", args=[world.network.pk])
    response = client.post(url, {"max_responsibilities": "2", "max_months": "24"})
    assert response.status_code == 302
    row = RotationSettings.objects.get(network=world.network)
    assert (row.max_responsibilities, row.max_months) == (2, 24)
    client.force_login(world.group)
    assert client.get(url).status_code == 403


def _grow(world, n):
    from verso.embedding.tests.test_checklist import _grow as grow

    grow(world, n)


def test_rotation_reads_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    _grow(world, 2)
    with CaptureQueriesContext(connection) as ctx:
        network_rotation(world.network)
    small = len(ctx.captured_queries)
    _grow(world, 12)
    with CaptureQueriesContext(connection) as ctx:
        network_rotation(world.network)
    assert len(ctx.captured_queries) == small == 7
    client.force_login(world.professional)
    url = reverse("embedding:rotation", args=[world.network.pk])
    with django_assert_max_num_queries(17):
        body = client.get(url).content.decode()
    assert "Organising activities" in body and "Budget ownership" in body
