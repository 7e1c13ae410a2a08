"""Sign-up mails go through the task queue: a failing mail server neither fails the sign-up
nor loses the mail, and a rolled-back sign-up sends nothing."""

import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from verso.events import notifications, services
from verso.events.models import Signup
from verso.events.tests.factories import signup, signup_activity

pytestmark = pytest.mark.django_db


def _flaky(monkeypatch, failures: int) -> list:
    """The mail server refuses the first ``failures`` mails, then works."""
    calls = []
    real = notifications.send_mail

    def send_mail(*args, **kwargs):
        calls.append(args[0])
        if len(calls) <= failures:
            raise smtplib.SMTPServerDisconnected("the mail server went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(notifications, "send_mail", send_mail)
    return calls


def _sign_up(client, act, email="aino@test.example"):
    return client.post(
        reverse("events:public_detail", args=[act.pk]),
        {"kind": "take_part", "name": "Aino", "email": email, "group_size": 1},
    )


def test_a_mail_server_failure_is_retried_and_the_mail_arrives(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    act = signup_activity(world, capacity=1)
    calls = _flaky(monkeypatch, failures=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, act)
    assert response.status_code == 302
    assert Signup.objects.filter(activity=act, email="aino@test.example").exists()
    assert len(calls) == 3  # two failures, then sent
    assert [m.to for m in mail.outbox] == [["aino@test.example"]]


def test_a_mail_server_that_stays_down_does_not_fail_the_sign_up(
    client, world, monkeypatch, caplog, settings, django_capture_on_commit_callbacks
):
    settings.VERSO_TASK_MAX_ATTEMPTS = 3
    act = signup_activity(world, capacity=1)
    calls = _flaky(monkeypatch, failures=100)
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, act)
    assert response.status_code == 302  # the person sees their sign-up, not an error
    row = Signup.objects.get(activity=act)
    assert client.get(response["Location"]).status_code == 200
    assert len(calls) == 3 and mail.outbox == []
    assert "failed for good" in caplog.text  # the queue marks the task failed
    # The sign-up stands; the mail server back, a retry of the task sends the mail.
    monkeypatch.setattr(notifications, "send_mail", mail.send_mail)
    result = notifications.send_signup_mail_task.enqueue(row.pk, notifications.CONFIRMATION)
    assert result.return_value == "sent"
    assert [m.to for m in mail.outbox] == [["aino@test.example"]]


def test_every_sign_up_mail_is_queued_on_commit_and_not_on_rollback(
    world, django_capture_on_commit_callbacks
):
    act = signup_activity(world, capacity=1, waitlist=1)
    queued = []
    for step in (
        lambda: signup(act, 1),
        lambda: signup(act, 2),  # the waiting list
        lambda: services.signup_cancel(signup=Signup.objects.get(email="person1@test.example")),
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            step()
        queued.append(len(callbacks))
    assert queued == [1, 1, 2]  # confirmation; waiting list; cancellation and promotion
    subjects = {(m.to[0], m.subject) for m in mail.outbox}
    assert len(mail.outbox) == 4 and len(subjects) == 4
    assert {to for to, _ in subjects} == {"person1@test.example", "person2@test.example"}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                signup(act, 3)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []


def test_a_mail_waiting_in_the_queue_for_a_since_cancelled_sign_up_is_not_sent(world):
    act = signup_activity(world, capacity=1)
    row = signup(act, 1)
    services.signup_cancel(signup=row, notify=False)
    mail.outbox.clear()
    result = notifications.send_signup_mail_task.enqueue(row.pk, notifications.CONFIRMATION)
    assert result.return_value == "nothing to send" and mail.outbox == []


def test_a_signed_in_users_sign_up_mails_go_in_their_accounts_language(
    client, world, django_capture_on_commit_callbacks
):
    world.group.language = "sv"
    world.group.save(update_fields=["language"])
    act = signup_activity(world)
    client.force_login(world.group)
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, act, email="group@test.example")  # on the English page
    assert response.status_code == 302
    assert Signup.objects.get(activity=act, email="group@test.example").language == "sv"
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client, act, email="anonymous@test.example")  # no account: the page's
    assert Signup.objects.get(activity=act, email="anonymous@test.example").language == "en"
