import pytest

from verso.accounts.services import api_token_create
from verso.core.models import AuditEntry
from verso.ideas import services
from verso.ideas.models import Idea, IdeaComment, IdeaStatus, IdeaSupport
from verso.ideas.tests.factories import foreign_idea, make_call, make_idea
from verso.networks.models import Person

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict:
    _token, key = api_token_create(user=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_anyone_sends_an_idea_to_a_call_by_its_code_and_gets_a_follow_link(client, world):
    call = make_call(world)
    info = client.get(f"/api/v1/public/idea-calls/{call.code}")
    assert info.status_code == 200 and info.json()["is_open"] is True
    response = client.post(
        f"/api/v1/public/idea-calls/{call.code}/ideas",
        {"text": "A choir", "proposer_name": "Laulaja"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "new"
    assert client.get(data["follow_url"]).status_code == 200
    assert Idea.objects.get().proposer_name == "Laulaja"


def test_the_anonymous_api_is_rate_limited(client, world, settings):
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "idea_submit": "2/h"}
    call = make_call(world)
    url = f"/api/v1/public/idea-calls/{call.code}/ideas"
    statuses = [
        client.post(url, {"text": f"Idea {i}"}, content_type="application/json").status_code
        for i in range(3)
    ]
    assert statuses == [201, 201, 429]
    assert Idea.objects.count() == 2


def test_support_comment_triage_and_moderation_through_the_api(client, world):
    idea, _token = make_idea(world)
    base = f"/api/v1/networks/{world.network.pk}/ideas/{idea.pk}"
    client.force_login(world.professional)
    assert (
        client.post(f"{base}/support", {"supported": True}, "application/json").json()[
            "support_count"
        ]
        == 1
    )
    second = client.post(f"{base}/support", {"supported": True}, "application/json")
    assert second.status_code == 422
    assert [e["loc"] for e in second.json()["detail"]] == [["body", "support"]]
    comment = client.post(f"{base}/comments", {"text": "Yes!"}, "application/json")
    assert comment.status_code == 201
    assert (
        client.post(f"{base}/triage", {"status": "not_now"}, "application/json").status_code == 403
    )

    client.force_login(world.group)
    response = client.post(
        f"{base}/triage", {"status": "not_now", "reason": "Next year."}, "application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == IdeaStatus.NOT_NOW
    cid = comment.json()["id"]
    hidden = client.post(
        f"{base}/comments/{cid}/moderation",
        {"hidden": True, "reason": "Off topic."},
        "application/json",
    )
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True
    response = client.post(
        f"{base}/moderation", {"hidden": True, "reason": "Duplicate."}, "application/json"
    )
    assert response.json()["hidden"] is True
    assert AuditEntry.objects.filter(action="idea.hide").exists()
    assert IdeaComment.objects.get().is_hidden


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "", None),
        ("post", "/support", {"supported": True}),
        ("post", "/triage", {"status": "not_now", "reason": "r"}),
        ("post", "/moderation", {"hidden": True, "reason": "r"}),
        ("get", "/comments", None),
        ("post", "/comments", {"text": "c"}),
    ],
)
def test_api_ideas_of_another_network_are_not_found(client, world, method, suffix, body):
    foreign = foreign_idea(world)
    url = f"/api/v1/networks/{world.network.pk}/ideas/{foreign.pk}{suffix}"
    before = (
        list(Idea.objects.values_list("pk", "status", "hidden_at")),
        IdeaSupport.objects.count(),
        IdeaComment.objects.count(),
    )
    headers = _bearer(world.coordinator)
    if method == "get":
        response = client.get(url, **headers)
    else:
        response = client.post(url, body, content_type="application/json", **headers)
    assert response.status_code == 404
    after = (
        list(Idea.objects.values_list("pk", "status", "hidden_at")),
        IdeaSupport.objects.count(),
        IdeaComment.objects.count(),
    )
    assert after == before


def test_api_names_of_proposers_are_only_for_the_coordination_group(client, world):
    make_idea(world, proposer_name="Secret")
    url = f"/api/v1/networks/{world.network.pk}/ideas"
    client.force_login(world.professional)
    assert client.get(url).json()["items"][0]["proposer_name"] is None
    client.force_login(world.group)
    assert client.get(url).json()["items"][0]["proposer_name"] == "Secret"


def _grow(world, n):
    call = make_call(world)
    people = [Person.objects.get(user=u) for u in (world.group, world.professional, world.client)]
    for i in range(n):
        idea, _t = make_idea(world, call=call, text=f"Idea {i}")
        services.idea_support(actor=None, idea=idea, person=people[i % 3])


def test_the_idea_list_api_has_a_pinned_query_budget(client, world, django_assert_max_num_queries):
    client.force_login(world.coordinator)
    url = f"/api/v1/networks/{world.network.pk}/ideas"
    _grow(world, 2)
    with django_assert_max_num_queries(8) as small:
        assert client.get(url).json()["count"] == 2
    _grow(world, 10)
    with django_assert_max_num_queries(8) as large:
        assert client.get(url).json()["count"] == 12
    assert len(large.captured_queries) == len(small.captured_queries)
