"""The outgoing mail of meetings: written to the queue with the change that causes it,
sent by the worker, retried with back-off, and kept as failed when it gives up, so the
coordinator (the network's mail page) and the operator (the admin) see it.

Invitations and reminders go with the meeting as an .ics attachment, in the language of
the recipient's account when they have one, else in the invitation's language (the
inviter's choice). A person without an e-mail address gets theirs through the professional who
brings them.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from verso.accounts.language import person_language
from verso.core.queue import enqueue_on_commit, max_attempts, retry_later
from verso.meetings.calendar import meeting_ics
from verso.meetings.choices import MailKind, MailStatus, Reply
from verso.meetings.models import Invitation, Meeting, OutgoingMail
from verso.networks.models import Person

logger = logging.getLogger("verso.meetings.mail")

TEMPLATES = {
    MailKind.INVITATION: "meetings/mail/invitation",
    MailKind.REMINDER: "meetings/mail/reminder",
    MailKind.POLL_CLOSED: "meetings/mail/poll_closed",
}


def _render(kind: str, language: str, context: dict) -> tuple[str, str]:
    with translation.override(language):
        subject = render_to_string(f"{TEMPLATES[kind]}_subject.txt", context).strip()
        body = render_to_string(f"{TEMPLATES[kind]}.txt", context)
    return " ".join(subject.split())[:300], body


def _queue(
    *, kind: str, meeting: Meeting, person: Person, to_person: Person, language: str, extra=None
) -> OutgoingMail | None:
    if not to_person.email:
        return None
    context = {
        "meeting": meeting,
        "person": person,
        "to_person": to_person,
        "site_url": settings.VERSO_SITE_URL.rstrip("/"),
        **(extra or {}),
    }
    subject, body = _render(kind, language, context)
    mail = OutgoingMail.objects.create(
        network=meeting.network,
        meeting=meeting,
        person=person,
        kind=kind,
        to_email=to_person.email,
        language=language,
        subject=subject,
        body=body,
        ics=meeting_ics(meeting),
    )
    enqueue_on_commit(send_mail_task, mail.pk)
    return mail


def queue_meeting_mail(*, invitation: Invitation, kind: str) -> OutgoingMail | None:
    to_person = invitation.person if invitation.person.email else invitation.via
    if to_person is None:
        return None
    return _queue(
        kind=kind,
        meeting=invitation.meeting,
        person=invitation.person,
        to_person=to_person,
        language=person_language(to_person, invitation.language),
        extra={"invitation": invitation, "through": to_person != invitation.person},
    )


def queue_poll_closed_mail(*, meeting: Meeting, person: Person) -> OutgoingMail | None:
    return _queue(
        kind=MailKind.POLL_CLOSED,
        meeting=meeting,
        person=person,
        to_person=person,
        language=person_language(person),
    )


def deliver(mail: OutgoingMail) -> None:
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to_email],
    )
    if mail.ics:
        message.attach("meeting.ics", mail.ics, "text/calendar")
    message.send(fail_silently=False)


@task()
def send_mail_task(mail_id: int, attempt: int = 0) -> str:
    """Send one queued mail. A failure is retried with back-off; when the attempts are used
    up the mail is marked failed (the coordinator sees it) and the task fails (the operator
    sees it in the admin's task results)."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status == MailStatus.SENT:
            return "nothing to send"
        try:
            deliver(mail)
        except Exception as error:  # any failure of the mail server counts as one attempt
            mail.attempts += 1
            mail.last_error = f"{type(error).__name__}: {error}"[:500]
            gave_up = mail.attempts >= max_attempts()
            mail.status = MailStatus.FAILED if gave_up else MailStatus.QUEUED
            mail.save(update_fields=["attempts", "last_error", "status", "updated_at"])
        else:
            mail.attempts += 1
            mail.status = MailStatus.SENT
            mail.sent_at = timezone.now()
            mail.last_error = ""
            # What was sent is not kept: the text and the attachment go, the record stays.
            mail.body, mail.ics = "", ""
            mail.save(
                update_fields=[
                    "attempts",
                    "status",
                    "sent_at",
                    "last_error",
                    "body",
                    "ics",
                    "updated_at",
                ]
            )
            return "sent"
    if not gave_up and retry_later(send_mail_task, attempt, mail_id):
        return "retrying"
    if not gave_up:  # the queue's attempts ran out before the mail's
        OutgoingMail.objects.filter(pk=mail_id).update(status=MailStatus.FAILED)
    logger.error("mail %s failed for good: %s", mail_id, mail.last_error)
    raise RuntimeError(f"mail {mail_id} could not be sent: {mail.last_error}")


@transaction.atomic
def mail_resend(*, actor, mail: OutgoingMail) -> OutgoingMail:
    """Put a failed mail back in the queue (the coordinator's "send again")."""
    from verso.core.audit import audit_record

    mail = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
    if mail.status == MailStatus.FAILED:
        mail.status = MailStatus.QUEUED
        mail.attempts = 0
        mail.save(update_fields=["status", "attempts", "updated_at"])
        enqueue_on_commit(send_mail_task, mail.pk)
        audit_record(
            actor=actor,
            action="mail.resend",
            network=mail.network,
            target=mail,
            summary=mail.subject,
        )
    return mail


def remind_upcoming(now: datetime.datetime | None = None) -> int:
    """Queue reminders for meetings starting within VERSO_REMINDER_HOURS to everyone who
    has not declined; each meeting is reminded once."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(hours=settings.VERSO_REMINDER_HOURS)
    count = 0
    due = Meeting.objects.filter(starts_at__gt=now, starts_at__lte=horizon, reminded_at=None)
    for meeting_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            meeting = (
                Meeting.objects.select_for_update()
                .select_related("network")
                .filter(pk=meeting_id, reminded_at=None)
                .first()
            )
            if meeting is None:
                continue
            invitations = meeting.invitations.exclude(reply=Reply.NO).select_related(
                "person__user", "via__user"
            )
            for invitation in invitations:
                if queue_meeting_mail(invitation=invitation, kind=MailKind.REMINDER):
                    count += 1
            meeting.reminded_at = now
            meeting.save(update_fields=["reminded_at", "updated_at"])
    return count


@task()
def remind_task(attempt: int = 0) -> int:
    try:
        return remind_upcoming()
    except Exception:
        if retry_later(remind_task, attempt):
            return 0
        logger.exception("the reminder run failed for good")
        raise
