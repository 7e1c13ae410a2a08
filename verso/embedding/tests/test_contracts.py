"""The embedding checklist and the handbook read evaluation and methods through their
contracts; with all three apps on main, real records (no mocks) show in both."""

import pytest
from django.urls import reverse

from verso.embedding.checklist import network_checklist
from verso.embedding.handbook import handbook_markdown, network_handbook
from verso.evaluation import services as evaluation_services
from verso.events.testing import events_activity
from verso.methods import services as method_services
from verso.methods.testing import methods_method

pytestmark = pytest.mark.django_db


def _item(network, key):
    return next(item for item in network_checklist(network).items if item.key == key)


def test_a_recorded_evaluation_completes_the_checklist_item_and_shows_in_the_handbook(world):
    before = _item(world.network, "evaluation")
    assert before.points == 0
    evaluation_services.evaluation_create(
        actor=world.coordinator,
        network=world.network,
        goal_met="yes",
        worked="Music in the yard brought the neighbours out.",
        decision="continue",
    )
    after = _item(world.network, "evaluation")
    assert after.points == after.weight > 0
    markdown = handbook_markdown(network_handbook(world.network))
    assert "Music in the yard brought the neighbours out." in markdown


def test_methods_an_activity_used_are_named_in_the_handbook(client, world):
    method = methods_method(world)
    activity = events_activity(world)
    method_services.uses_set(
        actor=world.coordinator, network=world.network, methods=[method], activity=activity
    )
    markdown = handbook_markdown(network_handbook(world.network))
    assert method.name in markdown
    client.force_login(world.coordinator)
    from verso.accounts.testing import client_otp_verify

    client_otp_verify(client, world.coordinator)
    page = client.get(reverse("embedding:handbook", args=[world.network.pk]))
    assert page.status_code == 200
    assert method.get_absolute_url() in page.content.decode()
