import datetime
from unittest import mock

import pytest
from django.utils import timezone

from verso.embedding.models import CommunicationEntry, StructureLink
from verso.embedding.tests.factories import SampleMethod, evaluation_done, make_communication

pytestmark = pytest.mark.django_db
BASE = "/api/v1/networks/{}/embedding"


def _get(client, world, path):
    return client.get(BASE.format(world.network.pk) + path)


def test_checklist_and_score_over_the_api(client, world):
    client.force_login(world.professional)
    data = _get(client, world, "/checklist").json()
    assert data["score"] == 30
    assert data["gaps"][0]["key"] == "own_budget" and data["gaps"][0]["would_add"] == 20
    assert data["gaps"][0]["label"] and data["gaps"][0]["action"]
    assert len(data["items"]) == 8
    score = _get(client, world, "/score").json()
    assert score["score"] == 30 and score["history"] == []


def test_a_link_is_recorded_over_the_api_and_raises_the_score(client, world):
    client.force_login(world.group)
    url = BASE.format(world.network.pk) + "/links"
    bad = client.post(
        url,
        {"kind": "wellbeing_plan", "title": "Plan", "url": "kunta.example/hyte"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "http" in str(bad.json()["detail"])
    assert not StructureLink.objects.exists()
    ok = client.post(
        url,
        {"kind": "wellbeing_plan", "title": "Plan", "url": "https://kunta.example/hyte"},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["url"] == "https://kunta.example/hyte"
    assert _get(client, world, "/checklist").json()["score"] == 45
    assert [row["title"] for row in client.get(url).json()] == ["Plan"]


def test_the_communication_log_over_the_api(client, world):
    make_communication(world)
    client.force_login(world.coordinator)
    url = BASE.format(world.network.pk) + "/communication"
    page = client.get(url).json()
    assert page["count"] == 1 and page["items"][0]["channel"] == "newsletter"
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    body = {"what": "Post", "channel": "social_media", "communicated_on": future, "audience": "All"}
    assert client.post(url, body, content_type="application/json").status_code == 422
    body["communicated_on"] = timezone.localdate().isoformat()
    assert client.post(url, body, content_type="application/json").status_code == 201
    assert CommunicationEntry.objects.count() == 2
    client.force_login(world.professional)
    assert client.post(url, body, content_type="application/json").status_code == 403


def test_rotation_map_and_handbook_over_the_api(client, world):
    client.force_login(world.professional)
    rotation = _get(client, world, "/rotation").json()
    assert rotation["max_responsibilities"] == 3
    assert any(a["name"] == "Kaisa Koordinaattori" for a in rotation["actors"])
    graph = _get(client, world, "/map").json()
    assert {n["name"] for n in graph["nodes"]} == {"Library", "Social rehabilitation unit"}
    assert graph["edges"] == []
    with (
        mock.patch(
            "verso.evaluation.selectors.network_evaluation_facts", return_value=evaluation_done()
        ),
        mock.patch(
            "verso.methods.selectors.methods_used_in_network", return_value=[SampleMethod()]
        ),
    ):
        handbook = _get(client, world, "/handbook").json()
        markdown = _get(client, world, "/handbook/markdown").json()["markdown"]
    keys = [s["key"] for s in handbook["sections"]]
    assert keys[0] == "basic" and keys[-1] == "measuring" and len(keys) == 9
    measuring = handbook["sections"][-1]["generated"]
    assert measuring["facts"][0]["value"] == "2"  # evaluations done
    assert measuring["facts"][3]["value"] == "4.3"  # the feedback mean
    assert "Forest walk" in markdown


def test_an_outsider_gets_404(client, world):
    client.force_login(world.outsider)
    assert _get(client, world, "/checklist").status_code == 404
    client.force_login(world.client)
    assert _get(client, world, "/checklist").status_code == 403


def test_the_communication_list_has_a_pinned_query_budget(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    url = BASE.format(world.network.pk) + "/communication"
    for i in range(2):
        make_communication(world, what=f"A{i}")
    with django_assert_num_queries(8) as small:
        client.get(url)
    for i in range(30):
        make_communication(world, what=f"B{i}")
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).json()["count"] == 32


def test_a_handover_with_a_note_over_the_api(client, world):
    from verso.embedding.models import HandoverNote
    from verso.networks.services import network_coordinator

    client.force_login(world.coordinator)
    url = BASE.format(world.network.pk) + "/handover"
    body = {"membership_id": world.group_membership.pk, "note": "x" * 4001}
    assert client.post(url, body, content_type="application/json").status_code == 422
    assert network_coordinator(world.network).person.user == world.coordinator
    body["note"] = "The key is at the desk."
    answer = client.post(url, body, content_type="application/json")
    assert answer.status_code == 200
    note = HandoverNote.objects.get()
    assert answer.json() == {
        "coordinator_membership_id": world.group_membership.pk,
        "note_id": note.pk,
    }
    assert network_coordinator(world.network).pk == world.group_membership.pk
