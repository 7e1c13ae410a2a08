"""The events API: public reads of published activities, places and galleries (no sign-in,
cached), sign-up through the same capacity service as the pages, and organisers' writes."""

import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from pydantic import StrictInt

from verso.core.api import ErrorOut, Page, PageIn, paginated
from verso.core.ratelimit import is_over_limit, too_many_requests
from verso.events import selectors, services
from verso.events.access import access_activity_for, public_activity, public_place
from verso.events.cache import TIMEOUT, public_key
from verso.events.models import (
    ActivityStatus,
    ActivityType,
    Language,
    Place,
    Recurrence,
    Setting,
    SignupKind,
)
from verso.networks.access import Need, access_network_for
from verso.networks.choices import TargetGroup

router = Router(tags=["events"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class PlaceOut(Schema):
    id: int
    name: str
    address: str
    postal_code: str
    municipality: str
    latitude: float | None
    longitude: float | None
    setting: str
    step_free: bool
    accessible_toilet: bool
    hearing_loop: bool
    seating: bool
    sensory_friendly: bool
    parking: bool
    transport_distance_m: int | None
    safety_notes: str
    languages: list[str]


class PlaceIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    address: str = Field(..., min_length=1, max_length=200)
    postal_code: str = Field("", max_length=10)
    municipality: str = Field("", max_length=100)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    setting: Setting = Setting.INDOOR
    step_free: bool = False
    accessible_toilet: bool = False
    hearing_loop: bool = False
    seating: bool = False
    sensory_friendly: bool = False
    parking: bool = False
    transport_distance_m: int | None = Field(None, ge=0, le=1_000_000)
    safety_notes: str = Field("", max_length=2000)
    languages: list[Language] = Field(default_factory=list, max_length=3)


class ActivityOut(Schema):
    id: int
    network_id: int
    type: str
    status: str
    language: str
    title: str
    description: str
    translations: dict
    organisers: list[str]
    target_groups: list[str]
    age_min: int | None
    age_max: int | None
    place: PlaceOut | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    recurrence: str
    recurrence_until: datetime.date | None
    parent_id: int | None
    is_free: bool
    price: str
    signup_enabled: bool
    signup_opens_at: datetime.datetime | None
    signup_closes_at: datetime.datetime | None
    capacity: int | None
    places_left: int | None
    waitlist_capacity: int
    group_limit: int
    is_exhibition: bool


class ActivityStaffOut(ActivityOut):
    """The organisers' view: also the plan it realises (plans are not public)."""

    plan_id: int | None


class ActivityIn(Schema):
    type: ActivityType
    status: ActivityStatus = ActivityStatus.DRAFT
    language: Language = Language.FI
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    organisation_ids: list[StrictInt] = Field(default_factory=list, max_length=20)
    target_groups: list[TargetGroup] = Field(default_factory=list, max_length=30)
    age_min: int | None = Field(None, ge=0, le=150)
    age_max: int | None = Field(None, ge=0, le=150)
    place_id: StrictInt | None = None
    plan_id: StrictInt | None = Field(None, description="The plan of this network it realises.")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    recurrence: Recurrence = Recurrence.NONE
    recurrence_until: datetime.date | None = None
    is_free: bool = True
    price: str = Field("", max_length=200)
    signup_enabled: bool = False
    signup_opens_at: datetime.datetime | None = None
    signup_closes_at: datetime.datetime | None = None
    capacity: int | None = Field(None, ge=0, le=1_000_000)
    waitlist_capacity: int = Field(0, ge=0, le=1_000_000)
    group_limit: int = Field(1, ge=1, le=1000)
    is_exhibition: bool = False
    works_per_community: int = Field(3, ge=1, le=100)


class ActivityPatch(Schema):
    status: ActivityStatus | None = None
    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=5000)
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    capacity: int | None = Field(None, ge=0, le=1_000_000)
    waitlist_capacity: int | None = Field(None, ge=0, le=1_000_000)
    signup_enabled: bool | None = None
    is_free: bool | None = None
    price: str | None = Field(None, max_length=200)
    plan_id: StrictInt | None = Field(None, description="The plan it realises; null unlinks.")


class ActivityFilter(Schema):
    type: ActivityType | None = None
    start: datetime.date | None = Field(None, description="Activities that end on or after.")
    end: datetime.date | None = Field(None, description="Activities that start on or before.")
    place_id: int | None = Field(None, ge=1, le=2**63 - 1)
    free: bool = False
    accessible: bool = False
    language: Language | None = None
    audience: TargetGroup | None = None


class SignupIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    kind: SignupKind = SignupKind.TAKE_PART
    group_size: int = Field(1, ge=1, le=1000)
    access_needs: str = Field("", max_length=1000)


class SignupOut(Schema):
    id: int
    activity_id: int
    kind: str
    status: str
    group_size: int
    token: str | None = Field(None, description="The secret of the cancellation link.")


class ParticipantOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    kind: str
    status: str
    group_size: int
    access_needs: str
    attended: bool | None


class WorkOut(Schema):
    id: int
    title: str
    description: str
    alt_text: str
    credit: str
    community: str
    image_url: str
    width: int
    height: int


def _place_out(place: Place | None) -> dict | None:
    if place is None:
        return None
    data = {name: getattr(place, name) for name in PlaceOut.model_fields}
    data["latitude"] = float(place.latitude) if place.latitude is not None else None
    data["longitude"] = float(place.longitude) if place.longitude is not None else None
    return data


def _activity_out(activity) -> dict:
    return {
        **{
            name: getattr(activity, name)
            for name in ActivityOut.model_fields
            if name not in ("organisers", "place", "places_left")
        },
        "organisers": [o.name for o in activity.organisers.all()],
        "place": _place_out(activity.place),
        "places_left": selectors.places_left(activity) if activity.signup_enabled else None,
    }


def _activity_staff_out(activity) -> dict:
    return {**_activity_out(activity), "plan_id": activity.plan_id}


def _cached_public(request, build):
    """Anonymous reads are cached; any change to events bumps the cache's version."""
    if request.user.is_authenticated:
        return build()
    key = public_key("api", translation.get_language(), request.get_full_path())
    data = cache.get(key)
    if data is None:
        data = build()
        cache.set(key, data, TIMEOUT)
    return data


# Public ---------------------------------------------------------------------------------------


@router.get(
    "/events/activities",
    response={200: Page[ActivityOut], **ERRORS},
    auth=None,
    summary="Published activities (public)",
)
def public_activity_list(request, params: Query[PageIn], filters: Query[ActivityFilter]):
    def build():
        qs = selectors.activity_list_public(
            type=filters.type or "",
            date_from=filters.start,
            date_to=filters.end,
            place=filters.place_id,
            free=filters.free,
            accessible=filters.accessible,
            language=filters.language or "",
            audience=filters.audience or "",
        )
        return paginated(qs, params, _activity_out)

    return _cached_public(request, build)


@router.get(
    "/events/activities/{activity_id}",
    response={200: ActivityOut, **ERRORS},
    auth=None,
    summary="One published activity (public)",
)
def public_activity_detail(request, activity_id: int):
    def build():
        return _activity_out(selectors.activity_public_detail(public_activity(activity_id).pk))

    return _cached_public(request, build)


@router.get(
    "/events/places",
    response={200: Page[PlaceOut], **ERRORS},
    auth=None,
    summary="Places of published activities (public)",
)
def public_place_list(request, params: Query[PageIn]):
    return _cached_public(request, lambda: paginated(selectors.places_public(), params, _place_out))


@router.get(
    "/events/places/{place_id}",
    response={200: PlaceOut, **ERRORS},
    auth=None,
    summary="One place of a published activity (public)",
)
def public_place_detail(request, place_id: int):
    return _cached_public(request, lambda: _place_out(public_place(place_id)))


@router.get(
    "/events/activities/{activity_id}/gallery",
    response={200: Page[WorkOut], **ERRORS},
    auth=None,
    summary="Accepted works of an exhibition (public)",
)
def public_gallery(request, activity_id: int, params: Query[PageIn]):
    def build():
        from django.urls import reverse

        activity = public_activity(activity_id)
        return paginated(
            selectors.gallery_works(activity),
            params,
            lambda w: {
                "id": w.pk,
                "title": w.title,
                "description": w.description,
                "alt_text": w.alt_text,
                "credit": w.credit_text if w.credit != "anonymous" else _("Anonymous"),
                "community": w.community.name,
                "image_url": reverse("events:gallery_image", args=[w.pk]),
                "width": w.width,
                "height": w.height,
            },
        )

    return _cached_public(request, build)


@router.post(
    "/events/activities/{activity_id}/signups",
    response={200: SignupOut, 201: SignupOut, **ERRORS, 429: ErrorOut},
    auth=None,
    summary="Sign up (public; send an Idempotency-Key header to make retries safe)",
)
def public_signup(
    request,
    activity_id: int,
    payload: SignupIn,
    idempotency_key: str = Header("", alias="Idempotency-Key", max_length=100),
):
    limited, retry_after = is_over_limit(request, "event_signup")
    if limited:
        response: HttpResponse = too_many_requests(request, retry_after)
        return response
    activity = public_activity(activity_id)
    signup, created = services.signup_create(
        activity=activity,
        name=payload.name,
        email=payload.email,
        phone=payload.phone,
        kind=payload.kind,
        group_size=payload.group_size,
        access_needs=payload.access_needs,
        idempotency_key=idempotency_key.strip(),
        language=(translation.get_language() or "fi")[:2],
    )
    same_request = created or (
        idempotency_key and signup.idempotency_key == idempotency_key.strip()
    )
    out = {
        "id": signup.pk,
        "activity_id": signup.activity_id,
        "kind": signup.kind,
        "status": signup.status,
        "group_size": signup.group_size,
        # The link's secret only to the request that made it (or its retry).
        "token": signup.token if same_request else None,
    }
    return Status(201 if created else 200, out)


# Organisers ------------------------------------------------------------------------------------


def _place_of(network, place_id):
    if place_id is None:
        return None
    place = Place.objects.filter(pk=place_id, network=network).first()
    if place is None:
        raise ValidationError({"place_id": _("Choose a place of this network.")})
    return place


def _plan_of(network, plan_id):
    if plan_id is None:
        return None
    plan = selectors.plans_for_network(network).filter(pk=plan_id).first()
    if plan is None:
        raise ValidationError({"plan_id": _("Choose a plan of this network.")})
    return plan


@router.get(
    "/networks/{network_id}/activities",
    response={200: Page[ActivityStaffOut], **ERRORS},
    summary="A network's activities, drafts too",
)
def activity_list(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    qs = selectors.activity_list_for_network(access.network).prefetch_related("organisers")
    return paginated(qs, params, _activity_staff_out)


@router.post(
    "/networks/{network_id}/activities",
    response={201: ActivityStaffOut, **ERRORS},
    summary="Create an activity",
)
def activity_create(request, network_id: int, payload: ActivityIn):
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    data = payload.dict()
    organisation_ids = data.pop("organisation_ids")
    organisers = list(
        selectors.network_organisations(access.network).filter(pk__in=organisation_ids)
    )
    if len(organisers) != len(set(organisation_ids)):
        raise ValidationError({"organisation_ids": _("Choose organisations of this network.")})
    data["place"] = _place_of(access.network, data.pop("place_id"))
    data["plan"] = _plan_of(access.network, data.pop("plan_id"))
    activity = services.activity_create(
        actor=request.user, network=access.network, organisers=organisers, **data
    )
    return Status(201, _activity_staff_out(selectors.activity_public_detail(activity.pk)))


@router.patch(
    "/networks/{network_id}/activities/{activity_id}",
    response={200: ActivityStaffOut, **ERRORS},
    summary="Change an activity (publish, cancel, postpone, capacity…)",
)
def activity_update(request, network_id: int, activity_id: int, payload: ActivityPatch):
    access, activity = access_activity_for(request.user, network_id, activity_id, Need.COORDINATION)
    fields = payload.dict(exclude_unset=True)
    for name in (
        "status",
        "title",
        "starts_at",
        "ends_at",
        "waitlist_capacity",
        "signup_enabled",
        "is_free",
        "description",
        "price",
    ):
        if name in fields and fields[name] is None:
            fields.pop(name)
    if "plan_id" in fields:
        fields["plan"] = _plan_of(access.network, fields.pop("plan_id"))
    activity = services.activity_update(actor=request.user, activity=activity, **fields)
    return _activity_staff_out(selectors.activity_public_detail(activity.pk))


@router.get(
    "/networks/{network_id}/places",
    response={200: Page[PlaceOut], **ERRORS},
    summary="A network's places",
)
def place_list(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    return paginated(selectors.places_for_network(access.network), params, _place_out)


@router.post(
    "/networks/{network_id}/places", response={201: PlaceOut, **ERRORS}, summary="Add a place"
)
def place_create(request, network_id: int, payload: PlaceIn):
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    data = payload.dict()
    data["languages"] = [str(code) for code in data["languages"]]
    place = services.place_create(actor=request.user, network=access.network, **data)
    return Status(201, _place_out(place))


@router.get(
    "/networks/{network_id}/activities/{activity_id}/signups",
    response={200: Page[ParticipantOut], **ERRORS},
    summary="Participants (the coordination group only)",
)
def participant_list(request, network_id: int, activity_id: int, params: Query[PageIn]):
    _access, activity = access_activity_for(
        request.user, network_id, activity_id, Need.COORDINATION
    )
    return paginated(selectors.activity_participants(activity), params)
