"""Writes of the events app: places, activities, sign-ups, attendance, outcomes and works.

The capacity rule lives in ``signup_create`` and ``signup_cancel`` alone: both lock the
activity's row (``select_for_update`` on PostgreSQL; on SQLite every transaction takes the
write lock at its start, ``transaction_mode=IMMEDIATE``), count the places taken and decide,
so two requests never both take the last place, and a cancellation promotes from the
waiting list exactly once.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.events import notifications
from verso.events.cache import public_bump
from verso.events.images import image_store
from verso.events.models import (
    Activity,
    ActivityStatus,
    Credit,
    Place,
    Recurrence,
    Signup,
    SignupKind,
    SignupStatus,
    Work,
    WorkStatus,
)
from verso.networks.models import Network, Organisation, Person
from verso.privacy.models import Method, Purpose

PLACE_FIELDS = [
    "name",
    "address",
    "postal_code",
    "municipality",
    "latitude",
    "longitude",
    "setting",
    "step_free",
    "accessible_toilet",
    "hearing_loop",
    "seating",
    "sensory_friendly",
    "parking",
    "transport_distance_m",
    "safety_notes",
    "languages",
]
ACTIVITY_FIELDS = [
    "type",
    "language",
    "title",
    "description",
    "translations",
    "target_groups",
    "age_min",
    "age_max",
    "place",
    "starts_at",
    "ends_at",
    "recurrence",
    "recurrence_until",
    "parent",
    "status",
    "is_free",
    "price",
    "signup_enabled",
    "signup_opens_at",
    "signup_closes_at",
    "capacity",
    "waitlist_capacity",
    "group_limit",
    "is_exhibition",
    "works_per_community",
]
LANGUAGES = ("fi", "sv", "en")


# Places -----------------------------------------------------------------------------------


def _coordinates(fields: dict) -> None:
    """Coordinates to six decimals (about 0.1 m), whatever number type they came as."""
    for name in ("latitude", "longitude"):
        value = fields.get(name)
        if value is not None and not isinstance(value, Decimal):
            try:
                fields[name] = Decimal(str(value)).quantize(Decimal("0.000001"))
            except (InvalidOperation, ValueError):
                raise ValidationError({name: _("Give the coordinate as a number.")}) from None


def _place_check(network: Network, fields: dict) -> None:
    errors = {}
    lat, lon = fields.get("latitude"), fields.get("longitude")
    if (lat is None) != (lon is None):
        errors["longitude"] = _("Give both coordinates, or neither.")
    if lat is not None and not -90 <= lat <= 90:
        errors["latitude"] = _("The latitude must be between -90 and 90.")
    if lon is not None and not -180 <= lon <= 180:
        errors["longitude"] = _("The longitude must be between -180 and 180.")
    languages = fields.get("languages") or []
    if any(code not in LANGUAGES for code in languages):
        errors["languages"] = _("Unknown language.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def place_create(*, actor, network: Network, **fields) -> Place:
    unknown = set(fields) - set(PLACE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s.") % {"names": ", ".join(unknown)})
    _coordinates(fields)
    _place_check(network, fields)
    place = Place(network=network, **fields)
    place.full_clean(exclude=["network"])
    place.save()
    audit_record(
        actor=actor, action="place.create", network=network, target=place, summary=place.name
    )
    public_bump()
    return place


@transaction.atomic
def place_update(*, actor, place: Place, **fields) -> Place:
    unknown = set(fields) - set(PLACE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s.") % {"names": ", ".join(unknown)})
    _coordinates(fields)
    merged = {name: getattr(place, name) for name in PLACE_FIELDS} | fields
    _place_check(place.network, merged)
    for name, value in fields.items():
        setattr(place, name, value)
    place.full_clean(exclude=["network"])
    place.save()
    audit_record(
        actor=actor,
        action="place.update",
        network=place.network,
        target=place,
        summary=place.name,
        changes={"fields": sorted(fields)},
    )
    public_bump()
    return place


# Activities -------------------------------------------------------------------------------


SANE_YEARS = range(2000, 2201)


def _activity_check(network: Network, fields: dict, activity: Activity | None = None) -> None:
    errors: dict[str, str] = {}
    for name in ("starts_at", "ends_at", "signup_opens_at", "signup_closes_at", "recurrence_until"):
        value = fields.get(name)
        if value is not None and value.year not in SANE_YEARS:
            errors[name] = _("Give a date between the years 2000 and 2200.")
    if errors:
        raise ValidationError(errors)
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts and ends and ends < starts:
        errors["ends_at"] = _("The end must not be before the start.")
    if fields.get("capacity") is not None and fields["capacity"] < 0:
        errors["capacity"] = _("The number of places cannot be negative.")
    if (fields.get("waitlist_capacity") or 0) < 0:
        errors["waitlist_capacity"] = _("The number of waiting-list places cannot be negative.")
    if (fields.get("group_limit") or 1) < 1:
        errors["group_limit"] = _("A group has at least one person.")
    opens, closes = fields.get("signup_opens_at"), fields.get("signup_closes_at")
    if opens and closes and closes < opens:
        errors["signup_closes_at"] = _("Sign-up must close after it opens.")
    age_min, age_max = fields.get("age_min"), fields.get("age_max")
    if age_min is not None and age_max is not None and age_max < age_min:
        errors["age_max"] = _("The oldest age must not be below the youngest.")
    if fields.get("recurrence") == Recurrence.WEEKLY:
        until = fields.get("recurrence_until")
        if until is None:
            errors["recurrence_until"] = _("Give the last day of a weekly activity.")
        elif starts and until < timezone.localtime(starts).date():
            errors["recurrence_until"] = _("The last day must not be before the start.")
    place = fields.get("place")
    if place is not None and place.network_id != network.pk:
        errors["place"] = _("Choose a place of this network.")
    parent = fields.get("parent")
    if parent is not None:
        if parent.network_id != network.pk:
            errors["parent"] = _("Choose an activity of this network.")
        elif activity is not None and (parent.pk == activity.pk or parent.parent_id == activity.pk):
            errors["parent"] = _("An activity cannot be part of itself.")
    translations = fields.get("translations") or {}
    if not isinstance(translations, dict) or any(
        lang not in LANGUAGES or not isinstance(value, dict) for lang, value in translations.items()
    ):
        errors["translations"] = _("Unknown language.")
    if errors:
        raise ValidationError(errors)


def _set_organisers(activity: Activity, organisers) -> None:
    if organisers is None:
        return
    organisers = list(organisers)
    activity.organisers.set(organisers)


@transaction.atomic
def activity_create(*, actor, network: Network, organisers=None, **fields) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s.") % {"names": ", ".join(unknown)})
    _activity_check(network, fields)
    activity = Activity(network=network, **fields)
    if activity.status != ActivityStatus.DRAFT:
        activity.published_at = timezone.now()
    activity.full_clean(exclude=["network", "place", "parent"])
    activity.save()
    _set_organisers(activity, organisers)
    audit_record(
        actor=actor,
        action="activity.create",
        network=network,
        target=activity,
        summary=activity.title,
        changes={"status": activity.status},
    )
    public_bump()
    return activity


@transaction.atomic
def activity_update(*, actor, activity: Activity, organisers=None, **fields) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s.") % {"names": ", ".join(unknown)})
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    merged = {name: getattr(activity, name) for name in ACTIVITY_FIELDS} | fields
    _activity_check(activity.network, merged, activity)
    before = activity.status
    changed = sorted(k for k, v in fields.items() if getattr(activity, k) != v)
    for name, value in fields.items():
        setattr(activity, name, value)
    if before == ActivityStatus.DRAFT and activity.status != ActivityStatus.DRAFT:
        activity.published_at = timezone.now()
    activity.full_clean(exclude=["network", "place", "parent"])
    activity.save()
    _set_organisers(activity, organisers)
    audit_record(
        actor=actor,
        action="activity.update",
        network=activity.network,
        target=activity,
        summary=activity.title,
        changes={"fields": changed, "status": [before, activity.status]},
    )
    if activity.capacity is None or "capacity" in changed or "waitlist_capacity" in changed:
        _promote(activity)
    public_bump()
    return activity


@transaction.atomic
def activity_record_outcome(
    *,
    actor,
    activity: Activity,
    taking_part: int,
    following: int,
    unnamed_clients: int | None = None,
    notes: str = "",
) -> Activity:
    """What was realised, counted, for the evaluation: no names, only numbers."""
    errors = {}
    for name, value in (
        ("taking_part", taking_part),
        ("following", following),
        ("unnamed_clients", unnamed_clients),
    ):
        if value is not None and value < 0:
            errors[name] = _("A count cannot be negative.")
    if unnamed_clients is not None and taking_part is not None and unnamed_clients > taking_part:
        errors["unnamed_clients"] = _("There cannot be more unnamed clients than took part.")
    if errors:
        raise ValidationError(errors)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    activity.realised_taking_part = taking_part
    activity.realised_following = following
    activity.realised_unnamed_clients = unnamed_clients
    activity.realised_notes = notes
    activity.outcome_recorded_at = timezone.now()
    activity.save(
        update_fields=[
            "realised_taking_part",
            "realised_following",
            "realised_unnamed_clients",
            "realised_notes",
            "outcome_recorded_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="activity.outcome",
        network=activity.network,
        target=activity,
        summary=activity.title,
        changes={
            "taking_part": taking_part,
            "following": following,
            "unnamed_clients": unnamed_clients,
        },
    )
    return activity


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
        language=(language or translation.get_language() or "fi")[:8],
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
    transaction.on_commit(lambda: notifications.signup_confirmation(signup.pk))
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
        transaction.on_commit(lambda pk=signup.pk: notifications.signup_promoted(pk))
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
        transaction.on_commit(lambda: notifications.signup_cancelled(signup.pk))
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
                transaction.on_commit(lambda pk=signup.pk: notifications.signup_reminder(pk))
    return count


# Exhibition works -------------------------------------------------------------------------


@transaction.atomic
def work_submit(
    *,
    actor,
    activity: Activity,
    community: Organisation,
    title: str,
    alt_text: str,
    image,
    creator: Person,
    credit: str = Credit.NAME,
    credit_text: str = "",
    description: str = "",
    people_shown=(),
    creator_consents: bool = False,
    people_shown_consent: bool = False,
) -> Work:
    """Submit a work: the image re-encoded without metadata, the consents recorded."""
    from verso.privacy.services import consent_give

    errors = {}
    if not activity.is_exhibition:
        errors["activity"] = _("This activity has no call for works.")
    if not (title or "").strip():
        errors["title"] = _("Give the work a title.")
    if not (alt_text or "").strip():
        errors["alt_text"] = _("Describe the picture in words (alt text).")
    if credit not in Credit.values:
        errors["credit"] = _("Choose how the creator is credited.")
    elif credit != Credit.ANONYMOUS and not (credit_text or "").strip():
        errors["credit_text"] = _("Give the name or nickname to show, or choose anonymous.")
    if not creator_consents:
        errors["creator_consents"] = _("The creator's consent is needed to show the work.")
    people_shown = list(people_shown or [])
    if people_shown and not people_shown_consent:
        errors["people_shown_consent"] = _("Everyone shown in the picture must agree.")
    if errors:
        raise ValidationError(errors)
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    used = (
        Work.objects.filter(activity=locked, community=community)
        .exclude(status=WorkStatus.WITHDRAWN)
        .count()
    )
    if used >= locked.works_per_community:
        raise ValidationError(
            {
                "community": _("%(community)s has already sent %(n)s works, the most allowed.")
                % {"community": community.name, "n": locked.works_per_community}
            }
        )
    name, width, height = image_store(image)
    try:
        for person in {creator, *people_shown}:
            consent_give(
                actor=actor,
                person=person,
                purpose=Purpose.PHOTOS,
                method=Method.ON_BEHALF,
                network=locked.network,
            )
        work = Work.objects.create(
            activity=locked,
            community=community,
            title=title.strip(),
            description=(description or "").strip(),
            alt_text=alt_text.strip(),
            image=name,
            width=width,
            height=height,
            creator=creator,
            credit=credit,
            credit_text="" if credit == Credit.ANONYMOUS else credit_text.strip(),
            submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        work.people_shown.set(people_shown)
    except Exception:
        default_storage.delete(name)
        raise
    audit_record(
        actor=actor,
        action="work.submit",
        network=locked.network,
        target=work,
        summary=work.title,
        changes={"community": community.pk},
    )
    return work


@transaction.atomic
def work_curate(*, actor, work: Work, accept: bool, note: str = "") -> Work:
    work = Work.objects.select_for_update().get(pk=work.pk)
    if work.status == WorkStatus.WITHDRAWN:
        raise ValidationError({"decision": _("The work was withdrawn; it cannot be shown.")})
    work.status = WorkStatus.ACCEPTED if accept else WorkStatus.DECLINED
    work.curation_note = (note or "").strip()
    work.save(update_fields=["status", "curation_note", "updated_at"])
    audit_record(
        actor=actor,
        action="work.curate",
        network=work.activity.network,
        target=work,
        summary=work.title,
        changes={"status": work.status},
    )
    public_bump()
    return work


def works_withdraw_for(person: Person) -> int:
    """The photo consent was withdrawn: unpublish at once every work the person made or is
    shown in (the registry's withdrawal handler for ``photos``)."""
    works = Work.objects.filter(creator=person) | Work.objects.filter(people_shown=person)
    ids = list(works.exclude(status=WorkStatus.WITHDRAWN).values_list("pk", flat=True).distinct())
    for work in Work.objects.filter(pk__in=ids).select_related("activity"):
        work.status = WorkStatus.WITHDRAWN
        work.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=None,
            action="work.withdraw",
            network=work.activity.network,
            target=work,
            summary=f"#{work.pk}",
        )
    if ids:
        public_bump()
    return len(ids)
