"""Writes to meetings, materials, invitations, replies, attendance, minutes and action items.

Every service runs in one transaction, enforces the invariants, writes the audit entry and
queues its mail with the change (``transaction.on_commit``). Services raise
``ValidationError`` with the field named and a translated message; nothing changes then.
"""

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verso.accounts.language import person_language
from verso.core.audit import audit_record
from verso.meetings.choices import ItemStatus, Kind, MailKind, Mode, Reply
from verso.meetings.models import (
    ActionItem,
    Attendance,
    Decision,
    Invitation,
    Material,
    Meeting,
)
from verso.networks.choices import Competence, Role
from verso.networks.models import Membership, Network, Organisation, Person, current_q

MEETING_FIELDS = (
    "title",
    "kind",
    "mode",
    "place",
    "online_url",
    "starts_at",
    "ends_at",
    "agenda",
    "method",
    "competence",
    "plan",
)
MAX_GUESTS = 200
MAX_DECISIONS = 50


def _clean(instance, exclude: Iterable[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude), validate_constraints=False)


def check_venue(venue) -> None:
    """The place and link a meeting's mode needs; a link only over http(s)."""
    venue.place = (venue.place or "").strip()
    venue.online_url = (venue.online_url or "").strip()
    if venue.kind not in Kind.values:
        raise ValidationError({"kind": _("Choose the kind of meeting.")})
    if venue.mode not in Mode.values:
        raise ValidationError({"mode": _("Choose how the meeting is held.")})
    if venue.online_url:
        parts = urlsplit(venue.online_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValidationError(
                {"online_url": _("The meeting link must be an http:// or https:// address.")}
            )
    if venue.mode in (Mode.ONLINE, Mode.HYBRID) and not venue.online_url:
        raise ValidationError({"online_url": _("An online or hybrid meeting needs a link.")})
    if venue.mode in (Mode.IN_PERSON, Mode.HYBRID) and not venue.place:
        raise ValidationError({"place": _("A meeting in person or hybrid needs a place.")})
    if venue.mode == Mode.IN_PERSON:
        venue.online_url = ""


def _check_meeting(meeting: Meeting) -> None:
    meeting.title = (meeting.title or "").strip()
    check_venue(meeting)
    if meeting.starts_at is None:
        raise ValidationError({"starts_at": _("Give the start time.")})
    if meeting.ends_at is None:
        raise ValidationError({"ends_at": _("Give the end time.")})
    if meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    if meeting.competence and meeting.competence not in Competence.values:
        raise ValidationError({"competence": _("Unknown competence area.")})
    if meeting.kind == Kind.TRAINING:
        meeting.method = (meeting.method or "").strip()
        if not meeting.method and not meeting.competence:
            raise ValidationError(
                {"method": _("A training names the method taught or its competence area.")}
            )
    else:
        meeting.method, meeting.competence = "", ""
    if meeting.plan_id is not None and meeting.plan.network_id != meeting.network_id:
        raise ValidationError({"plan": _("Choose a plan of this network.")})
    _clean(meeting, exclude=["network", "series", "plan"])


@transaction.atomic
def meeting_create(*, actor, network: Network, series=None, **fields) -> Meeting:
    meeting = Meeting(
        network=network, series=series, **{k: v for k, v in fields.items() if k in MEETING_FIELDS}
    )
    meeting.kind = meeting.kind or Kind.WORKSHOP
    _check_meeting(meeting)
    meeting.save()
    audit_record(
        actor=actor, action="meeting.create", network=network, target=meeting, summary=meeting.title
    )
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, **fields) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    changes = {}
    for key, value in fields.items():
        if key in MEETING_FIELDS and getattr(meeting, key) != value:
            changes[key] = str(value or "")
            setattr(meeting, key, value)
    _check_meeting(meeting)
    meeting.save()
    audit_record(
        actor=actor,
        action="meeting.update",
        network=meeting.network,
        target=meeting,
        summary=meeting.title,
        changes=changes,
    )
    return meeting


# Materials ---------------------------------------------------------------------------------

MATERIAL_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".webp", ".csv", ".xlsx")


