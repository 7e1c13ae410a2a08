"""The rights of the data subject: export, erasure and consent."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.networks.models import Person
from verso.privacy.models import Consent, Method, PrivacyNotice, Purpose
from verso.privacy.registry import registry


def privacy_notice_current() -> PrivacyNotice | None:
    return (
        PrivacyNotice.objects.filter(published_on__lte=timezone.localdate())
        .order_by("-version")
        .first()
    )


def person_export(*, actor, person: Person, network=None) -> dict:
    """Everything Verso holds about the person, section by section, as JSON-able data."""
    data: dict = {"exported_at": timezone.now().isoformat(), "person_id": person.pk}
    for exporter in registry.exporters:
        data.update(exporter(person))
    audit_record(
        actor=actor,
        action="person.export",
        network=network,
        target=person,
        summary=f"#{person.pk}",
    )
    return data


def person_erasure_blockers(person: Person) -> list[str]:
    reasons: list[str] = []
    for blocker in registry.blockers:
        reasons += blocker(person)
    return reasons


@transaction.atomic
def person_erase(*, actor, person: Person, network=None, reason: str = "request") -> Person:
    """Remove or anonymise every personal field of the person, or refuse with the reasons."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    reasons = person_erasure_blockers(person)
    if reasons:
        raise ValidationError(reasons)
    needles = [
        v
        for v in {
            person.display_name,
            person.email,
            person.phone,
            person.user.email if person.user else "",
        }
        if v and len(v) >= 2
    ]
    context = {"needles": sorted(needles, key=len, reverse=True), "replacement": f"#{person.pk}"}
    for eraser in registry.erasers:
        eraser(person, context)
    audit_record(
        actor=actor if getattr(actor, "is_active", False) else None,
        action="person.erase",
        network=network,
        target=person,
        summary=f"#{person.pk}",
        changes={"reason": reason},
    )
    return person


def consent_active(person: Person, purpose: str) -> Consent | None:
    return Consent.objects.filter(person=person, purpose=purpose, withdrawn_at__isnull=True).first()


@transaction.atomic
def consent_give(
    *, actor, person: Person, purpose: str, method: str = Method.SELF, network=None
) -> Consent:
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Unknown purpose.")})
    if method not in Method.values:
        raise ValidationError({"method": _("Unknown choice: %(values)s.") % {"values": method}})
    notice = privacy_notice_current()
    if notice is None:
        raise ValidationError(
            _("No privacy notice has been published yet, so consents cannot be recorded.")
        )
    existing = consent_active(person, purpose)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            consent = Consent.objects.create(
                person=person,
                purpose=purpose,
                notice=notice,
                method=method,
                recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
                given_at=timezone.now(),
            )
    except IntegrityError:  # given at the same moment elsewhere
        return consent_active(person, purpose)
    audit_record(
        actor=actor,
        action="consent.give",
        network=network,
        target=person,
        summary=f"#{person.pk}",
        changes={"purpose": purpose, "method": method},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor, person: Person, purpose: str, network=None) -> Consent | None:
    """Withdraw and make it take effect at once: each app's handler for the purpose runs."""
    consent = (
        Consent.objects.select_for_update()
        .filter(person=person, purpose=purpose, withdrawn_at__isnull=True)
        .first()
    )
    if consent is None:
        return None
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    for handler in registry.withdrawal.get(purpose, []):
        handler(person)
    audit_record(
        actor=actor,
        action="consent.withdraw",
        network=network,
        target=person,
        summary=f"#{person.pk}",
        changes={"purpose": purpose},
    )
    return consent
