"""Sign-up, cancellation, promotion from the waiting list, attendance and reminders."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from verso.accounts.language import user_language
from verso.core.audit import audit_record
from verso.events import notifications
from verso.events.cache import public_bump
from verso.events.models import (
    Activity,
    ActivityStatus,
    Signup,
    SignupKind,
    SignupStatus,
)
from verso.networks.models import Person

# Sign-up ----------------------------------------------------------------------------------


def contact_key(email: str, phone: str) -> str:
    email = (email or "").strip().lower()
    if email:
        return email
    digits = re.sub(r"[^\d+]", "", phone or "")
    return f"tel:{digits}" if digits else ""


def places_taken(activity: Activity, status: str = SignupStatus.CONFIRMED) -> int:
    return (
        Signup.objects.filter(
            activity=activity, kind=SignupKind.TAKE_PART, status=status
        ).aggregate(n=Sum("group_size"))["n"]
        or 0
    )


def _signup_window_check(activity: Activity, now: datetime.datetime) -> None:
    if activity.status != ActivityStatus.PUBLISHED:
        raise ValidationError(
            {
                "activity": _("Sign-up is not possible: the activity is not open (%(status)s).")
                % {"status": activity.get_status_display()}
            }
        )
    if not activity.signup_enabled:
        raise ValidationError({"activity": _("This activity has no sign-up.")})
    if activity.signup_opens_at and now < activity.signup_opens_at:
        raise ValidationError({"activity": _("Sign-up has not opened yet.")})
    closes = activity.signup_closes_at or activity.starts_at
    if now > closes:
        raise ValidationError({"activity": _("Sign-up has closed.")})


@transaction.atomic
def signup_create(
    *,
    activity: Activity,
    name: str,
    email: str = "",
    phone: str = "",
    kind: str = SignupKind.TAKE_PART,
    group_size: int = 1,
    access_needs: str = "",
    actor=None,
    idempotency_key: str = "",
    language: str | None = None,
    now: datetime.datetime | None = None,
) -> tuple[Signup, bool]:
    """Sign up, or answer the existing sign-up of the same contact or Idempotency-Key.

    Answers (sign-up, created). Confirmed while places remain, else waitlisted while the
    waiting list has room, else refused with a message."""
    now = now or timezone.now()
    name = (name or "").strip()
    email = (email or "").strip()
    phone = (phone or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Give a name or a nickname.")
    key = contact_key(email, phone)
    if not key:
        errors["email"] = _("Give an e-mail address or a phone number for the confirmation.")
    if kind not in SignupKind.values:
        errors["kind"] = _("Choose whether you take part or follow.")
    if errors:
        raise ValidationError(errors)
    # The lock: every sign-up and cancellation of this activity waits here for the one before.
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    existing = None
    if idempotency_key:
        existing = Signup.objects.filter(activity=activity, idempotency_key=idempotency_key).first()
    if existing is None:
        existing = (
            Signup.objects.filter(activity=activity, contact_key=key)
            .exclude(status=SignupStatus.CANCELLED)
            .first()
        )
    if existing is not None:
        return existing, False
    _signup_window_check(activity, now)
    if kind == SignupKind.FOLLOW:
        group_size = 1
    if group_size < 1 or group_size > activity.group_limit:
        raise ValidationError(
            {"group_size": _("A group may have 1–%(n)s people.") % {"n": activity.group_limit}}
        )
    if (
        kind == SignupKind.FOLLOW
        or activity.capacity is None
        or places_taken(activity) + group_size <= activity.capacity
    ):
        status = SignupStatus.CONFIRMED
    elif places_taken(activity, SignupStatus.WAITLISTED) + group_size <= activity.waitlist_capacity:
        status = SignupStatus.WAITLISTED
    else:
        raise ValidationError(
            {"activity": _("The activity is full and its waiting list too. Sorry!")}
        )
    person = None
    if actor is not None and getattr(actor, "is_authenticated", False):
        person = Person.objects.filter(user=actor).first()
    signup = Signup(
        activity=activity,
        kind=kind,
        status=status,
        name=name,
        email=email,
        phone=phone,
        contact_key=key,
        group_size=group_size,
        access_needs=(access_needs or "").strip(),
        person=person,
        idempotency_key=idempotency_key or "",
        # A signed-in user's mails go in their account's language.
        language=(user_language(actor) or language or translation.get_language() or "fi")[:8],
    )
    signup.full_clean(exclude=["activity", "person", "token"])
    try:
        with transaction.atomic():
            signup.save()
    except IntegrityError:  # the same key at the same moment: the other one won
        again = (
            Signup.objects.filter(activity=activity, contact_key=key)
            .exclude(status=SignupStatus.CANCELLED)
            .first()
            or Signup.objects.filter(
                activity=activity, idempotency_key=idempotency_key or "-"
            ).first()
        )
        if again is None:
            raise
        return again, False
    audit_record(
        actor=actor,
        action="signup.create",
        network=activity.network,
        target=signup,
        summary=f"#{signup.pk}",
        changes={"status": status, "group_size": group_size, "kind": kind},
    )
    notifications.signup_confirmation(signup.pk)  # queued when the transaction commits
    public_bump()
    return signup, True


def _promote(activity: Activity) -> list[Signup]:
    """Move waitlisted sign-ups, first come first served, into the places that are free.
    Runs inside the caller's transaction, with the activity locked."""
    if activity.capacity is None:
        waiting = list(Signup.objects.filter(activity=activity, status=SignupStatus.WAITLISTED))
    else:
        free = activity.capacity - places_taken(activity)
        waiting = []
        for signup in Signup.objects.filter(
            activity=activity, status=SignupStatus.WAITLISTED
        ).order_by("created_at", "pk"):
            if signup.group_size > free:
                break  # first come, first served: a smaller group does not jump the queue
            free -= signup.group_size
            waiting.append(signup)
    now = timezone.now()
    for signup in waiting:
        signup.status = SignupStatus.CONFIRMED
        signup.promoted_at = now
        signup.save(update_fields=["status", "promoted_at", "updated_at"])
        audit_record(
            actor=None,
            action="signup.promote",
            network=activity.network,
            target=signup,
            summary=f"#{signup.pk}",
        )
        notifications.signup_promoted(signup.pk)
    return waiting