@transaction.atomic
def material_add(*, actor, meeting: Meeting, title: str, file=None, url: str = "") -> Material:
    title = (title or "").strip()
    url = (url or "").strip()
    if not file and not url:
        raise ValidationError({"url": _("Give a file or a link.")})
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValidationError({"url": _("The link must be an http:// or https:// address.")})
    if file:
        name = (getattr(file, "name", "") or "").lower()
        if not name.endswith(MATERIAL_SUFFIXES):
            raise ValidationError(
                {"file": _("Upload a PDF, an image (PNG, JPEG, WebP), CSV or XLSX file.")}
            )
        if file.size > settings.VERSO_MATERIAL_MAX_BYTES:
            raise ValidationError({"file": _("The file is too large.")})
    material = Material(meeting=meeting, title=title or url or file.name, url=url)
    if file:
        material.file = file
    _clean(material, exclude=["meeting", "file"])
    material.save()
    audit_record(
        actor=actor,
        action="meeting.material_add",
        network=meeting.network,
        target=material,
        summary=material.title,
    )
    return material


# Invitations -------------------------------------------------------------------------------


def network_people(network: Network) -> dict[int, Membership]:
    """Current members of the network by person id."""
    return {
        m.person_id: m
        for m in Membership.objects.filter(current_q(), network=network).select_related(
            "person", "person__user", "organisation"
        )
    }


def _bringer(network: Network, membership: Membership) -> Person | None:
    """The professional with an e-mail address who brings a client of their unit."""
    if membership.organisation_id is None:
        return None
    candidate = (
        Membership.objects.filter(
            current_q(),
            network=network,
            organisation_id=membership.organisation_id,
            roles__role__in=[Role.PROFESSIONAL, Role.UNIT_CONTACT, Role.COORDINATION_GROUP],
            roles__ends_on__isnull=True,
        )
        .exclude(person__email="")
        .exclude(pk=membership.pk)
        .select_related("person")
        .order_by("id")
        .first()
    )
    return candidate.person if candidate else None


def client_ids(network: Network) -> set[int]:
    return set(
        Membership.objects.filter(
            current_q(), network=network, roles__role=Role.CLIENT, roles__ends_on__isnull=True
        ).values_list("person_id", flat=True)
    )


@transaction.atomic
def invite(
    *,
    actor,
    meeting: Meeting,
    people: Iterable[Person] = (),
    organisations: Iterable[Organisation] = (),
    client_units: Iterable[Organisation] = (),
    language: str = "",
) -> list[Invitation]:
    """Invite people, whole organisations (their non-client members in the network) and the
    clients a unit brings. A person without an e-mail address is invited through the
    professional of their unit. Each new invitation is in the language of the invitee's
    account, or in ``language`` (the inviter's choice) for a person without one."""
    from verso.meetings.mail import queue_meeting_mail

    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Unknown language.")})
    # One inviter at a time per meeting: a person is invited (and mailed) once.
    meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
    members = network_people(meeting.network)
    clients = client_ids(meeting.network)
    chosen: dict[int, Organisation | None] = {}
    for person in people:
        if person.pk not in members:
            raise ValidationError(
                {
                    "people": _("%(name)s is not a member of this network.")
                    % {"name": person.display_name}
                }
            )
        chosen.setdefault(person.pk, None)
    for org in organisations:
        found = [m for m in members.values() if m.organisation_id == org.pk]
        found = [m for m in found if m.person_id not in clients]
        if not found:
            raise ValidationError(
                {"organisations": _("%(name)s has no members in this network.") % {"name": org}}
            )
        for m in found:
            chosen.setdefault(m.person_id, org)
    for unit in client_units:
        found = [
            m for m in members.values() if m.organisation_id == unit.pk and m.person_id in clients
        ]
        if not found:
            raise ValidationError(
                {"client_units": _("%(name)s brings no clients to this network.") % {"name": unit}}
            )
        for m in found:
            chosen.setdefault(m.person_id, unit)
    if not chosen:
        raise ValidationError({"people": _("Choose whom to invite.")})
    existing = set(
        Invitation.objects.filter(meeting=meeting, person_id__in=chosen).values_list(
            "person_id", flat=True
        )
    )
    created = []
    for person_id, org in chosen.items():
        if person_id in existing:
            continue
        membership = members[person_id]
        via = None if membership.person.email else _bringer(meeting.network, membership)
        invitation = Invitation.objects.create(
            meeting=meeting,
            person=membership.person,
            organisation=org,
            via=via,
            language=person_language(membership.person, language),
        )
        created.append(invitation)
        queue_meeting_mail(invitation=invitation, kind=MailKind.INVITATION)
    audit_record(
        actor=actor,
        action="meeting.invite",
        network=meeting.network,
        target=meeting,
        summary=meeting.title,
        changes={"invited": len(created)},
    )
    return created


