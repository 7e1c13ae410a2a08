"""Objects for the shared test harness (access matrix, bad input, form fuzzing, browser):
a method in the library and a training in the world's network, made once per world."""

import datetime

from django.utils import timezone

from verso.methods import services
from verso.methods.models import Method

METHOD_DATA = {
    "language": "fi",
    "name": "Luontokuvakävely",
    "description": "Kävellään ja kuvataan kolme asiaa.",
    "translations": {"en": {"name": "Nature photo walk", "description": "Walk and photograph."}},
    "kind": "photography",
    "competence": "creative_nature",
    "materials": "Phones",
    "safety": "Weather-proof clothing.",
    "target_groups": ["young_people", "older_people"],
    "duration_minutes": 90,
    "evidence_links": ["https://example.org/study"],
}


def methods_method(world) -> Method:
    if "_methods_method" not in world.__dict__:
        world.__dict__["_methods_method"] = services.method_create(
            actor=world.coordinator, data=dict(METHOD_DATA)
        )
    return world.__dict__["_methods_method"]


def methods_training(world):
    if "_methods_training" not in world.__dict__:
        from verso.meetings import services as meeting_services

        start = timezone.now() + datetime.timedelta(days=5)
        world.__dict__["_methods_training"] = meeting_services.meeting_create(
            actor=world.coordinator,
            network=world.network,
            title="Guiding a photo walk",
            kind="training",
            mode="in_person",
            place="Library",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            method="Photo walk",
        )
    return world.__dict__["_methods_training"]
