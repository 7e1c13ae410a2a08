"""The coordination group's evaluation, its action item, the dashboard block and the facts
other parts read."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from verso.evaluation import selectors, services
from verso.evaluation.models import Evaluation
from verso.events.testing import events_activity
from verso.meetings.models import ActionItem


def test_an_evaluation_with_an_owner_makes_an_action_item(client, world):
    client.force_login(world.group)
    url = reverse("evaluation:evaluation_create", args=[world.network.pk])
    assert client.get(url).status_code == 200
    activity = events_activity(world)
    due = timezone.localdate() + datetime.timedelta(days=14)
    response = client.post(
        url,
        {
            "target": f"a{activity.pk}",
            "evaluated_on": timezone.localdate().isoformat(),
            "goal_met": "partly",
            "worked": "The music brought people in.",
            "did_not_work": "Too little shade.",
            "participants_said": "More of these!",
            "decision": "change",
            "next_step": "Book tents",
            "owner": str(world.professional.person.pk),
            "due_on": due.isoformat(),
        },
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.activity, evaluation.decision, evaluation.goal_met) == (
        activity,
        "change",
        "partly",
    )
    item = ActionItem.objects.get()
    assert evaluation.action_item == item
    assert (item.title, item.owner_person, item.due_on) == (
        "Book tents",
        world.professional.person,
        due,
    )
    detail = client.get(response["Location"]).content.decode()
    assert "The music brought people in." in detail and "Change" in detail
    # It is in the network's record and on the dashboard.
    index = client.get(reverse("evaluation:index", args=[world.network.pk])).content.decode()
    assert activity.title in index
    dashboard = client.get(reverse("networks:detail", args=[world.network.pk])).content.decode()
    assert "1 evaluation by the coordination group" in dashboard


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"goal_met": "maybe"}, "Select a valid choice"),
        ({"worked": ""}, "Write what worked."),
        ({"decision": ""}, "Choose continue, change or stop."),
        ({"evaluated_on": "2999-01-01"}, "cannot be in the future"),
        ({"evaluated_on": "not a date"}, "Enter a valid date"),
        ({"owner": "1", "next_step": "X"}, "Select a valid choice"),
        ({"next_step": "Book", "owner": "PERSON", "due_on": ""}, "Give the date"),
        ({"next_step": "Book", "owner": "PERSON", "due_on": "2000-01-01"}, "already passed"),
        ({"worked": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_evaluations_are_refused_with_a_message_and_nothing_stored(
    client, world, data, field_message
):
    client.force_login(world.group)
    body = {
        "evaluated_on": timezone.localdate().isoformat(),
        "goal_met": "yes",
        "worked": "W",
        "decision": "continue",
        **data,
    }
    if body.get("owner") == "PERSON":
        body["owner"] = str(world.professional.person.pk)
    if body.get("owner") == "1":
        body["owner"] = "99999999"
    response = client.post(reverse("evaluation:evaluation_create", args=[world.network.pk]), body)
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert Evaluation.objects.count() == 0 and ActionItem.objects.count() == 0


def test_the_facts_other_parts_read_in_three_queries(world, django_assert_num_queries):
    facts = selectors.network_evaluation_facts(world.network)
    assert facts.evaluations_done == 0 and facts.feedback_mean is None
    link = services.link_create(
        actor=world.coordinator, network=world.network, activity=events_activity(world)
    )
    for r in (5, 4, 4, 3):
        services.answer_submit(link=link, rating=r)
    for i, decision in enumerate(["continue", "continue", "stop"]):
        services.evaluation_create(
            actor=world.coordinator,
            network=world.network,
            goal_met="yes",
            worked=f"Lesson {i}",
            decision=decision,
            evaluated_on=timezone.localdate() - datetime.timedelta(days=10 - i),
        )
    with django_assert_num_queries(3):
        facts = selectors.network_evaluation_facts(world.network)
    assert facts.evaluations_done == 3
    assert facts.last_evaluated_on == timezone.localdate() - datetime.timedelta(days=8)
    assert facts.decisions == {"continue": 2, "change": 0, "stop": 1}
    assert facts.feedback_answers == 4
    assert facts.feedback_mean is None  # 4 answers: under the minimum group
    assert facts.lessons == ["Lesson 2", "Lesson 1", "Lesson 0"]
    services.answer_submit(link=link, rating=4)
    for _i in range(20):
        services.answer_submit(link=link, rating=5)
    with django_assert_num_queries(3):
        facts = selectors.network_evaluation_facts(world.network)
    assert facts.feedback_answers == 25 and facts.feedback_mean == round(
        (5 + 4 + 4 + 3 + 4 + 100) / 25, 2
    )
    # Read again with nothing changed: from the cache, no query; any change shows at once.
    with django_assert_num_queries(0):
        assert selectors.network_evaluation_facts(world.network) == facts
    services.answer_submit(link=link, rating=1)
    assert selectors.network_evaluation_facts(world.network).feedback_answers == 26
    Evaluation.objects.filter(worked="Lesson 2").delete()
    assert selectors.network_evaluation_facts(world.network).evaluations_done == 2


def test_the_cached_facts_follow_the_minimum_group(world, settings):
    link = services.link_create(
        actor=world.coordinator, network=world.network, activity=events_activity(world)
    )
    for r in (5, 4, 4, 3):
        services.answer_submit(link=link, rating=r)
    assert selectors.network_evaluation_facts(world.network).feedback_mean is None
    settings.EVALUATION_MIN_GROUP = 3
    assert selectors.network_evaluation_facts(world.network).feedback_mean == 4.0


def test_an_evaluation_of_another_network_answers_404(client, world):
    evaluation = services.evaluation_create(
        actor=world.coordinator, network=world.network, goal_met="no", worked="W", decision="stop"
    )
    client.force_login(world.outsider)
    assert (
        client.get(
            reverse("evaluation:evaluation", args=[world.network.pk, evaluation.pk])
        ).status_code
        == 404
    )
    client.force_login(world.client)
    assert (
        client.get(
            reverse("evaluation:evaluation", args=[world.network.pk, evaluation.pk])
        ).status_code
        == 403
    )
