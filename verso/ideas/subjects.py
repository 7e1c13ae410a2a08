"""What the ideas app holds about a person, for verso.privacy: export, erasure, retention."""

import datetime

from django.conf import settings
from django.db.models import Q

from verso.ideas.models import Idea, IdeaCall, IdeaComment, IdeaStatus, IdeaSupport
from verso.networks.models import Person
from verso.privacy import registry

FINAL = (IdeaStatus.TAKEN_INTO_PLAN, IdeaStatus.MERGED, IdeaStatus.NOT_NOW)


def _dt(value):
    return value.isoformat() if value else None


def _scrub(text: str, needles: list[str], replacement: str) -> str:
    lowered = text.lower()
    for needle in needles:
        start = lowered.find(needle.lower())
        while start != -1:
            text = text[:start] + replacement + text[start + len(needle) :]
            lowered = text.lower()
            start = lowered.find(needle.lower(), start + len(replacement))
    return text


def _ideas_of(person: Person):
    q = Q(proposer=person)
    if person.user_id:
        q |= Q(entered_by_id=person.user_id)
    return Idea.objects.filter(q).select_related("network", "call").order_by("created_at", "pk")


def export_ideas(person: Person) -> dict:
    data: dict = {
        "ideas": [
            {
                "network": i.network.name,
                "call": i.call.title if i.call else None,
                "text": i.text,
                "name_given": i.proposer_name,
                "photo": bool(i.photo),
                "photo_alt": i.photo_alt,
                "proposed_by_you": i.proposer_id == person.pk,
                "entered_by_you": bool(person.user_id) and i.entered_by_id == person.user_id,
                "status": i.status,
                "answer": i.status_reason,
                "created_at": _dt(i.created_at),
            }
            for i in _ideas_of(person)
        ],
        "idea_supports": [
            {"idea": s.idea_id, "created_at": _dt(s.created_at)}
            for s in IdeaSupport.objects.filter(person=person).order_by("created_at", "pk")
        ],
        "idea_comments": [
            {"idea": c.idea_id, "text": c.text, "created_at": _dt(c.created_at)}
            for c in IdeaComment.objects.filter(author=person).order_by("created_at", "pk")
        ],
    }
    if person.user_id:
        data["idea_calls"] = [
            {"network_id": c.network_id, "title": c.title, "created_at": _dt(c.created_at)}
            for c in IdeaCall.objects.filter(created_by_id=person.user_id).order_by("created_at")
        ]
    return data


def erase_ideas(person: Person, context: dict) -> None:
    """Ideas and comments stay as the network's history, without the person: the name
    given, the link to them and their photo go; their name is scrubbed from the text."""
    needles, replacement = context["needles"], context["replacement"]
    for idea in _ideas_of(person):
        if idea.proposer_id == person.pk:
            idea.proposer = None
            idea.proposer_name = ""
            if idea.photo:
                idea.photo.delete(save=False)
                idea.photo = ""
                idea.photo_alt = ""
        if person.user_id and idea.entered_by_id == person.user_id:
            idea.entered_by = None
        idea.text = _scrub(idea.text, needles, replacement)
        idea.save()
    IdeaSupport.objects.filter(person=person).delete()
    for comment in IdeaComment.objects.filter(author=person):
        comment.author = None
        comment.text = _scrub(comment.text, needles, replacement)
        comment.save(update_fields=["author", "text", "updated_at"])
    if person.user_id:
        IdeaCall.objects.filter(created_by_id=person.user_id).update(created_by=None)
    # Names written by others about the person, in ideas and comments of any network.
    for needle in needles:
        for idea in Idea.objects.filter(
            Q(text__icontains=needle) | Q(proposer_name__icontains=needle)
        ):
            idea.text = _scrub(idea.text, needles, replacement)
            idea.proposer_name = _scrub(idea.proposer_name, needles, replacement)
            idea.save(update_fields=["text", "proposer_name", "updated_at"])
        for comment in IdeaComment.objects.filter(text__icontains=needle):
            comment.text = _scrub(comment.text, needles, replacement)
            comment.save(update_fields=["text", "updated_at"])


def idea_contacts_after_answer(now: datetime.datetime, dry_run: bool) -> int:
    """Contact details of idea proposers without an account or membership are cleared
    RETENTION_IDEA_CONTACT_DAYS after their idea got its final answer: they were kept to
    tell them what became of it."""
    from verso.privacy.models import Purpose
    from verso.privacy.services import consent_withdraw

    days = getattr(settings, "RETENTION_IDEA_CONTACT_DAYS", 365)
    cutoff = now - datetime.timedelta(days=days)
    people = (
        Person.objects.filter(user__isnull=True, memberships__isnull=True)
        .filter(Q(email__gt="") | Q(phone__gt=""))
        .filter(ideas_proposed__status__in=FINAL, ideas_proposed__status_changed_at__lt=cutoff)
        .exclude(ideas_proposed__status__in=[IdeaStatus.NEW, IdeaStatus.UNDER_DISCUSSION])
        .distinct()
    )
    count = 0
    for person in people:
        count += 1
        if not dry_run:
            consent_withdraw(actor=None, person=person, purpose=Purpose.CONTACT_DETAILS)
            if person.email or person.phone:  # no consent record: clear them all the same
                person.email = person.phone = ""
                person.save(update_fields=["email", "phone", "updated_at"])
    return count


def register() -> None:
    registry.register_exporter(export_ideas)
    registry.register_eraser(erase_ideas)
    registry.register_retention_rule("idea_contacts", idea_contacts_after_answer)
