"""Bounded queries: a check, a redemption and the statistics cost the same number of
queries with a hundred cards as with thousands (bulk rows stand in for the national
scale of 100,000 cards; the indexes and the query shapes are what keeps it bounded)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from verso.card import codes, redemption, services, stats
from verso.card.models import Card, CardUse
from verso.card.tests.factories import card_world

pytestmark = pytest.mark.django_db


def bulk_cards(cw, n: int, uses_per_card: int = 2) -> None:
    today = timezone.localdate()
    start = Card.objects.count()
    cards = Card.objects.bulk_create(
        Card(
            scheme=cw.scheme,
            unit=cw.unit,
            code_digest=codes.code_digest(f"bulk-{start + i}"),
            link_digest=codes.link_digest(f"bulk-{start + i}"),
            reference=f"B{start + i:09d}",
            age_group=["18_29", "30_44", "45_64"][i % 3],
            life_situation=["unemployed", "student", "retired", "other"][i % 4],
            valid_until=today + datetime.timedelta(days=100),
        )
        for i in range(n)
    )
    CardUse.objects.bulk_create(
        CardUse(
            card=card,
            offering=cw.offering,
            provider=cw.provider,
            used_on=today - datetime.timedelta(days=(i * 7) % 300),
        )
        for i, card in enumerate(cards)
        for _ in range(uses_per_card)
    )


def count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def measure(world, cw, offering):
    check = count_queries(
        lambda: redemption.card_check(actor=world.group, provider=cw.provider, code=cw.code)
    )
    redeem = count_queries(
        lambda: redemption.card_redeem(
            actor=world.group, provider=cw.provider, code=cw.code, offering=offering
        )
    )
    statistics = count_queries(lambda: stats.scheme_statistics(cw.scheme))
    return check, redeem, statistics


def test_check_redeem_and_statistics_take_the_same_queries_at_two_sizes(world):
    cw = card_world(world)
    offering = services.offering_create(
        actor=world.group,
        provider=cw.provider,
        title_fi="Sauna",
        place="P",
        schedule="S",
        daily_quota=1000,
    )
    # The day's first use makes the day's quota row; later ones only raise it.
    redemption.card_redeem(actor=world.group, provider=cw.provider, code=cw.code, offering=offering)
    bulk_cards(cw, 100)
    small = measure(world, cw, offering)
    bulk_cards(cw, 3000)
    large = measure(world, cw, offering)
    assert small == large, (small, large)
    check, redeem, statistics = large
    assert check <= 4  # the card by its digest, the audit entry (in a savepoint)
    assert redeem <= 10
    assert statistics == 6  # one aggregate query per table


@pytest.mark.parametrize("n", [2, 12])
def test_list_pages_have_a_pinned_query_budget(client, world, django_assert_max_num_queries, n):
    cw = card_world(world)
    bulk_cards(cw, n, uses_per_card=1)
    for i in range(n):
        redemption.card_redeem(
            actor=world.group,
            provider=cw.provider,
            code=cw.code,
            offering=cw.offering,
            idempotency_key=f"list-{i}",
        )
    client.force_login(world.group)
    with django_assert_max_num_queries(18):
        assert client.get(reverse("card:redeem", args=[cw.scheme.pk])).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("card:provider", args=[cw.provider.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("card:offerings")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("card:holder", args=[cw.issued.link_token])).status_code == 200
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("card:statistics", args=[cw.scheme.pk])).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("card:scheme", args=[cw.scheme.pk])).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("card:home")).status_code == 200
