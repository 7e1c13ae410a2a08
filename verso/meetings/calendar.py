"""iCalendar: one meeting as an attachment, and the private feeds (Europe/Helsinki)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from verso.meetings.models import ActionItem, Meeting

PRODID = "-//Verso//Meetings//FI"


def _calendar(name: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _local(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(ZoneInfo(settings.TIME_ZONE))


def meeting_event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@verso")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", _local(meeting.starts_at))
    event.add("dtend", _local(meeting.ends_at))
    event.add("summary", meeting.title)
    location = ", ".join(x for x in (meeting.place, meeting.online_url) if x)
    if location:
        event["location"] = vText(location)
    if meeting.online_url:
        event.add("url", meeting.online_url)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    return event


def item_event(item: ActionItem) -> Event:
    event = Event()
    event.add("uid", f"action-{item.pk}@verso")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", item.due_on)
    event.add("dtend", item.due_on + datetime.timedelta(days=1))
    event.add("summary", item.title)
    return event


def meeting_ics(meeting: Meeting) -> str:
    cal = _calendar()
    cal.add("method", "PUBLISH")
    cal.add_component(meeting_event(meeting))
    cal.add_missing_timezones()
    return cal.to_ical().decode()


def feed_ics(name: str, meetings, items=()) -> bytes:
    cal = _calendar(name)
    for meeting in meetings:
        cal.add_component(meeting_event(meeting))
    for item in items:
        cal.add_component(item_event(item))
    cal.add_missing_timezones()
    return cal.to_ical()
