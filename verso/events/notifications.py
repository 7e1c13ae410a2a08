"""E-mails to people who signed up, through the task queue.

Each mail is a task queued with the change that causes it (``enqueue_on_commit``): a
rolled-back sign-up sends nothing, a committed one always has its mail waiting in the queue
(the database queue survives a stopped worker). The worker renders the mail from the
sign-up when it sends it and, when the mail server fails, tries again with back-off
(``verso.core.queue.retry_later``, as the meetings' mail does); when the attempts are used
up the task is marked failed in the queue, where the operator sees it. The sign-up itself
never waits for the mail server and never fails because of it.

No copy of the address or the text is kept beside the sign-up: the mail is rendered from
it at sending time, so when the sign-up's contact details are removed (cancellation by
erasure, the retention rule) a mail still in the queue has nobody to go to and is dropped.

A sign-up with only a phone number gets no e-mail: Verso sends no text messages yet, and
the confirmation page with its cancellation link is shown at once after signing up."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from verso.core.queue import enqueue_on_commit, retry_later
from verso.events.models import Signup, SignupStatus

logger = logging.getLogger("verso.events.mail")

CONFIRMATION = "signup_confirmation"
PROMOTED = "signup_promoted"
CANCELLED = "signup_cancelled"
REMINDER = "signup_reminder"
TEMPLATES = (CONFIRMATION, PROMOTED, CANCELLED, REMINDER)


def signup_url(signup: Signup) -> str:
    with translation.override(signup.language or "fi"):
        path = reverse("events:signup_status", kwargs={"token": signup.token})
    return settings.VERSO_PUBLIC_URL.rstrip("/") + path


def _deliver(signup_pk: int, template: str) -> bool:
    """Render and send one mail; False when there is nothing (any more) to send."""
    signup = (
        Signup.objects.select_related("activity", "activity__place").filter(pk=signup_pk).first()
    )
    if signup is None or not signup.email or signup.email.endswith(".invalid"):
        return False  # no address, or a reserved one that can never receive mail (the demo's)
    if template != CANCELLED and signup.status == SignupStatus.CANCELLED:
        return False  # cancelled while the mail waited: its news is out of date
    with translation.override(signup.language or "fi"):
        context = {"signup": signup, "activity": signup.activity, "url": signup_url(signup)}
        subject = render_to_string(f"events/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"events/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [signup.email], fail_silently=False)
    return True


@task()
def send_signup_mail_task(signup_id: int, template: str, attempt: int = 0) -> str:
    """Send one sign-up mail. A failure of the mail server is retried with back-off; when
    the attempts are used up the task fails (the operator sees it in the queue's results)."""
    if template not in TEMPLATES:
        raise ValueError(f"unknown sign-up mail {template!r}")
    try:
        sent = _deliver(signup_id, template)
    except Exception as error:  # any failure of the mail server counts as one attempt
        if retry_later(send_signup_mail_task, attempt, signup_id, template):
            return "retrying"
        logger.error("sign-up mail %s of %s failed for good: %s", template, signup_id, error)
        raise RuntimeError(f"sign-up mail {template} of {signup_id} could not be sent") from error
    return "sent" if sent else "nothing to send"


def _queue(signup_pk: int, template: str) -> None:
    enqueue_on_commit(send_signup_mail_task, signup_pk, template)


def signup_confirmation(signup_pk: int) -> None:
    _queue(signup_pk, CONFIRMATION)


def signup_promoted(signup_pk: int) -> None:
    _queue(signup_pk, PROMOTED)


def signup_cancelled(signup_pk: int) -> None:
    _queue(signup_pk, CANCELLED)


def signup_reminder(signup_pk: int) -> None:
    _queue(signup_pk, REMINDER)