def invitation_for_reply(*, actor, meeting: Meeting, invitation_id=None) -> Invitation:
    """The invitation ``actor`` may answer: their own, or one they were sent for someone
    (``invitation_id``). Anyone else is told they are not invited."""
    person = Person.objects.filter(user=actor).first() if actor.is_authenticated else None
    rows = Invitation.objects.filter(meeting=meeting).select_related("person")
    invitation = None
    if person is not None:
        if invitation_id is not None:
            try:
                invitation = rows.filter(pk=int(invitation_id), via=person).first()
            except (TypeError, ValueError, OverflowError):
                invitation = None
        if invitation is None and invitation_id is None:
            invitation = rows.filter(person=person).first()
    if invitation is None:
        raise ValidationError({"reply": _("You are not invited to this meeting.")})
    return invitation


@transaction.atomic
def reply_set(*, actor, invitation: Invitation, reply: str, note: str = "") -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if reply not in (Reply.YES, Reply.NO, Reply.MAYBE):
        raise ValidationError({"reply": _("Answer yes, no or maybe.")})
    invitation.reply = reply
    invitation.note = (note or "").strip()
    invitation.replied_at = timezone.now()
    _clean(invitation, exclude=["meeting", "person", "organisation", "via"])
    invitation.save(update_fields=["reply", "note", "replied_at", "updated_at"])
    audit_record(
        actor=actor,
        action="meeting.reply",
        network=invitation.meeting.network,
        target=invitation,
        summary=invitation.meeting.title,
        changes={"reply": reply},
    )
    return invitation


# Attendance --------------------------------------------------------------------------------


def _add_training_competence(*, actor, meeting: Meeting, person: Person) -> None:
    from verso.networks.services import person_set_competences

    competences = list(person.competences)
    tags = list(person.competence_tags)
    if meeting.competence and meeting.competence not in competences:
        competences.append(meeting.competence)
    if meeting.method and meeting.method not in tags:
        tags.append(meeting.method)
    if competences != person.competences or tags != person.competence_tags:
        person_set_competences(
            actor=actor,
            person=person,
            network=meeting.network,
            competences=competences,
            competence_tags=tags[:20],
        )


@transaction.atomic
def attendance_set(
    *,
    actor,
    meeting: Meeting,
    people: Iterable[Person] = (),
    guests: Iterable[str] = (),
    unnamed_clients: int = 0,
) -> Meeting:
    """Who came: members (with or without an account), named guests and a count of clients
    who are not recorded by name. A training adds its competence to each member who came."""
    meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            {"people": _("Attendance can be recorded once the meeting has started.")}
        )
    if not isinstance(unnamed_clients, int) or not 0 <= unnamed_clients <= 10_000:
        raise ValidationError(
            {"unnamed_clients": _("Give the number of unnamed clients (0–10000).")}
        )
    members = network_people(meeting.network)
    people = list(dict.fromkeys(people))
    for person in people:
        if person.pk not in members:
            raise ValidationError(
                {
                    "people": _("%(name)s is not a member of this network.")
                    % {"name": person.display_name}
                }
            )
    names = []
    for name in guests:
        name = str(name).strip()
        if not name:
            continue
        if len(name) > 100:
            raise ValidationError({"guests": _("A guest's name can be at most 100 characters.")})
        names.append(name)
    if len(names) > MAX_GUESTS:
        raise ValidationError({"guests": _("Give at most 200 guests.")})
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, person=person, organisation=members[person.pk].organisation)
            for person in people
        ]
        + [Attendance(meeting=meeting, guest_name=name) for name in names]
    )
    meeting.unnamed_clients = unnamed_clients
    meeting.save(update_fields=["unnamed_clients", "updated_at"])
    if meeting.kind == Kind.TRAINING:
        for person in people:
            _add_training_competence(actor=actor, meeting=meeting, person=person)
    audit_record(
        actor=actor,
        action="meeting.attendance",
        network=meeting.network,
        target=meeting,
        summary=meeting.title,
        changes={"people": len(people), "guests": len(names), "unnamed_clients": unnamed_clients},
    )
    return meeting


