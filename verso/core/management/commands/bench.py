"""Measure pages as ratios against a bare baseline in the same run.

The baseline is `/healthz` (one trivial query, no template). Each page is requested
`--repeat` times in-process through Django's test client after a warm-up; the report
gives the median time per request as a multiple of the baseline's, and the number of
database queries per request — both independent of how fast this machine is.
"""

import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from verso.networks.models import Network


class Command(BaseCommand):
    help = "Benchmark the main pages and API lists against /healthz (run after seed_bulk)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)

    def _measure(self, client: Client, path: str, repeat: int) -> tuple[float, int]:
        client.get(path)  # warm-up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise CommandError(f"{path} answered {response.status_code}")
        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
        return statistics.median(times), len(ctx.captured_queries)

    def handle(self, *args, repeat: int, **options):
        network = Network.objects.filter(name__startswith="Bulk network").order_by("pk").first()
        if network is None:
            raise CommandError("Run `manage.py seed_bulk` first.")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        from django.contrib.auth import get_user_model

        from verso.accounts.testing import client_otp_verify
        from verso.accounts.twofactor import two_factor_step

        client = Client()
        user = get_user_model().objects.get(email="bulk@verso.example")
        client.force_login(user)
        if two_factor_step(user) is not None:  # the bulk user coordinates: 2FA as after a code
            client_otp_verify(client, user)
        n = network.pk
        paths = [
            "/healthz",
            "/en/networks/",
            f"/en/networks/{n}/",
            f"/en/networks/{n}/members/",
            f"/en/networks/{n}/members/?role=client&page=3",
            f"/en/networks/{n}/audit/",
            "/en/organisations/",
            "/api/v1/networks",
            f"/api/v1/networks/{n}/memberships?page_size=100",
            "/api/v1/organisations?page_size=100",
        ]
        baseline, _ = self._measure(client, paths[0], repeat)
        members = network.memberships.count()
        self.stdout.write(f"baseline /healthz: median {baseline * 1000:.2f} ms (= 1.0)")
        self.stdout.write(
            f"network {n} has {members} members; {Network.objects.count()} networks in all"
        )
        self.stdout.write(f"{'page':55} {'× baseline':>10} {'queries':>8}")
        for path in paths[1:]:
            median, queries = self._measure(client, path, repeat)
            self.stdout.write(f"{path:55} {median / baseline:10.1f} {queries:8d}")
