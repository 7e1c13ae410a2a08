"""Validated instruments: the import of a definition file (JSON or YAML, checked against
``instrument.schema.json``), scoring and the pre/post pairing code.

A malformed file gives a report of every problem with its place in the file, and nothing
is imported. An imported instrument is never changed (see ``Instrument.save``)."""

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.evaluation.models import Instrument

SCHEMA_PATH = Path(__file__).with_name("instrument.schema.json")
SAMPLE_PATH = Path(__file__).parent / "instruments" / "verso-sample-belonging.yaml"
MAX_BYTES = 256 * 1024
LANGS = ("fi", "sv", "en")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


@dataclass(frozen=True)
class Problem:
    place: str  # a JSON pointer into the file, "/" for the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class InstrumentFileError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _pointer(path) -> str:
    return "/" + "/".join(str(p) for p in path) if path else "/"


def _message(error) -> str:
    """A translated message for a JSON Schema error."""
    v, value = error.validator, error.validator_value
    if v == "required":
        missing = [name for name in value if name not in (error.instance or {})]
        return _("“%(name)s” is missing.") % {"name": ", ".join(missing)}
    if v == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return _("“%(name)s” is not allowed here.") % {"name": ", ".join(extra)}
    if v == "type":
        return _("This should be of type %(type)s.") % {"type": value}
    if v == "minLength":
        return _("This should not be empty.") if value == 1 else _("This is too short.")
    if v == "maxLength":
        return _("This is longer than %(n)s characters.") % {"n": value}
    if v == "minItems":
        return _("This should have at least %(n)s entries.") % {"n": value}
    if v == "maxItems":
        return _("This should have at most %(n)s entries.") % {"n": value}
    if v == "minimum":
        return _("This should be at least %(n)s.") % {"n": value}
    if v == "maximum":
        return _("This should be at most %(n)s.") % {"n": value}
    if v == "pattern":
        return _("This has characters that are not allowed (lowercase letters, digits, -).")
    if v == "const":
        return _("This should be “%(value)s”.") % {"value": value}
    return error.message


def parse(content: bytes | str, filename: str = "") -> dict:
    """The file's data, or InstrumentFileError for a file that is not JSON or YAML."""
    import yaml

    if isinstance(content, bytes):
        if len(content) > MAX_BYTES:
            raise InstrumentFileError(
                [Problem("/", _("The file is larger than %(n)s kB.") % {"n": MAX_BYTES // 1024})]
            )
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError:
            raise InstrumentFileError([Problem("/", _("The file is not UTF-8 text."))]) from None
    try:
        if filename.lower().endswith(".json"):
            data = json.loads(content)
        else:
            data = yaml.safe_load(content)
    except json.JSONDecodeError as error:
        raise InstrumentFileError(
            [
                Problem(
                    f"line {error.lineno}, column {error.colno}",
                    _("The file is not valid JSON: %(msg)s.") % {"msg": error.msg},
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "/"
        raise InstrumentFileError(
            [
                Problem(
                    place,
                    _("The file is not valid YAML: %(msg)s.")
                    % {"msg": getattr(error, "problem", "") or error},
                )
            ]
        ) from None
    if not isinstance(data, dict):
        raise InstrumentFileError([Problem("/", _("The file should hold one object (a mapping)."))])
    return data


def check(data: dict) -> list[Problem]:
    """Every problem of the definition: the schema's, then those a schema cannot say."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    problems = [
        Problem(_pointer(e.absolute_path), _message(e))
        for e in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]
    scale = data.get("scale") if isinstance(data.get("scale"), dict) else {}
    points = scale.get("points")
    labels = scale.get("labels") if isinstance(scale.get("labels"), dict) else {}
    if isinstance(points, int):
        for lang in LANGS:
            got = labels.get(lang)
            if isinstance(got, list) and len(got) != points:
                problems.append(
                    Problem(
                        f"/scale/labels/{lang}",
                        _("There are %(got)s labels for %(points)s scale points.")
                        % {"got": len(got), "points": points},
                    )
                )
    items = data.get("items") if isinstance(data.get("items"), list) else []
    seen: set[str] = set()
    for i, item in enumerate(items):
        key = item.get("key") if isinstance(item, dict) else None
        if isinstance(key, str):
            if key in seen:
                problems.append(
                    Problem(
                        f"/items/{i}/key", _("The item key “%(key)s” is used twice.") % {"key": key}
                    )
                )
            seen.add(key)
    scoring = data.get("scoring") if isinstance(data.get("scoring"), dict) else {}
    min_items = scoring.get("min_items")
    if isinstance(min_items, int) and items and min_items > len(items):
        problems.append(
            Problem(
                "/scoring/min_items",
                _("The minimum (%(n)s) is more than the %(items)s items.")
                % {"n": min_items, "items": len(items)},
            )
        )
    if (
        not problems
        and Instrument.objects.filter(key=data["key"], version=data["version"]).exists()
    ):
        problems.append(
            Problem(
                "/version",
                _("Version %(version)s of “%(key)s” is already imported: give a new version.")
                % {"version": data["version"], "key": data["key"]},
            )
        )
    return problems


def import_instrument(*, actor, content: bytes | str, filename: str = "") -> Instrument:
    """Import a definition file; InstrumentFileError lists every problem, nothing stored."""
    data = parse(content, filename)
    problems = check(data)
    if problems:
        raise InstrumentFileError(problems)
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    try:
        with transaction.atomic():
            instrument = Instrument.objects.create(
                key=data["key"],
                version=data["version"],
                title=data["title"],
                description=data.get("description", {}),
                scale_points=data["scale"]["points"],
                scale_labels=data["scale"]["labels"],
                items=[
                    {"key": i["key"], "text": i["text"], "reverse": bool(i.get("reverse", False))}
                    for i in data["items"]
                ],
                scoring=data["scoring"]["rule"],
                min_items=data["scoring"]["min_items"],
                source=data["source"],
                licence=data["licence"],
                digest=hashlib.sha256(raw).hexdigest(),
                imported_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            audit_record(
                actor=actor,
                action="instrument.import",
                target=instrument,
                summary=f"{instrument.key} {instrument.version}",
            )
    except IntegrityError:
        raise InstrumentFileError(
            [Problem("/version", _("This version is already imported: give a new version."))]
        ) from None
    return instrument


def score(instrument: Instrument, values: dict) -> tuple[int, float | None]:
    """(items answered, score 0–100 or None when fewer than the minimum are answered)."""
    points = instrument.scale_points
    answered = []
    for item in instrument.items:
        value = values.get(item["key"])
        if value is None:
            continue
        answered.append(points + 1 - value if item.get("reverse") else value)
    if len(answered) < instrument.min_items:
        return len(answered), None
    mean = sum(answered) / len(answered)
    return len(answered), round((mean - 1) / (points - 1) * 100, 2)


def new_pair_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(code: str) -> str:
    return "".join(c for c in (code or "").upper() if c.isalnum())


def pair_digest(measurement_id: int, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    message = f"{measurement_id}:{normalise_code(code)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