@transaction.atomic
def signup_cancel(*, signup: Signup, actor=None, notify: bool = True) -> tuple[Signup, list]:
    """Cancel and promote from the waiting list. Cancelling twice changes nothing."""
    activity = Activity.objects.select_for_update().get(pk=signup.activity_id)
    signup = Signup.objects.get(pk=signup.pk)
    if signup.status == SignupStatus.CANCELLED:
        return signup, []
    was = signup.status
    signup.status = SignupStatus.CANCELLED
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["status", "cancelled_at", "updated_at"])
    audit_record(
        actor=actor,
        action="signup.cancel",
        network=activity.network,
        target=signup,
        summary=f"#{signup.pk}",
        changes={"was": was},
    )
    promoted = _promote(activity) if was == SignupStatus.CONFIRMED else []
    if notify:
        notifications.signup_cancelled(signup.pk)
    public_bump()
    return signup, promoted


@transaction.atomic
def signup_set_attendance(*, actor, signup: Signup, attended: bool | None) -> Signup:
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    if signup.status != SignupStatus.CONFIRMED:
        raise ValidationError({"attended": _("Only a confirmed sign-up can be marked present.")})
    signup.attended = attended
    signup.save(update_fields=["attended", "updated_at"])
    audit_record(
        actor=actor,
        action="signup.attendance",
        network=signup.activity.network,
        target=signup,
        summary=f"#{signup.pk}",
        changes={"attended": attended},
    )
    return signup


def signup_send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind confirmed participants of activities starting within EVENTS_REMINDER_HOURS."""
    now = now or timezone.now()
    soon = now + datetime.timedelta(hours=settings.EVENTS_REMINDER_HOURS)
    due = Signup.objects.filter(
        status=SignupStatus.CONFIRMED,
        reminded_at__isnull=True,
        activity__status=ActivityStatus.PUBLISHED,
        activity__starts_at__gt=now,
        activity__starts_at__lte=soon,
    ).exclude(email="")
    count = 0
    for signup in due:
        with transaction.atomic():
            updated = Signup.objects.filter(pk=signup.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if updated:
                count += 1
                notifications.signup_reminder(signup.pk)
    return count
