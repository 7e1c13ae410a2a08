"""Reads of the embedding app: queries shaped here, bounded whatever the data's size."""

from django.db.models import QuerySet

from verso.embedding.models import (
    CommunicationEntry,
    HandoverNote,
    RotationSettings,
    ScoreSnapshot,
    StructureLink,
)
from verso.networks.models import Network

HISTORY_DAYS = 24  # snapshots shown on the checklist page


def score_history(network: Network, limit: int = HISTORY_DAYS) -> list[ScoreSnapshot]:
    rows = list(ScoreSnapshot.objects.filter(network=network).order_by("-on")[:limit])
    rows.reverse()
    return rows


def structure_links(network: Network) -> QuerySet[StructureLink]:
    return StructureLink.objects.filter(network=network)


def communication_list(network: Network) -> QuerySet[CommunicationEntry]:
    return CommunicationEntry.objects.filter(network=network).order_by("-communicated_on", "-id")


def latest_handover_note(network: Network) -> HandoverNote | None:
    return (
        HandoverNote.objects.filter(network=network)
        .select_related("from_person", "to_person")
        .first()
    )


DEFAULT_MAX_RESPONSIBILITIES = 3
DEFAULT_MAX_MONTHS = 36


def rotation_thresholds(network: Network) -> tuple[int, int]:
    """(most responsibilities at once, longest months in one) — the network's own, else the
    installation's defaults (settings ``EMBEDDING_ROTATION_MAX_RESPONSIBILITIES`` and
    ``EMBEDDING_ROTATION_MAX_MONTHS``)."""
    from django.conf import settings

    row = RotationSettings.objects.filter(network=network).first()
    if row:
        return row.max_responsibilities, row.max_months
    return (
        getattr(settings, "EMBEDDING_ROTATION_MAX_RESPONSIBILITIES", DEFAULT_MAX_RESPONSIBILITIES),
        getattr(settings, "EMBEDDING_ROTATION_MAX_MONTHS", DEFAULT_MAX_MONTHS),
    )
