import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from verso.core.audit_labels import ACTION_LABELS
from verso.networks.choices import Competence, Role
from verso.networks.models import Person
from verso.privacy.models import Consent, Method, Purpose

ROLE_LABELS = dict(Role.choices)
LABELS = {**dict(Competence.choices), **dict(Purpose.choices), **dict(Method.choices)}


def person_consents(person: Person) -> list[dict]:
    """Each purpose with the person's active consent, if any."""
    active = {
        c.purpose: c
        for c in Consent.objects.filter(person=person, withdrawn_at__isnull=True).select_related(
            "notice"
        )
    }
    return [{"purpose": p.value, "label": p.label, "consent": active.get(p.value)} for p in Purpose]


def person_for_account(user) -> Person | None:
    return Person.objects.filter(user=user).first()


SECTION_LABELS = {
    "account": _("Account"),
    "person": _("Person"),
    "memberships": _("Memberships and roles"),
    "consents": _("Consents"),
    "audit_entries": _("Audit trail entries about you or by you"),
    "api_tokens": _("API tokens"),
    "sessions": _("Active sessions"),
    "two_factor_devices": _("Two-factor devices"),
    "login_failures": _("Failed logins"),
}


FIELD_LABELS = {
    "display_name": _("Name"),
    "email": _("E-mail address"),
    "phone": _("Phone number"),
    "competences": _("Competence areas"),
    "competence_tags": _("Other competences"),
    "created_at": _("Created"),
    "network": _("Network"),
    "organisation": _("Organisation"),
    "starts_on": _("Since"),
    "ends_on": _("Until"),
    "roles": _("Roles"),
    "purpose": _("Purpose"),
    "notice_version": _("Privacy notice version"),
    "method": _("How"),
    "given_at": _("Given"),
    "withdrawn_at": _("Withdrawn"),
    "when": _("When"),
    "action": _("What"),
    "summary": _("Target"),
    "by_you": _("By you"),
    "date_joined": _("Joined"),
    "last_login": _("Last login"),
    "is_active": _("Active"),
    "language": _("Language"),  # --- followups ---
    "name": _("Name"),
    "last_used_at": _("Last used"),
    "revoked_at": _("Revoked"),
    "expires": _("Expires"),
    "confirmed": _("Confirmed"),
    "ip_address": _("Address"),
    "path": _("Page"),
}


def _field_label(key: str) -> str:
    return str(FIELD_LABELS.get(key, key.replace("_", " ").capitalize()))


def export_sections(data: dict) -> list[dict]:
    """The export as readable sections: a dict becomes a list of fields, a list a table."""
    sections = []
    for key, value in data.items():
        if key in ("exported_at", "person_id"):
            continue
        section = {"key": key, "label": SECTION_LABELS.get(key, key.replace("_", " ").capitalize())}
        if isinstance(value, dict):
            section["fields"] = [(_field_label(k), _plain(v)) for k, v in value.items()]
        else:
            rows = value or []
            columns = list(rows[0].keys()) if rows else []
            section["columns"] = [_field_label(c) for c in columns]
            section["rows"] = [
                [
                    str(ACTION_LABELS.get(row[c], row[c])) if c == "action" else _plain(row.get(c))
                    for c in columns
                ]
                for row in rows
            ]
        sections.append(section)
    return sections


def _plain(value) -> str:
    """A value of the export as a person would read it."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return "; ".join(_plain_item(item) for item in value)
    if isinstance(value, dict):
        return _plain_item(value)
    if isinstance(value, str):
        return _plain_text(value)
    return str(value)


def _plain_item(item) -> str:
    if isinstance(item, dict):
        if "role" in item:
            label = ROLE_LABELS.get(item["role"], item["role"])
            since = _plain_text(item.get("starts_on") or "")
            until = _plain_text(item["ends_on"]) if item.get("ends_on") else ""
            return f"{label} ({since}–{until})"
        return ", ".join(f"{k}: {_plain(v)}" for k, v in item.items())
    return _plain_text(str(item))


def _plain_text(value: str) -> str:
    """ISO dates and times become local, readable dates; other text stays as it is."""
    try:
        if "T" in value:
            moment = datetime.datetime.fromisoformat(value)
            return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    except ValueError:
        pass
    return str(LABELS.get(value, value))
