"""A read-only feed in the shapes of City of Helsinki's Linked Events (v1), so that an
events calendar written for Linked Events reads a Verso installation unchanged.

``/linkedevents/v1/event/`` and ``/linkedevents/v1/place/`` (and ``…/<id>/``): published
activities and their places; multilingual fields as ``{fi, sv, en}`` objects (only the
languages written), ``meta``/``data`` pagination, schema.org ``event_status`` names, and
the ``start``/``end``/``page``/``page_size`` filters. Ids are ``verso:<number>``.
Answers to these anonymous requests are cached and invalidated on change (events/cache.py).
"""

import datetime

from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from verso.events import selectors
from verso.events.access import public_activity, public_place
from verso.events.cache import TIMEOUT, public_key
from verso.events.models import ActivityStatus, Recurrence
from verso.events.publishing import activity_url

SOURCE = "verso"
LANGS = ("fi", "sv", "en")
EVENT_STATUS = {
    ActivityStatus.PUBLISHED: "EventScheduled",
    ActivityStatus.CANCELLED: "EventCancelled",
    ActivityStatus.POSTPONED: "EventPostponed",
    ActivityStatus.RESCHEDULED: "EventRescheduled",
}
MAX_PAGE_SIZE = 100
ENVIRONMENT = {"indoor": "in", "outdoor": "out", "nature": "out"}


def _id(pk: int) -> str:
    return f"{SOURCE}:{pk}"


def _pk(value: str) -> int:
    prefix, _sep, number = value.partition(":")
    if prefix != SOURCE or not number.isdigit() or len(number) > 18:
        raise Http404
    return int(number)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _multi(activity, field: str) -> dict:
    return {lang: text for lang in LANGS if (text := activity.text_in(field, lang))}


def _ref(request, name: str, pk) -> dict:
    return {"@id": request.build_absolute_uri(reverse(f"linkedevents:{name}", args=[_id(pk)]))}


def event_data(activity, request) -> dict:
    subs = getattr(activity, "public_subs", None)
    sub_events = [_ref(request, "event_detail", s.pk) for s in subs] if subs else []
    if activity.recurrence == Recurrence.WEEKLY:
        super_type = "recurring"
    elif sub_events:
        super_type = "umbrella"
    else:
        super_type = None
    info_url = {lang: activity_url(activity, request, lang) for lang in _multi(activity, "title")}
    return {
        "id": _id(activity.pk),
        "@id": _ref(request, "event_detail", activity.pk)["@id"],
        "@context": "http://schema.org",
        "@type": "Event/LinkedEvent",
        "location": _ref(request, "place_detail", activity.place_id) if activity.place_id else None,
        "keywords": [],
        "registration": None,
        "super_event": _ref(request, "event_detail", activity.parent_id)
        if activity.parent_id
        else None,
        "super_event_type": super_type,
        "sub_events": sub_events,
        "event_status": EVENT_STATUS.get(activity.status, "EventScheduled"),
        "type_id": "General",
        "publication_status": "public",
        "external_links": [],
        "offers": [
            {
                "is_free": activity.is_free,
                "price": {activity.language: activity.price} if activity.price else {},
                "info_url": {},
                "description": {},
            }
        ],
        "data_source": SOURCE,
        "publisher": None,
        "provider": {activity.language: ", ".join(o.name for o in activity.organisers.all())},
        "images": [],
        "videos": [],
        "in_language": [
            {"@id": request.build_absolute_uri(f"/linkedevents/v1/language/{lang}/")}
            for lang in _multi(activity, "title")
        ],
        "audience": [],
        "audience_min_age": activity.age_min,
        "audience_max_age": activity.age_max,
        "created_time": _iso(activity.created_at),
        "last_modified_time": _iso(activity.updated_at),
        "date_published": _iso(activity.published_at),
        "start_time": _iso(activity.starts_at),
        "end_time": _iso(activity.ends_at),
        "has_start_time": True,
        "has_end_time": True,
        "created_by": None,
        "last_modified_by": None,
        "custom_data": [{"key": "verso_type", "value": activity.type}],
        "origin_id": str(activity.pk),
        "deleted": False,
        "local": True,
        "replaced_by": None,
        "maximum_attendee_capacity": activity.capacity if activity.signup_enabled else None,
        "minimum_attendee_capacity": None,
        "enrolment_start_time": _iso(activity.signup_opens_at) if activity.signup_enabled else None,
        "enrolment_end_time": _iso(activity.signup_closes_at) if activity.signup_enabled else None,
        "name": _multi(activity, "title"),
        "description": _multi(activity, "description"),
        "short_description": {
            lang: text[:140] for lang, text in _multi(activity, "description").items()
        },
        "info_url": info_url,
        "location_extra_info": {},
        "environment": {"indoor": "in", "outdoor": "out", "nature": "out"}.get(
            activity.place.setting if activity.place_id else ""
        ),
    }


