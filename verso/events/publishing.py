"""What public pages and feeds say about an activity: absolute addresses, schema.org JSON-LD,
Open Graph, iCalendar and the printable poster."""

import datetime
import json

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, Event, vRecur

from verso.events.models import ActivityStatus, Recurrence

SCHEMA_STATUS = {
    ActivityStatus.PUBLISHED: "https://schema.org/EventScheduled",
    ActivityStatus.CANCELLED: "https://schema.org/EventCancelled",
    ActivityStatus.POSTPONED: "https://schema.org/EventPostponed",
    ActivityStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
}


def absolute(request, path: str) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.VERSO_PUBLIC_URL.rstrip("/") + path


def activity_url(activity, request=None, lang: str | None = None) -> str:
    with translation.override(lang or translation.get_language() or "fi"):
        path = reverse("events:public_detail", kwargs={"activity_id": activity.pk})
    return absolute(request, path)


def activity_json_ld(activity, request, lang: str) -> str:
    place = activity.place
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.localized("title", lang),
        "description": activity.localized("description", lang)[:500],
        "startDate": activity.starts_at.isoformat(),
        "endDate": activity.ends_at.isoformat(),
        "eventStatus": SCHEMA_STATUS.get(activity.status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": activity_url(activity, request, lang),
        "inLanguage": activity.language,
        "isAccessibleForFree": activity.is_free,
        "organizer": [
            {"@type": "Organization", "name": org.name} for org in activity.organisers.all()
        ],
    }
    if place is not None:
        data["location"] = {
            "@type": "Place",
            "name": place.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": place.address,
                "postalCode": place.postal_code,
                "addressLocality": place.municipality,
                "addressCountry": "FI",
            },
        }
        if place.latitude is not None:
            data["location"]["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(place.latitude),
                "longitude": float(place.longitude),
            }
    if activity.capacity is not None:
        data["maximumAttendeeCapacity"] = activity.capacity
    if not activity.is_free and activity.price:
        data["offers"] = {"@type": "Offer", "description": activity.price}
    # "</" must not end the script element early.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def qr_data_uri(url: str, scale: int = 8) -> str:
    return segno.make(url, error="m").png_data_uri(scale=scale, border=4)


def _ical_event(activity, request, lang: str) -> Event:
    event = Event()
    host = (request.get_host() if request is not None else "verso").split(":")[0]
    event.add("uid", f"activity-{activity.pk}@{host}")
    event.add("summary", activity.localized("title", lang))
    event.add("description", activity.localized("description", lang))
    event.add("dtstart", activity.starts_at)
    event.add("dtend", activity.ends_at)
    event.add("dtstamp", activity.updated_at)
    event.add("url", activity_url(activity, request, lang))
    if activity.place:
        event.add("location", f"{activity.place.name}, {activity.place.address}")
    status = {
        ActivityStatus.CANCELLED: "CANCELLED",
        ActivityStatus.POSTPONED: "TENTATIVE",
    }.get(activity.status, "CONFIRMED")
    event.add("status", status)
    if activity.recurrence == Recurrence.WEEKLY and activity.recurrence_until:
        until = datetime.datetime.combine(
            activity.recurrence_until, datetime.time(23, 59, 59), tzinfo=datetime.UTC
        )
        event.add("rrule", vRecur(freq="WEEKLY", until=until))
    return event


def calendar_bytes(activities, request, lang: str, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Verso//events//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for activity in activities:
        calendar.add_component(_ical_event(activity, request, lang))
    return calendar.to_ical()


def poster_pdf(activity, request, lang: str) -> bytes:
    from weasyprint import HTML

    url = activity_url(activity, request, lang)
    with translation.override(lang):
        html = render_to_string(
            "events/poster.html",
            {
                "activity": activity,
                "title": activity.localized("title", lang),
                "description": activity.localized("description", lang),
                "url": url,
                "qr": qr_data_uri(url, scale=10),
                "now": timezone.now(),
            },
        )
    from weasyprint.urls import URLFetcher

    # The poster is self-contained: it loads only data: URLs, nothing from the network or disk.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()
