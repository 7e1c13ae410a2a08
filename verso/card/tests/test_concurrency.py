"""Quotas under concurrency, with real threads on a real database (file SQLite or
PostgreSQL): twenty providers' clicks race for the last place of the day."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from conftest import build_world
from verso.card import redemption
from verso.card.choices import AgeGroup, LifeSituation
from verso.card.models import CardUse, QuotaCounter
from verso.card.tests.factories import card_world

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


def test_twenty_threads_race_for_the_last_place_and_exactly_one_wins():
    world = build_world()
    cw = card_world(world)
    # One place of the quota of two is already taken today.
    redemption.card_redeem(
        actor=world.group, provider=cw.provider, code=cw.code, offering=cw.quota_offering
    )
    cards = [
        redemption.card_issue(
            actor=world.professional,
            scheme=cw.scheme,
            unit=cw.unit,
            age_group=AgeGroup.FROM_45,
            life_situation=LifeSituation.RETIRED,
        )
        for _ in range(20)
    ]

    results = run_in_threads(
        20,
        lambda i: redemption.card_redeem(
            actor=world.group,
            provider=cw.provider,
            code=cards[i].code,
            offering=cw.quota_offering,
        ),
    )
    wins = [r for r in results if isinstance(r, tuple)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(wins) == 1, results
    assert len(refusals) == 19, results
    assert all(set(r.message_dict) == {"offering"} for r in refusals)  # the quota is full
    assert CardUse.objects.filter(offering=cw.quota_offering).count() == 2
    assert QuotaCounter.objects.get(offering=cw.quota_offering).taken == 2


def test_the_same_redemption_sent_by_eight_threads_is_recorded_once():
    world = build_world()
    cw = card_world(world)
    results = run_in_threads(
        8,
        lambda i: redemption.card_redeem(
            actor=world.group,
            provider=cw.provider,
            code=cw.code,
            offering=cw.quota_offering,
            idempotency_key="lost-answer-1",
        ),
    )
    uses = {r[0].pk for r in results if isinstance(r, tuple)}
    assert len(uses) == 1, results
    assert CardUse.objects.count() == 1
    assert QuotaCounter.objects.get(offering=cw.quota_offering).taken == 1


def test_two_administrators_ending_each_others_roles_at_once_leave_one():
    """The scheme's row is locked: the second removal sees the first and is refused."""
    from verso.card import services
    from verso.card.choices import StaffRole
    from verso.card.models import Staff

    world = build_world()
    scheme = card_world(world).scheme
    first, second = (
        services.staff_add(
            actor=world.coordinator, scheme=scheme, user=user, organisation=None, role="admin"
        )
        for user in (world.client, world.outsider)
    )
    pairs = [(world.client, second), (world.outsider, first)]
    results = run_in_threads(
        2, lambda i: services.staff_remove(actor=pairs[i][0], staff=pairs[i][1])
    )
    assert sorted(type(r).__name__ for r in results) == ["NoneType", "ValidationError"]
    assert Staff.objects.filter(scheme=scheme, role=StaffRole.ADMIN).count() == 1
