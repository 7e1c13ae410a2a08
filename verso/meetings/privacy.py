"""What meetings hold about a person: exporter, eraser, retention rule (registered in
apps.py)."""

from django.db.models import Q

from verso.meetings.models import (
    ActionItem,
    Attendance,
    CalendarFeed,
    Invitation,
    OutgoingMail,
    PollVote,
)
from verso.networks.models import Person
from verso.privacy import registry


def _dt(value):
    return value.isoformat() if value else None


def export_meetings(person: Person) -> dict:
    invitations = Invitation.objects.filter(Q(person=person) | Q(via=person)).select_related(
        "meeting", "person"
    )
    attendance = Attendance.objects.filter(person=person).select_related("meeting")
    votes = PollVote.objects.filter(person=person).select_related("slot__poll")
    items = ActionItem.objects.filter(owner_person=person)
    mails = OutgoingMail.objects.filter(Q(person=person) | Q(to_email__iexact=person.email or "-"))
    feed = CalendarFeed.objects.filter(user_id=person.user_id).first() if person.user_id else None
    return {
        "meeting_invitations": [
            {
                "meeting": i.meeting.title,
                "starts_at": _dt(i.meeting.starts_at),
                "for": i.person.display_name if i.person_id != person.pk else None,
                "reply": i.reply,
                "note": i.note,
                "language": i.language,
            }
            for i in invitations
        ],
        "meeting_attendance": [
            {"meeting": a.meeting.title, "starts_at": _dt(a.meeting.starts_at)} for a in attendance
        ],
        "time_poll_votes": [
            {"poll": v.slot.poll.title, "slot": _dt(v.slot.starts_at), "answer": v.answer}
            for v in votes
        ],
        "action_items": [
            {"title": i.title, "due_on": str(i.due_on), "status": i.status} for i in items
        ],
        "meeting_mail": [
            {"to": m.to_email, "subject": m.subject, "status": m.status, "sent_at": _dt(m.sent_at)}
            for m in mails
        ],
        "calendar_feed": {"created_at": _dt(feed.created_at)} if feed else {},
    }


def erase_meetings(person: Person, context: dict) -> None:
    """Replies, notes, votes and mails go; attendance stays as a count (the person is taken
    off the row, which then names nobody); items the person owned lose their owner."""
    Invitation.objects.filter(person=person).delete()
    Invitation.objects.filter(via=person).update(via=None)
    PollVote.objects.filter(person=person).delete()
    OutgoingMail.objects.filter(Q(person=person) | Q(to_email__iexact=person.email or "-")).delete()
    Attendance.objects.filter(person=person).update(person=None, guest_name="—")
    ActionItem.objects.filter(owner_person=person).update(owner_person=None)
    if person.user_id:
        CalendarFeed.objects.filter(user_id=person.user_id).delete()


def register() -> None:
    registry.register_exporter(export_meetings)
    registry.register_eraser(erase_meetings)
