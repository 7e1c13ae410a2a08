"""The persistent task queue (django-tasks-db): mails wait while the worker is stopped, go
when it runs, and a send that keeps failing is retried and then shown as failed."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from conftest import build_world
from verso.meetings import mail as meeting_mail
from verso.meetings import services
from verso.meetings.choices import MailStatus
from verso.meetings.models import OutgoingMail
from verso.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.VERSO_TASK_RETRY_SECONDS = 0  # retries are due at once, so one batch runs them
    settings.VERSO_TASK_MAX_ATTEMPTS = 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload")


def test_mails_wait_in_the_queue_until_the_worker_runs(queue):
    world = build_world()
    meeting = make_meeting(world)
    people = [world.group.person, world.professional.person]
    world.group.language = world.professional.language = "sv"  # they chose Swedish
    world.group.save(update_fields=["language"])
    world.professional.save(update_fields=["language"])
    services.invite(actor=world.coordinator, meeting=meeting, people=people)

    # The worker is stopped: the change committed, the mails wait.
    assert OutgoingMail.objects.filter(status=MailStatus.QUEUED).count() == 2
    assert DBTaskResult.objects.ready().count() == 2
    assert mail.outbox == []

    run_worker()

    assert sorted(m.to[0] for m in mail.outbox) == [
        "group@test.example",
        "professional@test.example",
    ]
    assert all(m.subject.startswith("Inbjudan") for m in mail.outbox)
    assert all(m.attachments[0][2] == "text/calendar" for m in mail.outbox)
    assert OutgoingMail.objects.filter(status=MailStatus.SENT).count() == 2
    assert not DBTaskResult.objects.ready().exists()


def test_a_change_that_rolls_back_queues_nothing(queue):
    world = build_world()
    meeting = make_meeting(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.invite(actor=world.coordinator, meeting=meeting, people=[world.group.person])
        raise RuntimeError("the surrounding change failed")
    assert not OutgoingMail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_failing_send_is_retried_then_shown_as_failed(queue, monkeypatch, client):
    world = build_world()
    meeting = make_meeting(world)
    calls = []

    def refuse(message):
        calls.append(message.to_email)
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(meeting_mail, "deliver", refuse)
    services.invite(actor=world.coordinator, meeting=meeting, people=[world.group.person])
    run_worker()

    failed = OutgoingMail.objects.get()
    assert len(calls) == 3  # retried with back-off, then given up
    assert (failed.status, failed.attempts) == (MailStatus.FAILED, 3)
    assert "mail server down" in failed.last_error
    # The operator sees the task failed in the queue (admin); the coordinator on the page.
    assert DBTaskResult.objects.failed().count() == 1
    client.force_login(world.coordinator)
    page = client.get(reverse("meetings:mail", args=[world.network.pk])).content.decode()
    assert "could not be sent" in page and "mail server down" in page
    client.force_login(world.superuser)
    admin = client.get(reverse("admin:meetings_outgoingmail_changelist")).content.decode()
    assert "mail server down" in admin

    # The server is back: "send again" queues it and the worker sends it.
    monkeypatch.setattr(meeting_mail, "deliver", lambda message: mail.outbox.append(message))
    client.force_login(world.coordinator)
    client.post(reverse("meetings:mail_resend", args=[world.network.pk, failed.pk]))
    run_worker()
    failed.refresh_from_db()
    assert failed.status == MailStatus.SENT and len(mail.outbox) == 1


def test_reminders_and_retention_are_queued_for_the_worker(queue):
    world = build_world()
    import datetime

    from django.utils import timezone

    soon = timezone.now() + datetime.timedelta(hours=2)
    meeting = make_meeting(world, starts_at=soon, ends_at=soon + datetime.timedelta(hours=2))
    services.invite(actor=world.coordinator, meeting=meeting, people=[world.group.person])
    run_worker()
    mail.outbox.clear()
    call_command("queue_scheduled", "--retention")
    assert DBTaskResult.objects.ready().count() == 2
    run_worker()
    assert DBTaskResult.objects.successful().count() >= 2
    assert [m.subject for m in mail.outbox] == ["Muistutus: Workshop"]  # the invitation's language
    call_command("queue_scheduled")
    run_worker()
    assert len(mail.outbox) == 1  # each meeting is reminded once
