"""E-mails to people who signed up. Sent directly after the transaction commits
(``transaction.on_commit``); the meetings' task queue will carry them later.

A sign-up with only a phone number gets no e-mail: Verso sends no text messages yet, and
the confirmation page with its cancellation link is shown at once after signing up."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from verso.events.models import Signup


def signup_url(signup: Signup) -> str:
    with translation.override(signup.language or "fi"):
        path = reverse("events:signup_status", kwargs={"token": signup.token})
    return settings.VERSO_PUBLIC_URL.rstrip("/") + path


def _send(signup_pk: int, template: str) -> None:
    signup = (
        Signup.objects.select_related("activity", "activity__place").filter(pk=signup_pk).first()
    )
    if signup is None or not signup.email or signup.email.endswith(".invalid"):
        return  # no address, or a reserved one that can never receive mail (the demo's)
    with translation.override(signup.language or "fi"):
        context = {"signup": signup, "activity": signup.activity, "url": signup_url(signup)}
        subject = render_to_string(f"events/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"events/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [signup.email])


def signup_confirmation(signup_pk: int) -> None:
    _send(signup_pk, "signup_confirmation")


def signup_promoted(signup_pk: int) -> None:
    _send(signup_pk, "signup_promoted")


def signup_cancelled(signup_pk: int) -> None:
    _send(signup_pk, "signup_cancelled")


def signup_reminder(signup_pk: int) -> None:
    _send(signup_pk, "signup_reminder")