# Minutes and action items ------------------------------------------------------------------


@transaction.atomic
def minutes_save(*, actor, meeting: Meeting, notes: str, decisions: Iterable[str] = ()) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    texts = [str(t).strip() for t in decisions if str(t).strip()]
    if len(texts) > MAX_DECISIONS:
        raise ValidationError({"decisions": _("Give at most 50 decisions.")})
    for text in texts:
        if len(text) > 1000:
            raise ValidationError({"decisions": _("A decision can be at most 1000 characters.")})
    meeting.notes = (notes or "").strip()
    _clean(meeting, exclude=["network", "series"])
    meeting.save(update_fields=["notes", "updated_at"])
    Decision.objects.filter(meeting=meeting).delete()
    Decision.objects.bulk_create([Decision(meeting=meeting, text=t) for t in texts])
    audit_record(
        actor=actor,
        action="meeting.minutes",
        network=meeting.network,
        target=meeting,
        summary=meeting.title,
        changes={"decisions": len(texts)},
    )
    return meeting


def network_organisation_ids(network: Network) -> set[int]:
    return set(
        Membership.objects.filter(current_q(), network=network, organisation__isnull=False)
        .values_list("organisation_id", flat=True)
        .distinct()
    )


@transaction.atomic
def action_item_create(
    *,
    actor,
    network: Network,
    title: str,
    due_on: datetime.date | None,
    owner_person: Person | None = None,
    owner_organisation: Organisation | None = None,
    meeting: Meeting | None = None,
) -> ActionItem:
    title = (title or "").strip()
    if owner_person is None and owner_organisation is None:
        raise ValidationError({"owner": _("Name who does it: a person or an organisation.")})
    if owner_person is not None and owner_organisation is not None:
        raise ValidationError({"owner": _("Name one owner: a person or an organisation.")})
    if owner_person is not None and owner_person.pk not in network_people(network):
        raise ValidationError({"owner": _("The person is not a member of this network.")})
    if owner_organisation is not None and owner_organisation.pk not in network_organisation_ids(
        network
    ):
        raise ValidationError({"owner": _("The organisation takes no part in this network.")})
    if due_on is None:
        raise ValidationError({"due_on": _("Give the date by which it is done.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date has already passed.")})
    if meeting is not None and meeting.network_id != network.pk:
        raise ValidationError({"meeting": _("Unknown meeting.")})
    item = ActionItem(
        network=network,
        meeting=meeting,
        title=title,
        owner_person=owner_person,
        owner_organisation=owner_organisation,
        due_on=due_on,
    )
    _clean(item, exclude=["network", "meeting", "owner_person", "owner_organisation"])
    item.save()
    audit_record(
        actor=actor, action="action_item.create", network=network, target=item, summary=item.title
    )
    return item


@transaction.atomic
def action_item_set_status(*, actor, item: ActionItem, status: str) -> ActionItem:
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if status not in ItemStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    before = item.status
    item.status = status
    item.done_at = timezone.now() if status == ItemStatus.DONE else None
    item.save(update_fields=["status", "done_at", "updated_at"])
    audit_record(
        actor=actor,
        action="action_item.status",
        network=item.network,
        target=item,
        summary=item.title,
        changes={"status": [before, status]},
    )
    return item
