"""The card part of the bulk data set (`manage.py seed_bulk --scale S`) and the card check
`make bench` measures.

At scale 1, a national scheme the size of Kaikukortti: 100,000 cards from 20 issuing units
and 500,000 uses at 100 providers (who have accepted the terms) with four offerings each,
over the last year. Fictional, seeded random, written with ``bulk_create`` in batches.
Registered from CardConfig.ready().

The measured check is what a provider's own system sends: ``POST /api/v1/card/check`` with
its provider token. The bench provider's token key is derived from SECRET_KEY (never a fixed
string in a database), so only this installation's bench knows it.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json

from django.conf import settings
from django.utils import timezone

from verso.networks.bench import BenchRequest, BenchSkip, BenchWorld, register_bench_page
from verso.networks.bulk import BULK_MUNICIPALITY, BulkContext
from verso.networks.models import Organisation

SCHEME_NAME = "Bulk card scheme"
# Counts at scale 1.
CARDS = 100_000
USES = 500_000
PROVIDERS = 100
UNITS = 20
OFFERINGS_PER_PROVIDER = 4


def link_token(i: int) -> str:
    """The holder link of bulk card i (its code follows from it, as for a real card)."""
    return f"bulk-card-{i:07}"


def bench_token_key() -> str:
    from verso.card.services import TOKEN_PREFIX

    mac = hmac.new(settings.SECRET_KEY.encode(), b"verso-bulk-provider-token", hashlib.sha256)
    return TOKEN_PREFIX + mac.hexdigest()[:40]


def seed(ctx: BulkContext) -> None:
    from verso.card import codes
    from verso.card.choices import AgeGroup, Gender, LifeSituation
    from verso.card.models import (
        Card,
        CardUse,
        IssuingUnit,
        Offering,
        Provider,
        ProviderToken,
        Scheme,
        SchemeTerms,
    )
    from verso.card.services import token_digest

    if Scheme.objects.filter(name=SCHEME_NAME).exists():
        return
    rng = ctx.rng
    now = timezone.now()
    today = timezone.localdate()
    orgs = list(
        Organisation.objects.filter(municipality=BULK_MUNICIPALITY).order_by("pk")[
            : ctx.count(PROVIDERS + UNITS, minimum=4)
        ]
    )
    if len(orgs) < 2:
        return
    scheme = Scheme.objects.create(name=SCHEME_NAME, area=BULK_MUNICIPALITY)
    terms = SchemeTerms.objects.create(scheme=scheme, version=1, text="Bulk terms.")
    n_units = max(1, min(ctx.count(UNITS), len(orgs) // 4))
    units = IssuingUnit.objects.bulk_create(
        IssuingUnit(scheme=scheme, organisation=org) for org in orgs[:n_units]
    )
    providers = Provider.objects.bulk_create(
        Provider(
            scheme=scheme,
            organisation=org,
            adult_companion_allowed=True,
            accepted_terms=terms,
            accepted_at=now,
        )
        for org in orgs[n_units:]
    )
    offerings = Offering.objects.bulk_create(
        Offering(
            provider=provider,
            title_fi=f"Bulk-tarjous {p:03}-{k}",
            place=f"Bulk place {p:03}",
            schedule="ma–pe 10–16",
        )
        for p, provider in enumerate(providers)
        for k in range(OFFERINGS_PER_PROVIDER)
    )
    key = bench_token_key()
    ProviderToken.objects.create(
        provider=providers[0], name="bulk bench", prefix=key[4:12], digest=token_digest(key)
    )

    n_cards = ctx.count(CARDS, minimum=50)
    ages, situations, genders = AgeGroup.values, LifeSituation.values, Gender.values

    def card_rows():
        for i in range(n_cards):
            link = link_token(i)
            issued = now - datetime.timedelta(days=rng.randint(0, 400))
            yield Card(
                scheme=scheme,
                unit=units[i % len(units)],
                code_digest=codes.code_digest(codes.code_for_link(link)),
                link_digest=codes.link_digest(link),
                reference=f"B{i:09}",
                age_group=rng.choice(ages),
                gender=rng.choice(genders) if i % 3 else "",
                life_situation=rng.choice(situations),
                issued_at=issued,
                valid_until=issued.date() + datetime.timedelta(days=365),
                revoked_at=now if i % 200 == 199 else None,
            )

    cards = ctx.insert(Card, card_rows(), total=n_cards, label="cards")
    card_ids = [c.pk for c in cards]
    del cards
    n_uses = ctx.count(USES, minimum=100)

    def use_rows():
        for _ in range(n_uses):
            offering = offerings[rng.randrange(len(offerings))]
            day = today - datetime.timedelta(days=rng.randint(0, 364))
            yield CardUse(
                card_id=card_ids[rng.randrange(len(card_ids))],
                offering=offering,
                provider_id=offering.provider_id,
                used_on=day,
                used_at=datetime.datetime.combine(
                    day, datetime.time(10 + rng.randint(0, 7)), tzinfo=datetime.UTC
                ),
                children=rng.choice((0, 0, 1, 2)),
                adults=rng.choice((0, 0, 1)),
            )

    ctx.insert(CardUse, use_rows(), total=n_uses, label="card uses", keep=False)


def _card_check(world: BenchWorld) -> BenchRequest:
    from verso.card import codes
    from verso.card.models import ProviderToken

    token = (
        ProviderToken.objects.filter(provider__scheme__name=SCHEME_NAME, name="bulk bench")
        .select_related("provider")
        .first()
    )
    if token is None:
        raise BenchSkip("no bulk card scheme in this data set")
    return BenchRequest(
        path="/api/v1/card/check",
        method="POST",
        body=json.dumps({"code": codes.code_for_link(link_token(0))}),
        headers=(("Authorization", f"Bearer {bench_token_key()}"),),
    )


def register_pages() -> None:
    register_bench_page("card check (API)", _card_check, signed_in=False)
