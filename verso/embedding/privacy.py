"""What the embedding app holds about a person, for the privacy registry.

- Export: the structure links, checklist confirmations and communication-log entries the
  person's account recorded, and the handover notes they wrote or received.
- Erasure: the account is unlinked from what it recorded; the person is unlinked from the
  handover notes; their name, e-mail and phone are scrubbed from the notes, the
  communication log's "what" and "to whom", the confirmations' notes and the handbook's
  written text.
"""

from django.db.models import Q

from verso.embedding.models import (
    ChecklistConfirmation,
    CommunicationEntry,
    HandbookText,
    HandoverNote,
    StructureLink,
)
from verso.networks.models import Person


def _notes_of(person: Person):
    return HandoverNote.objects.filter(Q(from_person=person) | Q(to_person=person))


def export_embedding(person: Person) -> dict:
    user_id = person.user_id
    records = []
    if user_id:
        records += [
            {
                "kind": "structure_link",
                "title": r.title,
                "url": r.url,
                "on": r.created_at.isoformat(),
            }
            for r in StructureLink.objects.filter(recorded_by_id=user_id)
        ]
        records += [
            {"kind": "confirmation", "item": r.item, "confirmed": r.confirmed, "note": r.note}
            for r in ChecklistConfirmation.objects.filter(confirmed_by_id=user_id)
        ]
        records += [
            {
                "kind": "communication",
                "what": r.what,
                "channel": r.channel,
                "on": r.communicated_on.isoformat(),
                "to_whom": r.audience,
            }
            for r in CommunicationEntry.objects.filter(recorded_by_id=user_id)
        ]
    return {
        "embedding_records": records,
        "handover_notes": [
            {
                "network": n.network.name,
                "written_by_you": n.from_person_id == person.pk,
                "text": n.text,
                "on": n.created_at.isoformat(),
            }
            for n in _notes_of(person).select_related("network")
        ],
    }


def _scrub(text: str, needles, replacement: str) -> str:
    for needle in needles:
        if needle:
            text = text.replace(needle, replacement).replace(needle.lower(), replacement)
    return text


def erase_embedding(person: Person, context: dict) -> None:
    needles = [n for n in context["needles"] if n]
    replacement = context["replacement"]
    user_id = person.user_id
    if user_id:
        StructureLink.objects.filter(recorded_by_id=user_id).update(recorded_by=None)
        ChecklistConfirmation.objects.filter(confirmed_by_id=user_id).update(confirmed_by=None)
        CommunicationEntry.objects.filter(recorded_by_id=user_id).update(recorded_by=None)
    _notes_of(person).filter(from_person=person).update(from_person=None)
    _notes_of(person).filter(to_person=person).update(to_person=None)
    if not needles:
        return
    text_q = Q(pk__in=[])
    for needle in needles:
        text_q |= Q(text__icontains=needle)
    for note in HandoverNote.objects.filter(text_q):
        note.text = _scrub(note.text, needles, replacement)
        note.save(update_fields=["text", "updated_at"])
    for row in HandbookText.objects.filter(text_q):
        row.text = _scrub(row.text, needles, replacement)
        row.save(update_fields=["text", "updated_at"])
    comm_q = Q(pk__in=[])
    for needle in needles:
        comm_q |= Q(what__icontains=needle) | Q(audience__icontains=needle)
    for entry in CommunicationEntry.objects.filter(comm_q):
        entry.what = _scrub(entry.what, needles, replacement)
        entry.audience = _scrub(entry.audience, needles, replacement)
        entry.save(update_fields=["what", "audience", "updated_at"])
    note_q = Q(pk__in=[])
    for needle in needles:
        note_q |= Q(note__icontains=needle)
    for row in ChecklistConfirmation.objects.filter(note_q):
        row.note = _scrub(row.note, needles, replacement)
        row.save(update_fields=["note", "updated_at"])


def register() -> None:
    from verso.privacy import registry
    from verso.privacy.subjects import EXPORT_SECTIONS, NOT_ABOUT_A_SUBJECT

    for label in (
        "embedding.StructureLink",
        "embedding.ChecklistConfirmation",
        "embedding.CommunicationEntry",
    ):
        EXPORT_SECTIONS.setdefault(label, "embedding_records")
    EXPORT_SECTIONS.setdefault("embedding.HandoverNote", "handover_notes")
    NOT_ABOUT_A_SUBJECT.setdefault(
        "embedding.HandbookText",
        "The handbook's written text is the network's; names are scrubbed on erasure.",
    )
    registry.register_exporter(export_embedding)
    registry.register_eraser(erase_embedding)
