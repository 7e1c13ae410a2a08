"""Import and export of the methods library as JSON (``schema/methods-v1.schema.json``).

Export: all methods or a selection, in the documented format. Import: the whole file is
checked first — against the JSON Schema, then each method as the form checks it, then names
repeated within the file — and every problem is reported with its place in the file
(``methods[2].kind``); if there is any, nothing is imported. Otherwise every method is
written in one transaction. A method whose name the library already has (case does not
matter) is **skipped** by default, or **updated** from the file when the importer asks.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from verso.core.audit import audit_record
from verso.methods import services
from verso.methods.models import Method

SCHEMA_PATH = Path(__file__).with_name("schema") / "methods-v1.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
FORMAT = "verso-methods"
VERSION = 1
MAX_BYTES = 2_000_000
SKIP = "skip"
UPDATE = "update"
ON_DUPLICATE = (SKIP, UPDATE)


@dataclass
class Problem:
    place: str
    message: str


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def export_document(methods) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "methods": [services.method_data(m) for m in methods],
    }


def _place(path) -> str:
    place = ""
    for part in path:
        place += f"[{part}]" if isinstance(part, int) else (f".{part}" if place else str(part))
    return place or _("the file")


def _schema_message(error) -> str:
    v = error.validator
    if v == "required":
        missing = [name for name in error.validator_value if name not in (error.instance or {})]
        return _("Missing field: %(names)s.") % {"names": ", ".join(missing)}
    if v == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return _("Unknown field: %(names)s.") % {"names": ", ".join(map(str, extra))}
    if v == "propertyNames":
        return _("Other languages: use fi, sv or en.")
    if v == "type":
        return _("Wrong type: expected %(type)s.") % {"type": error.validator_value}
    if v in ("enum", "const"):
        allowed = error.validator_value if v == "enum" else [error.validator_value]
        return _("Not an allowed value; use one of: %(values)s.") % {
            "values": ", ".join(json.dumps(a) for a in allowed)
        }
    if v == "maxLength":
        return _("Too long: at most %(n)s characters.") % {"n": error.validator_value}
    if v == "minLength":
        return _("Must not be empty.")
    if v == "maxItems":
        return _("Too many: at most %(n)s.") % {"n": error.validator_value}
    if v == "uniqueItems":
        return _("A value is repeated.")
    if v == "pattern":
        return _("Links to evidence: a link must start with http:// or https://.")
    if v == "oneOf":
        return _("Duration in minutes: a whole number from 1 to %(n)s, or null.") % {
            "n": services.DURATION_MAX
        }
    if v in ("minimum", "maximum"):
        return _("Out of range.")
    return error.message


def parse(raw: bytes | str) -> tuple[dict | None, list[Problem]]:
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            return None, [Problem(_("the file"), _("The file is larger than 2 MB."))]
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None, [Problem(_("the file"), _("The file is not UTF-8 text."))]
    try:
        return json.loads(raw), []
    except json.JSONDecodeError as error:
        return None, [
            Problem(
                _("line %(line)s, column %(col)s") % {"line": error.lineno, "col": error.colno},
                _("Not valid JSON: %(reason)s.") % {"reason": error.msg},
            )
        ]


def check(document) -> list[Problem]:
    """Every problem of the document, each with its place; [] when it may be imported."""
    problems = [
        Problem(_place(error.absolute_path), _schema_message(error))
        for error in sorted(VALIDATOR.iter_errors(document), key=lambda e: list(map(str, e.path)))
    ]
    if problems:
        return problems
    seen: dict[str, int] = {}
    for index, entry in enumerate(document["methods"]):
        try:
            services.method_clean(entry, instance=_existing(entry["name"]))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                where = "evidence_links" if name == "evidence_links" else name
                for message in messages:
                    problems.append(Problem(f"methods[{index}].{where}", message))
        key = services.name_key(entry["name"])
        if key in seen:
            problems.append(
                Problem(
                    f"methods[{index}].name",
                    _("The same name as methods[%(first)s]; a file names each method once.")
                    % {"first": seen[key]},
                )
            )
        else:
            seen[key] = index
    return problems


def _existing(name: str) -> Method | None:
    """The library's method of this name: a duplicate is checked as an update of it, so the
    name-taken check does not count it as a problem."""
    return Method.objects.filter(name_key=services.name_key(name)).first()


def import_document(*, actor, raw, on_duplicate: str = SKIP) -> ImportReport:
    report = ImportReport()
    if on_duplicate not in ON_DUPLICATE:
        report.problems.append(
            Problem("on_duplicate", _("When a name is already in the library: skip or update."))
        )
        return report
    document, problems = (raw, []) if isinstance(raw, dict) else parse(raw)
    problems = problems or check(document)
    if problems:
        report.problems = problems
        return report
    try:
        with transaction.atomic():
            _write(actor, document, on_duplicate, report)
    except ValidationError as error:  # the library changed while the file was imported
        return ImportReport(
            problems=[
                Problem(place, message)
                for place, messages in error.message_dict.items()
                for message in messages
            ]
        )
    return report


def _write(actor, document, on_duplicate, report) -> None:
    for index, entry in enumerate(document["methods"]):
        existing = _existing(entry["name"])
        try:
            if existing is None:
                services.method_create(actor=actor, data=entry, audit=False)
                report.created.append(entry["name"].strip())
            elif on_duplicate == UPDATE:
                report.updated.append(existing.name)
                services.method_update(actor=actor, method=existing, data=entry, audit=False)
            else:
                report.skipped.append(existing.name)
        except ValidationError as error:
            raise ValidationError(
                {f"methods[{index}].{k}": v for k, v in error.message_dict.items()}
            ) from None
    audit_record(
        actor=actor,
        action="method.import",
        target_type="methods.method",
        changes={
            "created": len(report.created),
            "updated": len(report.updated),
            "skipped": len(report.skipped),
        },
    )
