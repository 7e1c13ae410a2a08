"""Benchmark the card at a national scale: the statistics page against the bare SQL
aggregates it needs, and the queries of a check and a redemption.

Run on a separate database, e.g. ``DATABASE_URL=sqlite:///var/bench.sqlite3``, after
``migrate``: it adds a bench scheme with ``--cards`` cards and ``--uses`` uses (bulk rows,
made once) and prints ratios and query counts — not a timed test.
"""

import datetime
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from verso.card import codes, redemption, services, stats
from verso.card.choices import AgeGroup, LifeSituation, StaffRole
from verso.card.models import Card, CardUse, Scheme
from verso.networks.services import organisation_create

NAME = "Bench card scheme"
BATCH = 5000


class Command(BaseCommand):
    help = "Benchmark card checks, redemptions and statistics at scale (bulk data)."

    def add_arguments(self, parser):
        parser.add_argument("--cards", type=int, default=100_000)
        parser.add_argument("--uses", type=int, default=500_000)
        parser.add_argument("--repeat", type=int, default=5)

    def _setup(self, cards: int, uses: int):
        scheme = Scheme.objects.filter(name=NAME).first()
        User = get_user_model()
        admin = User.objects.filter(email="card-bench@verso.example").first()
        if admin is None:
            admin = User.objects.create_superuser(email="card-bench@verso.example")
        if scheme is not None:
            return scheme, admin
        with transaction.atomic():
            scheme = services.scheme_create(actor=admin, name=NAME, area="Suomi", terms="T")
            unit_org = organisation_create(actor=None, name="Bench unit", sector="social_health")
            org = organisation_create(actor=None, name="Bench provider", sector="culture")
            unit = services.issuing_unit_add(actor=admin, scheme=scheme, organisation=unit_org)
            provider = services.provider_add(actor=admin, scheme=scheme, organisation=org)
            services.staff_add(
                actor=admin, scheme=scheme, user=admin, organisation=org, role=StaffRole.PROVIDER
            )
            from verso.networks.services import person_for_user

            provider = services.provider_join(
                actor=admin,
                provider=provider,
                terms_version=1,
                contact=person_for_user(admin),
                adult_companion_allowed=True,
            )
            offerings = [
                services.offering_create(
                    actor=admin, provider=provider, title_fi=f"Tarjous {i}", place="P", schedule="S"
                )
                for i in range(20)
            ]
        today = timezone.localdate()
        ages, situations = AgeGroup.values, LifeSituation.values
        for start in range(0, cards, BATCH):
            Card.objects.bulk_create(
                Card(
                    scheme=scheme,
                    unit=unit,
                    code_digest=codes.code_digest(f"bench-{i}"),
                    link_digest=codes.link_digest(f"bench-{i}"),
                    reference=f"Z{i:09d}",
                    age_group=ages[i % len(ages)],
                    life_situation=situations[i % len(situations)],
                    issued_at=timezone.now() - datetime.timedelta(days=i % 365),
                    valid_until=today + datetime.timedelta(days=365 - i % 365),
                )
                for i in range(start, min(start + BATCH, cards))
            )
        ids = list(Card.objects.filter(scheme=scheme).values_list("pk", flat=True))
        for start in range(0, uses, BATCH):
            CardUse.objects.bulk_create(
                CardUse(
                    card_id=ids[i % len(ids)],
                    offering=offerings[i % len(offerings)],
                    provider=provider,
                    used_on=today - datetime.timedelta(days=i % 365),
                    children=i % 3,
                )
                for i in range(start, min(start + BATCH, uses))
            )
        return scheme, admin

    def _time(self, fn, repeat: int) -> float:
        fn()  # warm-up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    def handle(self, *args, cards: int, uses: int, repeat: int, **options):
        scheme, admin = self._setup(cards, uses)
        provider = scheme.providers.select_related("organisation", "scheme__network").get()
        offering = provider.offerings.first()
        n_cards = Card.objects.filter(scheme=scheme).count()
        n_uses = CardUse.objects.filter(provider=provider).count()
        self.stdout.write(f"{NAME}: {n_cards} cards, {n_uses} uses")

        # The bare SQL the statistics need: the same aggregate queries, run directly.
        with CaptureQueriesContext(connection) as ctx:
            stats.scheme_statistics(scheme)
        raw = [(q["sql"]) for q in ctx.captured_queries]

        def bare():
            with connection.cursor() as cursor:
                for sql in raw:
                    cursor.execute(sql)
                    cursor.fetchall()

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        client.force_login(admin)
        from verso.accounts.testing import client_otp_verify
        from verso.accounts.twofactor import two_factor_step

        if two_factor_step(admin) is not None:
            client_otp_verify(client, admin)
        page = f"/en/card/schemes/{scheme.pk}/statistics/"

        def view():
            status = client.get(page).status_code
            if status != 200:
                raise CommandError(f"{page} answered {status}")

        bare_t = self._time(bare, repeat)
        page_t = self._time(view, repeat)
        self.stdout.write(f"bare SQL aggregates ({len(raw)} queries): {bare_t * 1000:.1f} ms")
        self.stdout.write(f"statistics page: {page_t * 1000:.1f} ms = {page_t / bare_t:.2f} × bare")

        issued = redemption.card_issue(
            actor=admin,
            scheme=scheme,
            unit=scheme.units.get(),
            age_group=AgeGroup.FROM_30,
            life_situation=LifeSituation.OTHER,
        )
        with CaptureQueriesContext(connection) as ctx:
            redemption.card_check(actor=admin, provider=provider, code=issued.code)
        check_q = len(ctx.captured_queries)
        redemption.card_redeem(actor=admin, provider=provider, code=issued.code, offering=offering)
        with CaptureQueriesContext(connection) as ctx:
            redemption.card_redeem(
                actor=admin, provider=provider, code=issued.code, offering=offering
            )
        self.stdout.write(f"check: {check_q} queries; redemption: {len(ctx.captured_queries)}")
