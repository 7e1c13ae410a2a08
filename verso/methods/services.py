"""Writing the methods library: validate, write, audit. Views and the API call only these."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.methods.models import (
    LANGUAGES,
    LINK_MAX,
    LINKS_MAX,
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    Kind,
    Language,
    Method,
    MethodUse,
)
from verso.networks.choices import Competence, TargetGroup

FIELDS = (
    "language",
    "name",
    "description",
    "translations",
    "kind",
    "competence",
    "competence_notes",
    "materials",
    "safety",
    "target_groups",
    "duration_minutes",
    "evidence_links",
)
DURATION_MAX = 10080  # a week, in minutes
_url = URLValidator(schemes=["http", "https"])


def link_problem(link) -> str:
    """Why ``link`` is not a link to evidence, or ""."""
    if not isinstance(link, str) or not link.strip():
        return _("Links to evidence: each line must be a web address.")
    link = link.strip()
    if len(link) > LINK_MAX:
        return _("Links to evidence: a link may have at most %(n)s characters.") % {"n": LINK_MAX}
    if not link.lower().startswith(("http://", "https://")):
        return _("Links to evidence: “%(link)s” does not start with http:// or https://.") % {
            "link": link[:80]
        }
    try:
        _url(link)
    except ValidationError:
        return _("Links to evidence: “%(link)s” is not a valid web address.") % {"link": link[:80]}
    return ""


def _text(errors, data, field, label, limit, *, required=False) -> str:
    value = data.get(field, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[field] = _("%(field)s must be text.") % {"field": label}
        return ""
    value = value.strip()
    if required and not value:
        errors[field] = _("%(field)s is required.") % {"field": label}
    elif len(value) > limit:
        errors[field] = _("%(field)s may have at most %(n)s characters.") % {
            "field": label,
            "n": limit,
        }
    return value


def method_clean(data: dict, *, instance: Method | None = None) -> dict:
    """The method's fields, checked; a ValidationError names every wrong field."""
    errors: dict[str, str] = {}
    clean: dict = {}
    language = data.get("language") or Language.FI
    if language not in Language.values:
        errors["language"] = _("Written in: choose Finnish, Swedish or English.")
        language = Language.FI
    clean["language"] = language
    clean["name"] = _text(errors, data, "name", _("Name"), NAME_MAX, required=True)
    clean["description"] = _text(
        errors, data, "description", _("Description"), TEXT_MAX, required=True
    )
    translations = data.get("translations") or {}
    clean["translations"] = {}
    if not isinstance(translations, dict):
        errors["translations"] = _("Other languages must be an object by language.")
    else:
        for lang, texts in translations.items():
            if lang not in LANGUAGES or lang == language or not isinstance(texts, dict):
                errors["translations"] = _(
                    "Other languages: give a name and description in Finnish, Swedish or "
                    "English, other than the language written in."
                )
                continue
            sub: dict[str, str] = {}
            name = _text(sub, texts, "name", _("Name (%(lang)s)") % {"lang": lang}, NAME_MAX)
            text = _text(
                sub,
                texts,
                "description",
                _("Description (%(lang)s)") % {"lang": lang},
                TEXT_MAX,
            )
            for field, message in sub.items():
                errors[f"{field}_{lang}"] = message
            if name or text:
                clean["translations"][lang] = {"name": name, "description": text}
    kind = data.get("kind") or ""
    if kind not in Kind.values:
        errors["kind"] = _("Kind: choose one of the kinds of method.")
    clean["kind"] = kind
    competence = data.get("competence") or ""
    if competence and competence not in Competence.values:
        errors["competence"] = _("Guidance competence needed: choose one of the areas.")
    clean["competence"] = competence
    clean["competence_notes"] = _text(
        errors, data, "competence_notes", _("What the guide needs to know"), 500
    )
    clean["materials"] = _text(errors, data, "materials", _("Materials"), NOTE_MAX)
    clean["safety"] = _text(errors, data, "safety", _("Safety"), NOTE_MAX)
    groups = data.get("target_groups") or []
    if not isinstance(groups, list) or any(g not in TargetGroup.values for g in groups):
        errors["target_groups"] = _("Suitable target groups: choose from the list.")
        groups = []
    clean["target_groups"] = list(dict.fromkeys(groups))
    duration = data.get("duration_minutes")
    if duration in ("", None):
        duration = None
    elif (
        isinstance(duration, bool)
        or not isinstance(duration, int)
        or not 1 <= duration <= DURATION_MAX
    ):
        errors["duration_minutes"] = _("Duration in minutes: a whole number from 1 to %(n)s.") % {
            "n": DURATION_MAX
        }
        duration = None
    clean["duration_minutes"] = duration
    links = data.get("evidence_links") or []
    if not isinstance(links, list):
        errors["evidence_links"] = _("Links to evidence: give a list of web addresses.")
        links = []
    elif len(links) > LINKS_MAX:
        errors["evidence_links"] = _("Links to evidence: at most %(n)s links.") % {"n": LINKS_MAX}
    else:
        for link in links:
            problem = link_problem(link)
            if problem:
                errors["evidence_links"] = problem
                break
    clean["evidence_links"] = [link.strip() for link in links if isinstance(link, str)]
    if "name" not in errors and clean["name"]:
        same = Method.objects.filter(name_key=name_key(clean["name"]))
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            errors["name"] = _("Name: the library already has a method called “%(name)s”.") % {
                "name": clean["name"]
            }
    if errors:
        raise ValidationError(errors)
    return clean


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def search_text_of(fields: dict) -> str:
    parts = [fields["name"], fields["description"], fields.get("materials", "")]
    for texts in (fields.get("translations") or {}).values():
        parts += [texts.get("name", ""), texts.get("description", "")]
    return "\n".join(p for p in parts if p)


