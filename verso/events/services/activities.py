"""Writes of places and activities (and the outcome recorded after an activity)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.events.cache import public_bump
from verso.events.models import (
    Activity,
    ActivityStatus,
    Place,
    Recurrence,
)
from verso.events.services.signups import _promote
from verso.networks.models import Network

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
    "plan",
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
    if fields.get("group_limit") is not None and fields["group_limit"] < 1:
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
    plan = fields.get("plan")
    if plan is not None and plan.network_id != network.pk:
        errors["plan"] = _("Choose a plan of this network.")
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
    activity.full_clean(exclude=["network", "place", "parent", "plan"])
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
    activity.full_clean(exclude=["network", "place", "parent", "plan"])
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
