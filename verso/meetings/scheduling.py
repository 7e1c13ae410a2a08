"""Series with RFC 5545 recurrence rules, and time polls across organisations."""

import datetime
from collections.abc import Iterable

from dateutil.rrule import rrule, rrulestr
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.meetings.choices import Answer, Kind, Mode, PollStatus
from verso.meetings.models import Meeting, MeetingSeries, PollSlot, PollVote, TimePoll
from verso.meetings.services import check_venue, meeting_create
from verso.networks.models import Network, Person

MAX_OCCURRENCES = 60
MAX_SLOTS = 20


def _local_naive(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value).replace(tzinfo=None)


def parse_rule(rule: str, starts_at: datetime.datetime) -> rrule:
    """An RFC 5545 RRULE (with or without the ``RRULE:`` prefix) that ends: by COUNT or
    UNTIL. Times are local (Europe/Helsinki), so a series keeps its hour across DST."""
    text = (rule or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text or "\n" in text or len(text) > 300:
        raise ValidationError(
            {"rrule": _("Give a recurrence rule, such as FREQ=MONTHLY;BYDAY=1TU;COUNT=6.")}
        )
    try:
        parsed = rrulestr(text, dtstart=_local_naive(starts_at), forceset=False)
    except (ValueError, TypeError, OverflowError, KeyError, IndexError):
        raise ValidationError({"rrule": _("The recurrence rule is not valid RFC 5545.")}) from None
    if not isinstance(parsed, rrule):
        raise ValidationError({"rrule": _("The recurrence rule is not valid RFC 5545.")})
    if parsed._count is None and parsed._until is None:
        raise ValidationError({"rrule": _("The recurrence rule never ends: add COUNT or UNTIL.")})
    return parsed


def occurrences(
    rule: str, starts_at: datetime.datetime, exdates: Iterable[datetime.date] = ()
) -> list[datetime.datetime]:
    parsed = parse_rule(rule, starts_at)
    skip = set(exdates)
    found = []
    try:
        for moment in parsed:
            if len(found) > MAX_OCCURRENCES:
                break
            if moment.date() not in skip:
                found.append(timezone.make_aware(moment))
    except (ValueError, OverflowError):
        raise ValidationError({"rrule": _("The recurrence rule is not valid RFC 5545.")}) from None
    if not found:
        raise ValidationError({"rrule": _("The recurrence rule yields no date.")})
    if len(found) > MAX_OCCURRENCES:
        raise ValidationError(
            {"rrule": _("A series can have at most %(n)s meetings.") % {"n": MAX_OCCURRENCES}}
        )
    return found


@transaction.atomic
def series_create(
    *,
    actor,
    network: Network,
    title: str,
    starts_at: datetime.datetime | None,
    rrule: str,
    duration_minutes: int = 120,
    kind: str = Kind.ROUND_TABLE,
    mode: str = Mode.IN_PERSON,
    place: str = "",
    online_url: str = "",
    agenda: str = "",
    exdates: Iterable[datetime.date] = (),
) -> MeetingSeries:
    """A series and one meeting per occurrence (exception dates left out)."""
    if starts_at is None:
        raise ValidationError({"starts_at": _("Give the start time.")})
    if not isinstance(duration_minutes, int) or not 15 <= duration_minutes <= 24 * 60:
        raise ValidationError({"duration_minutes": _("Give the length in minutes (15–1440).")})
    exdates = sorted(set(exdates))
    series = MeetingSeries(
        network=network,
        title=(title or "").strip(),
        starts_at=starts_at,
        rrule=(rrule or "").strip().removeprefix("RRULE:"),
        duration_minutes=duration_minutes,
        kind=kind,
        mode=mode,
        place=place,
        online_url=online_url,
        agenda=(agenda or "").strip(),
        exdates=[d.isoformat() for d in exdates],
    )
    check_venue(series)
    series.full_clean(exclude=["network"], validate_constraints=False)
    moments = occurrences(series.rrule, starts_at, exdates)
    series.save()
    length = datetime.timedelta(minutes=duration_minutes)
    for moment in moments:
        meeting_create(
            actor=actor,
            network=network,
            series=series,
            title=series.title,
            kind=series.kind,
            mode=series.mode,
            place=series.place,
            online_url=series.online_url,
            starts_at=moment,
            ends_at=moment + length,
            agenda=series.agenda,
            method=series.title[:50] if series.kind == Kind.TRAINING else "",
        )
    audit_record(
        actor=actor,
        action="series.create",
        network=network,
        target=series,
        summary=series.title,
        changes={"rrule": series.rrule, "meetings": len(moments)},
    )
    return series


# Time polls --------------------------------------------------------------------------------


@transaction.atomic
def poll_create(
    *,
    actor,
    network: Network,
    title: str,
    slots: Iterable[datetime.datetime],
    duration_minutes: int = 120,
    kind: str = Kind.WORKSHOP,
    mode: str = Mode.IN_PERSON,
    place: str = "",
    online_url: str = "",
) -> TimePoll:
    slots = sorted(set(s for s in slots if s is not None))
    if not slots:
        raise ValidationError({"slots": _("Give at least one time slot.")})
    if len(slots) > MAX_SLOTS:
        raise ValidationError({"slots": _("Give at most 20 time slots.")})
    if slots[0] <= timezone.now():
        raise ValidationError({"slots": _("Every time slot must be in the future.")})
    if not isinstance(duration_minutes, int) or not 15 <= duration_minutes <= 24 * 60:
        raise ValidationError({"duration_minutes": _("Give the length in minutes (15–1440).")})
    poll = TimePoll(
        network=network,
        title=(title or "").strip(),
        duration_minutes=duration_minutes,
        kind=kind,
        mode=mode,
        place=place,
        online_url=online_url,
    )
    check_venue(poll)
    poll.full_clean(exclude=["network", "meeting"], validate_constraints=False)
    poll.save()
    PollSlot.objects.bulk_create([PollSlot(poll=poll, starts_at=s) for s in slots])
    audit_record(
        actor=actor, action="poll.create", network=network, target=poll, summary=poll.title
    )
    return poll


def _locked_open_poll(poll: TimePoll) -> TimePoll:
    poll = TimePoll.objects.select_for_update().get(pk=poll.pk)
    if poll.status != PollStatus.OPEN:
        raise ValidationError({"poll": _("The poll is closed: votes are no longer taken.")})
    return poll


@transaction.atomic
def poll_vote(*, actor, poll: TimePoll, person: Person, answers: dict) -> TimePoll:
    """``answers``: slot id → yes / if_need_be / no. Replaces the person's earlier votes
    on the slots answered."""
    poll = _locked_open_poll(poll)
    slots = {s.pk: s for s in poll.slots.all()}
    if not answers:
        raise ValidationError({"answers": _("Answer at least one time slot.")})
    for slot_id, answer in answers.items():
        if slot_id not in slots:
            raise ValidationError({"answers": _("Unknown time slot.")})
        if answer not in Answer.values:
            raise ValidationError({"answers": _("Answer yes, if need be or no.")})
    for slot_id, answer in answers.items():
        PollVote.objects.update_or_create(
            slot=slots[slot_id], person=person, defaults={"answer": answer}
        )
    audit_record(
        actor=actor,
        action="poll.vote",
        network=poll.network,
        target=poll,
        summary=poll.title,
        changes={"slots": len(answers)},
    )
    return poll


@transaction.atomic
def poll_close(*, actor, poll: TimePoll, slot_id) -> Meeting:
    """Close the poll at the chosen slot: the meeting is made and the voters are told."""
    from verso.meetings.mail import queue_poll_closed_mail

    poll = _locked_open_poll(poll)
    try:
        slot = poll.slots.get(pk=int(slot_id))
    except (PollSlot.DoesNotExist, TypeError, ValueError, OverflowError):
        raise ValidationError({"slot": _("Choose one of the poll's time slots.")}) from None
    meeting = meeting_create(
        actor=actor,
        network=poll.network,
        title=poll.title,
        kind=poll.kind,
        mode=poll.mode,
        place=poll.place,
        online_url=poll.online_url,
        starts_at=slot.starts_at,
        ends_at=slot.starts_at + datetime.timedelta(minutes=poll.duration_minutes),
        method=poll.title[:50] if poll.kind == Kind.TRAINING else "",
    )
    poll.status = PollStatus.CLOSED
    poll.meeting = meeting
    poll.save(update_fields=["status", "meeting", "updated_at"])
    voters = Person.objects.filter(pk__in=PollVote.objects.filter(slot__poll=poll).values("person"))
    for person in voters:
        queue_poll_closed_mail(meeting=meeting, person=person)
    audit_record(
        actor=actor,
        action="poll.close",
        network=poll.network,
        target=poll,
        summary=poll.title,
        changes={"meeting": meeting.pk},
    )
    return meeting
