"""Deleting what has outlived its purpose. Each rule answers how many rows it changed.

Run daily: ``manage.py retention_run`` (cron or a systemd timer), or enqueue the task
``verso.privacy.tasks.retention_run_task``. Later apps register their own rules (sign-up
contacts 30 days after the activity, idea contacts, …) with ``register_retention_rule``.
"""

import datetime

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q

from verso.core.models import AuditEntry
from verso.networks.models import Membership, Person
from verso.privacy.registry import register_retention_rule, registry


def ended_members_without_account(now: datetime.datetime, dry_run: bool) -> int:
    """People without an account whose last membership ended RETENTION_ENDED_MEMBER_DAYS ago."""
    from verso.privacy.services import person_erase, person_erasure_blockers

    cutoff = now.date() - datetime.timedelta(days=settings.RETENTION_ENDED_MEMBER_DAYS)
    open_membership = Membership.objects.filter(person=OuterRef("pk")).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=cutoff)
    )
    people = (
        Person.objects.filter(user__isnull=True)
        .annotate(last_end=Max("memberships__ends_on"))
        .filter(last_end__isnull=False, last_end__lte=cutoff)
        .exclude(Exists(open_membership))
        .exclude(display_name__startswith="#")  # already anonymised
    )
    count = 0
    for person in people:
        if person_erasure_blockers(person):
            continue
        count += 1
        if not dry_run:
            person_erase(actor=None, person=person, reason="retention")
    return count


def old_audit_entries(now: datetime.datetime, dry_run: bool) -> int:
    old = AuditEntry.objects.filter(
        created_at__lt=now - datetime.timedelta(days=settings.RETENTION_AUDIT_DAYS)
    )
    count = old.count()
    if not dry_run:
        old.delete()
    return count


def old_login_failures(now: datetime.datetime, dry_run: bool) -> int:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    cutoff = now - datetime.timedelta(days=settings.RETENTION_LOGIN_ATTEMPTS_DAYS)
    count = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        rows = model.objects.filter(attempt_time__lt=cutoff)
        count += rows.count()
        if not dry_run:
            rows.delete()
    return count


def register_core_rules() -> None:
    register_retention_rule("ended_members_without_account", ended_members_without_account)
    register_retention_rule("audit_entries", old_audit_entries)
    register_retention_rule("login_failures", old_login_failures)


def retention_run(*, now: datetime.datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    from django.utils import timezone

    now = now or timezone.now()
    return {name: rule(now, dry_run) for name, rule in registry.retention.items()}
