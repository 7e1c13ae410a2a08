"""The capacity rule under real threads on a real database (file SQLite or PostgreSQL):
never overbooked, never a lost sign-up, a retry never signs up twice, and a cancellation
race promotes exactly one."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from conftest import build_world
from verso.events import services
from verso.events.models import Signup, SignupStatus
from verso.events.tests.factories import signup, signup_activity

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
        t.join(timeout=120)
    return results


def test_fifty_threads_at_ten_places_give_exactly_ten_confirmed():
    world = build_world()
    act = signup_activity(world, capacity=10, waitlist=15)

    results = run_in_threads(
        50,
        lambda i: services.signup_create(
            activity=act, name=f"Person {i}", email=f"p{i}@test.example"
        )[0],
    )

    signups = [r for r in results if isinstance(r, Signup)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(signups) + len(refusals) == 50, [
        r for r in results if not isinstance(r, (Signup, ValidationError))
    ]
    rows = Signup.objects.filter(activity=act)
    assert rows.filter(status=SignupStatus.CONFIRMED).count() == 10
    assert rows.filter(status=SignupStatus.WAITLISTED).count() == 15
    assert len(refusals) == 25
    assert all(set(r.message_dict) == {"activity"} for r in refusals)  # "full", translated
    assert rows.count() == len(signups)  # every answered sign-up is stored: none lost


def test_the_same_sign_up_retried_by_ten_threads_is_stored_once():
    world = build_world()
    act = signup_activity(world, capacity=10)

    results = run_in_threads(
        10,
        lambda i: services.signup_create(
            activity=act, name="Aino", email="aino@test.example", idempotency_key="retry-1"
        ),
    )

    assert all(isinstance(r, tuple) for r in results), results
    assert len({s.pk for s, _created in results}) == 1
    assert sum(1 for _s, created in results if created) == 1
    assert Signup.objects.filter(activity=act).count() == 1


def test_a_cancellation_race_promotes_exactly_one():
    world = build_world()
    act = signup_activity(world, capacity=1, waitlist=5)
    first = signup(act, 0)
    waiting = [signup(act, n) for n in range(1, 4)]
    assert {w.status for w in waiting} == {SignupStatus.WAITLISTED}

    results = run_in_threads(8, lambda i: services.signup_cancel(signup=first)[1])

    promoted = [s for r in results if isinstance(r, list) for s in r]
    assert len(promoted) == 1, results
    assert promoted[0].pk == waiting[0].pk  # first come, first served
    statuses = dict(Signup.objects.filter(activity=act).values_list("pk", "status"))
    assert statuses[first.pk] == SignupStatus.CANCELLED
    assert list(statuses.values()).count(SignupStatus.CONFIRMED) == 1


def test_two_participants_cancelling_at_once_promote_two_different_people():
    world = build_world()
    act = signup_activity(world, capacity=2, waitlist=5)
    confirmed = [signup(act, 0), signup(act, 1)]
    waiting = [signup(act, n) for n in range(2, 6)]

    results = run_in_threads(2, lambda i: services.signup_cancel(signup=confirmed[i])[1])

    promoted = [s.pk for r in results for s in r]
    assert sorted(promoted) == sorted(w.pk for w in waiting[:2])
    assert Signup.objects.filter(activity=act, status=SignupStatus.CONFIRMED).count() == 2
