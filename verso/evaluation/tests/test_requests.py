"""Feedback requests after an activity: one link per participant with an e-mail address,
queued on commit, never twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from verso.evaluation import services
from verso.evaluation.models import FeedbackAnswer, FeedbackRequest, FeedbackToken
from verso.evaluation.requests import send_feedback_requests
from verso.events import services as events_services
from verso.events.testing import events_activity


@pytest.fixture
def ended(world):
    activity = events_activity(world)
    for name, email, phone in [
        ("Aino", "aino@test.example", ""),
        ("Bertil", "bertil@test.example", ""),
        ("Cecilia", "", "0401234567"),  # no e-mail: no request
    ]:
        events_services.signup_create(activity=activity, name=name, email=email, phone=phone)
    return activity


def _after(activity):
    return activity.ends_at + datetime.timedelta(hours=2)


def test_each_participant_with_an_email_gets_one_link(
    world, ended, django_capture_on_commit_callbacks
):
    link = services.link_create(actor=world.coordinator, network=world.network, activity=ended)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_feedback_requests(now=_after(ended)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["aino@test.example", "bertil@test.example"]
    assert f"/f/{link.code}/" in mail.outbox[0].body
    assert ended.title in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert send_feedback_requests(now=_after(ended)) == 0
    assert len(mail.outbox) == 2 and FeedbackRequest.objects.count() == 2


def test_nothing_before_the_end_nor_for_a_closed_feedback(world, ended):
    link = services.link_create(actor=world.coordinator, network=world.network, activity=ended)
    assert send_feedback_requests(now=ended.ends_at - datetime.timedelta(minutes=1)) == 0
    services.link_set_open(actor=world.coordinator, link=link, is_open=False)
    assert send_feedback_requests(now=_after(ended)) == 0
    assert send_feedback_requests(now=ended.ends_at + datetime.timedelta(days=30)) == 0


def test_personal_links_are_made_when_sent_and_take_one_answer(
    client, world, ended, django_capture_on_commit_callbacks
):
    link = services.link_create(
        actor=world.coordinator, network=world.network, activity=ended, one_per_link=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_feedback_requests")  # now: before the end, nothing
        assert send_feedback_requests(now=_after(ended)) == 2
    assert FeedbackToken.objects.filter(link=link).count() == 2
    url = next(line for line in mail.outbox[0].body.splitlines() if "/f/" in line).strip()
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert client.post("/" + path, {"rating": "5"}).status_code == 302
    assert client.post("/" + path, {"rating": "5"}).status_code == 409
    assert FeedbackAnswer.objects.count() == 1
    assert timezone.now()  # the requests are recorded without the link sent
    assert not any(f.name == "token" for f in FeedbackRequest._meta.get_fields())