def place_data(place, request, n_events: int) -> dict:
    position = None
    if place.latitude is not None:
        position = {"type": "Point", "coordinates": [float(place.longitude), float(place.latitude)]}
    languages = place.languages or ["fi"]
    return {
        "id": _id(place.pk),
        "@id": _ref(request, "place_detail", place.pk)["@id"],
        "@context": "http://schema.org",
        "@type": "Place",
        "origin_id": str(place.pk),
        "data_source": SOURCE,
        "publisher": None,
        "divisions": [],
        "created_time": _iso(place.created_at),
        "last_modified_time": _iso(place.updated_at),
        "custom_data": [
            {"key": key, "value": "true" if getattr(place, key) else "false"}
            for key in (
                "step_free",
                "accessible_toilet",
                "hearing_loop",
                "seating",
                "sensory_friendly",
                "parking",
            )
        ],
        "email": None,
        "contact_type": None,
        "address_region": None,
        "postal_code": place.postal_code or None,
        "post_office_box_num": None,
        "address_country": "FI",
        "deleted": False,
        "has_upcoming_events": n_events > 0,
        "n_events": n_events,
        "image": None,
        "created_by": None,
        "last_modified_by": None,
        "parent": None,
        "replaced_by": None,
        "position": position,
        "name": {lang: place.name for lang in languages},
        "street_address": {lang: place.address for lang in languages},
        "address_locality": {lang: place.municipality for lang in languages}
        if place.municipality
        else {},
        "description": {lang: place.safety_notes for lang in languages}
        if place.safety_notes
        else {},
        "info_url": {},
        "telephone": {},
    }


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"detail": message}, status=status)


def _page_params(request):
    try:
        page = int(request.GET.get("page", "1"))
        size = int(request.GET.get("page_size", "20"))
    except ValueError:
        return None
    if page < 1 or page > 100_000 or not 1 <= size <= MAX_PAGE_SIZE:
        return None
    return page, size


def _parse_bound(raw: str | None, *, end: bool):
    """``start``/``end`` as Linked Events reads them: a date, a date-time, or ``today`` /
    ``now``."""
    if raw is None or raw == "":
        return None
    if raw == "now":
        return timezone.now()
    if raw == "today":
        day = timezone.localdate()
    else:
        try:
            moment = parse_datetime(raw)
        except ValueError:
            moment = None
        if moment is not None:
            return _sane(moment if timezone.is_aware(moment) else timezone.make_aware(moment))
        try:
            day = parse_date(raw)
        except ValueError:
            day = None
        if day is None:
            raise ValueError
    time = datetime.time.max if end else datetime.time.min
    return _sane(timezone.make_aware(datetime.datetime.combine(day, time)))


def _sane(moment: datetime.datetime) -> datetime.datetime:
    """A bound the database can compare: years 1900–2200 (a year-9999 time with an offset
    would overflow when converted to UTC)."""
    if not 1900 <= moment.year <= 2200:
        raise ValueError
    return moment


def _envelope(request, paginator_page, count, items) -> dict:
    def link(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "meta": {
            "count": count,
            "next": link(paginator_page.next_page_number()) if paginator_page.has_next() else None,
            "previous": link(paginator_page.previous_page_number())
            if paginator_page.has_previous()
            else None,
        },
        "data": items,
    }


def _cached(request, build):
    if request.user.is_authenticated:
        return build()
    key = public_key("le", request.get_host(), request.get_full_path())
    hit = cache.get(key)
    if hit is None:
        hit = build()
        if hit.status_code == 200:
            cache.set(key, (hit.content, hit.status_code), TIMEOUT)
        return hit
    return HttpResponse(hit[0], status=hit[1], content_type="application/json")


@require_GET
def event_list(request: HttpRequest):
    def build():
        params = _page_params(request)
        if params is None:
            return _error(_("page must be 1 or more and page_size 1–%(n)s.") % {"n": MAX_PAGE_SIZE})
        try:
            start = _parse_bound(request.GET.get("start"), end=False)
            end = _parse_bound(request.GET.get("end"), end=True)
        except ValueError:
            return _error(_("start and end must be dates (YYYY-MM-DD), date-times, today or now."))
        qs = selectors.activity_list_public(include_past=True).prefetch_related("sub_activities")
        if start is not None:
            qs = qs.filter(ends_at__gte=start)
        if end is not None:
            qs = qs.filter(starts_at__lte=end)
        page_no, size = params
        paginator = Paginator(qs, size)
        try:
            page = paginator.page(page_no)
        except EmptyPage:
            return _error(_("There is no such page."), 404)
        items = []
        for activity in page.object_list:
            activity.public_subs = [
                s for s in activity.sub_activities.all() if s.status in EVENT_STATUS
            ]
            items.append(event_data(activity, request))
        return JsonResponse(_envelope(request, page, paginator.count, items))

    return _cached(request, build)


@require_GET
def event_detail(request: HttpRequest, event_id: str):
    def build():
        activity = public_activity(_pk(event_id))
        activity = selectors.activity_public_detail(activity.pk)
        activity.public_subs = list(activity.sub_activities.all())
        return JsonResponse(event_data(activity, request))

    return _cached(request, build)


@require_GET
def place_list(request: HttpRequest):
    def build():
        params = _page_params(request)
        if params is None:
            return _error(_("page must be 1 or more and page_size 1–%(n)s.") % {"n": MAX_PAGE_SIZE})
        qs = selectors.places_public_with_counts()
        page_no, size = params
        paginator = Paginator(qs, size)
        try:
            page = paginator.page(page_no)
        except EmptyPage:
            return _error(_("There is no such page."), 404)
        items = [place_data(p, request, p.n_events) for p in page.object_list]
        return JsonResponse(_envelope(request, page, paginator.count, items))

    return _cached(request, build)


@require_GET
def place_detail(request: HttpRequest, place_id: str):
    def build():
        place = public_place(_pk(place_id))
        place = selectors.places_public_with_counts().get(pk=place.pk)
        return JsonResponse(place_data(place, request, place.n_events))

    return _cached(request, build)
