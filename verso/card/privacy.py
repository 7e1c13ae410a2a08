"""The card's personal data, for the privacy services: export and erasure.

Cards themselves hold no personal data that links to anyone (no name, identity code or
address); what is about a person is their staff roles in schemes, the providers they are
the contact person of, and the terms they accepted for a provider.
"""

from verso.card.models import Provider, Staff
from verso.privacy import registry

SECTION = "card_roles"


def export_card(person) -> dict:
    user = person.user
    rows = []
    if user is not None:
        for staff in Staff.objects.filter(user=user).select_related("scheme", "organisation"):
            rows.append(
                {
                    "kind": "staff",
                    "scheme": staff.scheme.name,
                    "role": staff.role,
                    "organisation": staff.organisation.name if staff.organisation else None,
                    "since": staff.created_at.isoformat(),
                }
            )
        for provider in Provider.objects.filter(accepted_by=user).select_related(
            "scheme", "organisation", "accepted_terms"
        ):
            rows.append(
                {
                    "kind": "accepted_terms",
                    "scheme": provider.scheme.name,
                    "provider": provider.organisation.name,
                    "terms_version": provider.accepted_terms.version
                    if provider.accepted_terms
                    else None,
                    "accepted_at": provider.accepted_at.isoformat()
                    if provider.accepted_at
                    else None,
                }
            )
    for provider in Provider.objects.filter(contact=person).select_related(
        "scheme", "organisation"
    ):
        rows.append(
            {"kind": "contact_person", "scheme": provider.scheme.name, "provider": str(provider)}
        )
    return {SECTION: rows} if rows else {}


def erase_card(person, context: dict) -> None:
    """Roles end; the person is no longer a contact person; an acceptance of terms stays
    (the provider accepted them) without the name of who clicked."""
    user = person.user
    Provider.objects.filter(contact=person).update(contact=None)
    if user is not None:
        Staff.objects.filter(user=user).delete()
        Provider.objects.filter(accepted_by=user).update(accepted_by=None)


def register() -> None:
    registry.register_exporter(export_card)
    registry.register_eraser(erase_card)
