"""Concurrency with real threads on a real database (file SQLite or PostgreSQL)."""

import pytest
from django.core.exceptions import ValidationError

from conftest import build_world
from verso.methods import services, transfer
from verso.methods.models import Method, MethodUse
from verso.methods.testing import METHOD_DATA, methods_method
from verso.networks.tests.test_concurrency import run_in_threads

pytestmark = pytest.mark.django_db(transaction=True)


def test_six_threads_adding_the_same_name_make_one_method():
    world = build_world()
    names = ["Metsäkylpy", "METSÄKYLPY", "metsäkylpy", "Metsäkylpy", "Metsäkylpy ", "MetsäKylpy"]
    results = run_in_threads(
        6,
        lambda i: services.method_create(
            actor=world.coordinator, data={**METHOD_DATA, "name": names[i]}
        ),
    )
    made = [r for r in results if isinstance(r, Method)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 5, results
    assert all("name" in r.message_dict for r in refused)
    assert Method.objects.count() == 1


def test_two_imports_of_the_same_file_add_each_method_once():
    world = build_world()
    document = {
        "format": "verso-methods",
        "version": 1,
        "methods": [{**METHOD_DATA, "name": f"M{n}"} for n in range(5)],
    }
    results = run_in_threads(
        2, lambda i: transfer.import_document(actor=world.coordinator, raw=document)
    )
    unexpected = [
        r for r in results if isinstance(r, Exception) and not isinstance(r, ValidationError)
    ]
    assert unexpected == []
    assert Method.objects.count() == 5


def test_choosing_the_same_methods_from_four_threads_records_each_use_once():
    from verso.events.testing import events_activity

    world = build_world()
    method = methods_method(world)
    activity = events_activity(world)
    results = run_in_threads(
        4,
        lambda i: services.uses_set(
            actor=world.coordinator, network=world.network, methods=[method], activity=activity
        ),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert MethodUse.objects.filter(activity=activity).count() == 1