def _name_taken(name: str) -> ValidationError:
    return ValidationError(
        {"name": _("Name: the library already has a method called “%(name)s”.") % {"name": name}}
    )


def method_create(*, actor, data: dict, audit: bool = True) -> Method:
    fields = method_clean(data)
    try:
        with transaction.atomic():
            method = Method.objects.create(
                **fields,
                name_key=name_key(fields["name"]),
                search_text=search_text_of(fields),
                created_by=actor,
            )
    except IntegrityError:  # the same name, added at the same moment
        raise _name_taken(fields["name"]) from None
    if audit:
        audit_record(actor=actor, action="method.create", target=method)
    return method


def method_update(*, actor, method: Method, data: dict, audit: bool = True) -> Method:
    fields = method_clean(data, instance=method)
    changes = {
        name: [getattr(method, name), value]
        for name, value in fields.items()
        if getattr(method, name) != value
    }
    for name, value in fields.items():
        setattr(method, name, value)
    method.search_text = search_text_of(fields)
    method.name_key = name_key(fields["name"])
    try:
        with transaction.atomic():
            method.save()
    except IntegrityError:
        raise _name_taken(fields["name"]) from None
    if audit and changes:
        audit_record(
            actor=actor,
            action="method.update",
            target=method,
            changes={k: v for k, v in changes.items() if k in ("name", "kind", "language")},
        )
    return method


def method_data(method: Method) -> dict:
    """The method as the import/export format has it (no one's name: who added it stays in
    this installation)."""
    return {name: getattr(method, name) for name in FIELDS}


@transaction.atomic
def uses_set(*, actor, network, methods, activity=None, meeting=None) -> None:
    """The methods an activity or a training used: exactly ``methods``."""
    target = {"activity": activity} if activity is not None else {"meeting": meeting}
    wanted = {m.pk for m in methods}
    have = set(MethodUse.objects.filter(**target).values_list("method_id", flat=True))
    MethodUse.objects.filter(**target, method_id__in=have - wanted).delete()
    MethodUse.objects.bulk_create(
        [MethodUse(method_id=pk, **target) for pk in sorted(wanted - have)],
        ignore_conflicts=True,
    )
    if wanted != have:
        audit_record(
            actor=actor,
            action="method.uses_set",
            network=network,
            target=activity if activity is not None else meeting,
            changes={"added": sorted(wanted - have), "removed": sorted(have - wanted)},
        )
