"""The audit trail: one function that services call inside their transaction."""

from typing import Any

from django.db import models

from verso.core.models import AuditEntry


def audit_record(
    *,
    actor: Any,
    action: str,
    network: Any = None,
    target: models.Model | None = None,
    summary: str = "",
    changes: dict | None = None,
    target_type: str = "",
    target_id: str = "",
) -> AuditEntry:
    """Write one entry. ``target`` names the object; ``target_type`` and ``target_id`` name
    one that may not exist (a refused look-up of an id)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        network=network,
        action=action,
        target_type=target._meta.label_lower if target is not None else target_type[:64],
        target_id=str(target.pk) if target is not None else str(target_id)[:64],
        summary=summary[:300],
        changes=changes or {},
    )
