"""Feedback requests: after an activity, each participant who signed up with an e-mail
address gets one feedback link, queued with the change (``enqueue_on_commit``) and sent by
the worker with retries, as the meetings' mail is.

A collection of personal links gives each participant a link of their own, made when the
mail is sent: nothing stored ties the link to the sign-up (``FeedbackRequest`` records only
that the sign-up was asked, so that no one is asked twice)."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from verso.core.queue import enqueue_on_commit, retry_later
from verso.evaluation.models import FeedbackLink, FeedbackRequest, FeedbackToken

logger = logging.getLogger("verso.evaluation")
WINDOW_DAYS = 14  # activities that ended at most this long ago are asked about


def _url(link: FeedbackLink, language: str) -> str:
    with translation.override(language or "fi"):
        if link.one_per_link:
            token = FeedbackToken.objects.create(link=link)
            path = reverse(
                "evaluation:answer_token", kwargs={"code": link.code, "token": token.token}
            )
        else:
            path = reverse("evaluation:answer", kwargs={"code": link.code})
    return settings.VERSO_PUBLIC_URL.rstrip("/") + path


@task()
def send_feedback_request_task(signup_id: int, link_id: int, attempt: int = 0) -> str:
    from verso.events.models import Signup

    signup = Signup.objects.select_related("activity").filter(pk=signup_id).first()
    link = FeedbackLink.objects.filter(pk=link_id).first()
    if signup is None or link is None or not signup.email or signup.email.endswith(".invalid"):
        return "nothing to send"
    language = signup.language or "fi"
    try:
        with translation.override(language):
            context = {"activity": signup.activity, "link": link, "url": _url(link, language)}
            subject = render_to_string("evaluation/email/request_subject.txt", context).strip()
            body = render_to_string("evaluation/email/request.txt", context)
        send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [signup.email])
    except Exception as error:  # any failure of the mail server counts as one attempt
        if retry_later(send_feedback_request_task, attempt, signup_id, link_id):
            return "retrying"
        logger.error("feedback request to sign-up %s failed for good: %s", signup_id, error)
        raise
    return "sent"


def send_feedback_requests(now: datetime.datetime | None = None) -> int:
    """Queue one request per confirmed sign-up with an e-mail address, for the open
    feedback of activities that ended within the last WINDOW_DAYS days."""
    from verso.events.models import Signup, SignupStatus

    now = now or timezone.now()
    links = FeedbackLink.objects.filter(
        activity__isnull=False,
        closed_at__isnull=True,
        activity__ends_at__lte=now,
        activity__ends_at__gte=now - datetime.timedelta(days=WINDOW_DAYS),
    )
    queued = 0
    for link in links:
        signups = (
            Signup.objects.filter(
                activity_id=link.activity_id,
                status=SignupStatus.CONFIRMED,
                contact_removed_at__isnull=True,
            )
            .exclude(email="")
            .exclude(pk__in=FeedbackRequest.objects.filter(link=link).values("signup_id"))
            .values_list("pk", flat=True)
        )
        for signup_id in signups:
            try:
                with transaction.atomic():
                    FeedbackRequest.objects.create(link=link, signup_id=signup_id)
                    enqueue_on_commit(send_feedback_request_task, signup_id, link.pk)
            except IntegrityError:
                continue  # another run asked them already
            queued += 1
        if queued:
            FeedbackLink.objects.filter(pk=link.pk).update(requests_sent_at=now)
    return queued
