"""Concurrency with real threads on a real database (file SQLite or PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from conftest import build_world
from verso.networks import services
from verso.networks.choices import Role
from verso.networks.models import Membership, MembershipRole, Person

pytestmark = pytest.mark.django_db(transaction=True)


def run_in_threads(n: int, target) -> list:
    barrier = threading.Barrier(n)
    results: list = []
    lock = threading.Lock()

    def worker(i):
        try:
            barrier.wait()
            outcome = target(i)
        except Exception as exc:  # collected and asserted below
            outcome = exc
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_the_same_person_added_by_eight_threads_becomes_a_member_once():
    world = build_world()
    person = Person.objects.create(display_name="Marja")

    results = run_in_threads(
        8,
        lambda i: services.membership_add(
            actor=world.coordinator, network=world.network, person=person, roles=[Role.CLIENT]
        ),
    )
    successes = [r for r in results if isinstance(r, Membership)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(successes) == 1, results
    assert len(refusals) == 7, results
    assert Membership.objects.filter(network=world.network, person=person).count() == 1


def test_simultaneous_handovers_leave_exactly_one_coordinator():
    world = build_world()
    targets = [world.group_membership, world.professional_membership, world.client_membership]

    results = run_in_threads(
        3,
        lambda i: services.network_handover(
            actor=world.coordinator, network=world.network, to=targets[i]
        ),
    )
    assert not [r for r in results if not isinstance(r, (Membership, ValidationError))], results
    current = MembershipRole.objects.filter(
        network=world.network, role=Role.COORDINATOR, ends_on__isnull=True
    )
    assert current.count() == 1
    assert current.get().membership_id in {t.pk for t in targets}
