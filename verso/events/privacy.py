"""What the events app holds about a person, for the privacy registry.

- Export: sign-ups (by the person's account or their e-mail or phone) and the works they
  made or are shown in.
- Erasure: a person's coming sign-ups are *cancelled as part of erasure* (not a blocker):
  the person asked to be forgotten, and the freed place goes at once to the first on the
  waiting list. Past sign-ups keep their counts for the evaluation, without contact
  details. Works they made or are shown in are withdrawn and their image deleted.
- Retention: sign-up contacts (name, e-mail, phone, access needs) are removed
  RETENTION_SIGNUP_CONTACT_DAYS after the activity ended.
- Withdrawal of the photo consent unpublishes their works at once.
"""

import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone

from verso.events.models import Signup, SignupStatus, Work, WorkStatus
from verso.networks.models import Person


def _signups_of(person: Person, needles=()):
    """Sign-ups by the person's account, or with their e-mail or phone as the contact.
    ``needles`` are the erased person's former name, e-mail and phone (the core eraser has
    already cleared them from the person)."""
    from verso.events.services import contact_key

    keys = set()
    for value in {person.email, person.phone, *needles}:
        if value and "@" in value:
            keys.add(contact_key(value, ""))
        elif value and sum(c.isdigit() for c in value) >= 5:
            keys.add(contact_key("", value))
    if person.user_id and person.user.email:
        keys.add(contact_key(person.user.email, ""))
    q = Q(person=person)
    if keys:
        q |= Q(contact_key__in=keys)
    return Signup.objects.filter(q).select_related("activity")


def _works_of(person: Person):
    return (
        Work.objects.filter(creator=person) | Work.objects.filter(people_shown=person)
    ).distinct()


def export_events(person: Person) -> dict:
    return {
        "event_signups": [
            {
                "activity": s.activity.title,
                "starts_at": s.activity.starts_at.isoformat(),
                "kind": s.kind,
                "status": s.status,
                "name": s.name,
                "email": s.email,
                "phone": s.phone,
                "group_size": s.group_size,
                "access_needs": s.access_needs,
                "attended": s.attended,
                "created_at": s.created_at.isoformat(),
            }
            for s in _signups_of(person).order_by("created_at")
        ],
        "exhibition_works": [
            {
                "exhibition": w.activity.title,
                "title": w.title,
                "description": w.description,
                "alt_text": w.alt_text,
                "credit": w.credit,
                "credit_text": w.credit_text,
                "status": w.status,
                "you_made_it": w.creator_id == person.pk,
            }
            for w in _works_of(person).select_related("activity")
        ],
    }


def _clear_contact(signup: Signup, now) -> None:
    signup.name = f"#{signup.pk}"
    signup.email = ""
    signup.phone = ""
    signup.contact_key = ""
    signup.access_needs = ""
    signup.idempotency_key = ""
    signup.person = None
    signup.contact_removed_at = now
    signup.save(
        update_fields=[
            "name",
            "email",
            "phone",
            "contact_key",
            "access_needs",
            "idempotency_key",
            "person",
            "contact_removed_at",
            "updated_at",
        ]
    )


def _scrub(text: str, needles, replacement: str) -> str:
    for needle in needles:
        if needle:
            text = text.replace(needle, replacement).replace(needle.lower(), replacement)
    return text


def erase_events(person: Person, context: dict) -> None:
    from verso.events.services import signup_cancel

    now = timezone.now()
    needles, replacement = context["needles"], context["replacement"]
    for signup in _signups_of(person, needles):
        if signup.status != SignupStatus.CANCELLED and signup.activity.ends_at > now:
            signup_cancel(signup=signup, actor=None, notify=False)
        signup.refresh_from_db()
        _clear_contact(signup, now)
    for work in _works_of(person):
        if work.image:
            default_storage.delete(work.image)
        work.status = WorkStatus.WITHDRAWN
        work.image = ""
        if work.creator_id == person.pk:
            work.credit_text = ""
            work.credit = "anonymous"
        for field in ("title", "description", "alt_text", "curation_note", "credit_text"):
            setattr(work, field, _scrub(getattr(work, field), needles, replacement))
        work.save(
            update_fields=[
                "status",
                "image",
                "credit",
                "credit_text",
                "title",
                "description",
                "alt_text",
                "curation_note",
                "updated_at",
            ]
        )
        work.people_shown.remove(person)


def signup_contacts_expired(now: datetime.datetime, dry_run: bool) -> int:
    """Sign-up contacts RETENTION_SIGNUP_CONTACT_DAYS after the activity ended."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_SIGNUP_CONTACT_DAYS)
    rows = Signup.objects.filter(activity__ends_at__lt=cutoff, contact_removed_at__isnull=True)
    count = rows.count()
    if not dry_run:
        for signup in rows:
            _clear_contact(signup, now)
    return count


def withdraw_photos(person: Person) -> None:
    from verso.events.services import works_withdraw_for

    works_withdraw_for(person)


def register() -> None:
    from verso.privacy import registry
    from verso.privacy.models import Purpose
    from verso.privacy.subjects import EXPORT_SECTIONS

    EXPORT_SECTIONS.setdefault("events.Signup", "event_signups")
    EXPORT_SECTIONS.setdefault("events.Work", "exhibition_works")
    registry.register_exporter(export_events)
    registry.register_eraser(erase_events)
    registry.register_withdrawal_handler(Purpose.PHOTOS, withdraw_photos)
    registry.register_retention_rule("signup_contacts", signup_contacts_expired)
