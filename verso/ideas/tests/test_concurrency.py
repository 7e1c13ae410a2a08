"""Supports under concurrency, with real threads on a real database (file SQLite or
PostgreSQL): one support per person, never double-counted."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from conftest import build_world
from verso.ideas import services
from verso.ideas.models import IdeaSupport
from verso.ideas.tests.factories import make_idea
from verso.networks.models import Person

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


def test_the_same_person_supporting_from_ten_threads_is_counted_once():
    world = build_world()
    idea, _token = make_idea(world)
    person = Person.objects.get(user=world.professional)

    results = run_in_threads(
        10, lambda i: services.idea_support(actor=world.professional, idea=idea, person=person)
    )
    successes = [r for r in results if isinstance(r, IdeaSupport)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(successes) == 1, results
    assert len(refusals) == 9, results
    assert IdeaSupport.objects.filter(idea=idea).count() == 1


def test_different_people_supporting_at_once_are_each_counted():
    world = build_world()
    idea, _token = make_idea(world)
    people = [Person.objects.create(display_name=f"Supporter {i}") for i in range(8)]

    results = run_in_threads(
        8, lambda i: services.idea_support(actor=None, idea=idea, person=people[i])
    )
    assert all(isinstance(r, IdeaSupport) for r in results), results
    assert IdeaSupport.objects.filter(idea=idea).count() == 8


def test_support_and_withdrawal_racing_leave_at_most_one_support():
    world = build_world()
    idea, _token = make_idea(world)
    person = Person.objects.get(user=world.group)

    def act(i):
        if i % 2:
            return services.idea_unsupport(actor=world.group, idea=idea, person=person)
        return services.idea_support(actor=world.group, idea=idea, person=person)

    results = run_in_threads(8, act)
    assert not [r for r in results if not isinstance(r, (IdeaSupport, bool, ValidationError))]
    assert IdeaSupport.objects.filter(idea=idea, person=person).count() <= 1
