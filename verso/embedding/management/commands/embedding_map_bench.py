"""A benchmark (not a test) of the installation-wide map: 1,000 organisations.

Builds a synthetic installation inside a transaction that is rolled back at the end
(``--keep`` keeps it), then times computing the map and rendering its page, each the best
of ``--repeat`` runs, beside a bare baseline (rendering an empty template). Prints seconds
and the ratio to the baseline.

    .venv/bin/python manage.py embedding_map_bench --organisations 1000
"""

import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from verso.networks.choices import Sector
from verso.networks.models import Membership, Network, Organisation, Person


class Command(BaseCommand):
    help = "Time the installation-wide network map on synthetic data."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organisations", type=int, default=1000)
        parser.add_argument("--per-network", type=int, default=20)
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--keep", action="store_true")

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            self._build(options["organisations"], options["per_network"])
            self._measure(options["repeat"])
            if not options["keep"]:
                transaction.set_rollback(True)

    def _build(self, count: int, per_network: int) -> None:
        rng = random.Random(7)  # nosec B311  # bench data, not a secret
        sectors = list(Sector.values)
        orgs = Organisation.objects.bulk_create(
            Organisation(name=f"Bench organisation {i}", sector=sectors[i % len(sectors)])
            for i in range(count)
        )
        networks = Network.objects.bulk_create(
            Network(name=f"Bench map network {i}", municipality="Bench", goal="Bench")
            for i in range(max(1, count // per_network))
        )
        people = Person.objects.bulk_create(
            Person(display_name=f"Bench person {i}") for i in range(count)
        )
        today = timezone.localdate()
        memberships = []
        for i, (org, person) in enumerate(zip(orgs, people, strict=True)):
            network = networks[i % len(networks)] if rng.random() < 0.8 else rng.choice(networks)
            memberships.append(
                Membership(network=network, person=person, organisation=org, starts_on=today)
            )
        Membership.objects.bulk_create(memberships)

    def _best(self, fn, repeat: int) -> float:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - start)
        return best

    def _measure(self, repeat: int) -> None:
        from verso.embedding.netmap import network_map
        from verso.embedding.views import _map_ctx

        baseline = self._best(lambda: render_to_string("embedding/_bench_bare.html"), repeat)
        compute = self._best(lambda: network_map(None), repeat)
        result = network_map(None)

        def render():
            return render_to_string(
                "embedding/_map.html", {**_map_ctx(network_map(None)), "installation": True}
            )

        page = self._best(render, repeat)
        size = len(render().encode())
        self.stdout.write(
            f"organisations {len(result.nodes)}, ties {len(result.ties)}, "
            f"cross-sector {result.cross_ties}\n"
            f"bare template   {baseline * 1000:8.2f} ms\n"
            f"map computed    {compute * 1000:8.2f} ms\n"
            f"page rendered   {page * 1000:8.2f} ms  ({size // 1024} KiB; "
            f"×{page / baseline:.0f} the bare template)\n"
            f"within a second: {'yes' if page < 1 else 'no'}"
        )
