"""Writes of the embedding app: structure links, checklist confirmations, the
communication log, the rotation thresholds, handover notes, the handbook's written text and
the score's history.

Every service runs in one transaction, validates, writes the audit entry and records the
day's score snapshot. A ``ValidationError`` names the field with a translated message;
nothing is stored then.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.embedding.models import (
    CONFIRMABLE,
    HANDBOOK_TEXT_MAX,
    NOTE_MAX,
    ChecklistConfirmation,
    CommunicationEntry,
    HandbookSection,
    HandbookText,
    HandoverNote,
    RotationSettings,
    ScoreSnapshot,
    StructureLink,
)
from verso.networks.models import Network, Person

_http_url = URLValidator(schemes=["http", "https"])


def _clean(instance, exclude=()) -> None:
    instance.full_clean(exclude=list(exclude), validate_constraints=False)


def _text(value, field: str, limit: int, *, required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError(
            {
                field: _("Write at most %(limit)s characters (now %(n)s).")
                % {"limit": limit, "n": len(text)}
            }
        )
    return text


def check_http_url(url: str, field: str = "url") -> str:
    url = str(url or "").strip()
    try:
        _http_url(url)
    except ValidationError:
        raise ValidationError(
            {field: _("Enter a full web address starting with http:// or https://.")}
        ) from None
    return url


def _one_row(model, lookup: dict, defaults: dict | None = None):
    """The row of a unique ``lookup``, locked, made if missing: two requests making it at
    once meet at the unique constraint, and the loser reads the winner's row."""
    for _attempt in range(3):
        row = model.objects.select_for_update().filter(**lookup).first()
        if row is not None:
            return row
        try:
            with transaction.atomic():
                return model.objects.create(**lookup, **(defaults or {}))
        except IntegrityError:
            continue
    return model.objects.select_for_update().get(**lookup)


@transaction.atomic
def score_snapshot_record(network: Network) -> ScoreSnapshot:
    """Today's score of the network: written at each change and by the daily run."""
    from verso.embedding.checklist import network_checklist

    checklist = network_checklist(network)
    snapshot = _one_row(
        ScoreSnapshot, {"network": network, "on": timezone.localdate()}, {"score": 0}
    )
    snapshot.score = checklist.score
    snapshot.items = checklist.as_dict()
    snapshot.save(update_fields=["score", "items"])
    return snapshot


def _after_change(network: Network) -> None:
    transaction.on_commit(lambda: score_snapshot_record(network))


@transaction.atomic
def structure_link_add(*, actor, network: Network, kind: str, title: str, url: str):
    link = StructureLink(
        network=network,
        kind=kind,
        title=_text(title, "title", 200, required=True),
        url=check_http_url(url),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _clean(link)
    link.save()
    audit_record(
        actor=actor,
        action="embedding.link_add",
        network=network,
        target=link,
        summary=link.title,
        changes={"kind": kind, "url": link.url},
    )
    _after_change(network)
    return link


@transaction.atomic
def structure_link_delete(*, actor, link: StructureLink) -> None:
    network = link.network
    audit_record(
        actor=actor,
        action="embedding.link_delete",
        network=network,
        target=link,
        summary=link.title,
    )
    link.delete()
    _after_change(network)


@transaction.atomic
def checklist_confirm(
    *, actor, network: Network, item: str, confirmed: bool, note: str = ""
) -> ChecklistConfirmation:
    if item not in CONFIRMABLE:
        raise ValidationError({"item": _("This item is computed from the data.")})
    note = _text(note, "note", 500)
    row = _one_row(ChecklistConfirmation, {"network": network, "item": item})
    before = row.confirmed
    row.confirmed = bool(confirmed)
    row.note = note
    row.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
    row.save()
    audit_record(
        actor=actor,
        action="embedding.confirm",
        network=network,
        target=row,
        summary=item,
        changes={"confirmed": [before, row.confirmed], "note": note},
    )
    _after_change(network)
    return row


@transaction.atomic
def communication_add(
    *, actor, network: Network, what: str, channel: str, communicated_on, audience: str
) -> CommunicationEntry:
    entry = CommunicationEntry(
        network=network,
        what=_text(what, "what", 300, required=True),
        channel=channel,
        communicated_on=communicated_on,
        audience=_text(audience, "audience", 200, required=True),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if communicated_on and communicated_on > timezone.localdate():
        raise ValidationError(
            {"communicated_on": _("Record what has been communicated, not plans.")}
        )
    _clean(entry)
    entry.save()
    audit_record(
        actor=actor,
        action="embedding.communication_add",
        network=network,
        target=entry,
        summary=entry.what,
        changes={"channel": channel, "on": str(communicated_on)},
    )
    _after_change(network)
    return entry


@transaction.atomic
def communication_delete(*, actor, entry: CommunicationEntry) -> None:
    network = entry.network
    audit_record(
        actor=actor,
        action="embedding.communication_delete",
        network=network,
        target=entry,
        summary=entry.what,
    )
    entry.delete()
    _after_change(network)


@transaction.atomic
def rotation_settings_set(
    *, actor, network: Network, max_responsibilities: int, max_months: int
) -> RotationSettings:
    row = RotationSettings.objects.filter(network=network).first() or RotationSettings(
        network=network
    )
    row.max_responsibilities = max_responsibilities
    row.max_months = max_months
    _clean(row, exclude=["network"])
    row.save()
    audit_record(
        actor=actor,
        action="embedding.rotation_settings",
        network=network,
        target=row,
        changes={"max_responsibilities": max_responsibilities, "max_months": max_months},
    )
    return row


@transaction.atomic
def handover_note_write(
    *, actor, network: Network, text: str, from_person: Person | None, to_person: Person | None
) -> HandoverNote | None:
    """The previous coordinator's note to the next, written at handover."""
    text = _text(text, "note", NOTE_MAX)
    if not text:
        return None
    note = HandoverNote.objects.create(
        network=network, text=text, from_person=from_person, to_person=to_person
    )
    audit_record(
        actor=actor,
        action="embedding.handover_note",
        network=network,
        target=note,
        summary=to_person.display_name if to_person else "",
    )
    return note


@transaction.atomic
def handbook_text_set(*, actor, network: Network, section: str, text: str) -> HandbookText:
    if section not in HandbookSection.values:
        raise ValidationError({"section": _("Choose a section of the handbook.")})
    text = _text(text, "text", HANDBOOK_TEXT_MAX)
    row = _one_row(HandbookText, {"network": network, "section": section})
    row.text = text
    row.save()
    audit_record(
        actor=actor, action="embedding.handbook_text", network=network, target=row, summary=section
    )
    return row
