"""What the methods library holds about a person, for the privacy registry.

A method records which account added it (``created_by``): exported with the person's data
(the names of the methods they added) and unlinked on erasure — the method stays in the
library, which is the networks' shared text. The import/export format carries no account.
"""

from verso.methods.models import Method
from verso.networks.models import Person


def _added_by(person: Person):
    if not person.user_id:
        return Method.objects.none()
    return Method.objects.filter(created_by_id=person.user_id)


def export_methods(person: Person) -> dict:
    return {
        "methods_added": [
            {"name": m.name, "kind": m.kind, "created_at": m.created_at.isoformat()}
            for m in _added_by(person).order_by("created_at", "id")
        ]
    }


def erase_methods(person: Person, context: dict) -> None:
    _added_by(person).update(created_by=None)


def register() -> None:
    from verso.privacy import registry
    from verso.privacy.subjects import EXPORT_SECTIONS

    EXPORT_SECTIONS.setdefault("methods.Method", "methods_added")
    registry.register_exporter(export_methods)
    registry.register_eraser(erase_methods)
