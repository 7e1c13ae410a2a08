"""A benchmark (not a test) of the feedback results page over many answers.

Builds a network, an activity and ``--answers`` feedback answers inside a transaction that
is rolled back at the end, then times, in the same run, each the median of ``--repeat``:

- the bare SQL aggregate the page needs (one hand-written ``SELECT`` on a cursor: counts
  per face, the mean, the paper answers), and
- the whole results page requested by its coordinator through Django's test client (the
  same middleware, session, two-factor check, access helper, selectors and template).

It prints both and their ratio; the issue's target is a ratio within 2.

    .venv/bin/python manage.py evaluation_results_bench --answers 100000
"""

import datetime
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from verso.accounts.models import User
from verso.accounts.testing import client_otp_verify
from verso.evaluation import services
from verso.evaluation.models import FeedbackAnswer
from verso.events.services.activities import activity_create
from verso.networks.services import network_create

BARE_SQL = (
    "SELECT COUNT(id), AVG(rating), COUNT(CASE WHEN on_paper THEN 1 END), "
    "COUNT(CASE WHEN rating = 1 THEN 1 END), COUNT(CASE WHEN rating = 2 THEN 1 END), "
    "COUNT(CASE WHEN rating = 3 THEN 1 END), COUNT(CASE WHEN rating = 4 THEN 1 END), "
    "COUNT(CASE WHEN rating = 5 THEN 1 END) "
    "FROM evaluation_feedbackanswer WHERE link_id = %s"
)


class Command(BaseCommand):
    help = "Time the feedback results page against the bare SQL aggregate it needs."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--answers", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=15)

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            url, client = self._build(options["answers"])
            self._measure(url, client, options["repeat"], options["answers"])
            transaction.set_rollback(True)

    def _build(self, count: int) -> tuple[str, Client]:
        user = User.objects.create_user(email="results-bench@verso.example", password=None)
        network = network_create(
            actor=user, name="Results bench", municipality="Bench", goal="Bench"
        )
        start = timezone.now() - datetime.timedelta(days=2)
        activity = activity_create(
            actor=user,
            network=network,
            type="other",
            status="published",
            title="Bench activity",
            description="Bench",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )
        link = services.link_create(actor=user, network=network, activity=activity)
        FeedbackAnswer.objects.bulk_create(
            (
                FeedbackAnswer(link=link, rating=1 + (i * 7) % 5, on_paper=i % 10 == 0)
                for i in range(count)
            ),
            batch_size=5000,
        )
        self.link_id = link.pk
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "")
        client.force_login(user)
        client_otp_verify(client, user)
        with translation.override("en"):
            url = reverse("evaluation:results", args=[network.pk, link.pk])
        return url, client

    def _median(self, fn, repeat: int) -> float:
        fn()  # warm: the first run fills the database's page cache
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    def _measure(self, url: str, client: Client, repeat: int, count: int) -> None:
        def bare():
            with connection.cursor() as cursor:
                cursor.execute(BARE_SQL, [self.link_id])
                return cursor.fetchone()

        def page():
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")

        row = bare()
        if row[0] != count:
            raise RuntimeError(f"the aggregate counted {row[0]} answers, not {count}")
        bare_s = self._median(bare, repeat)
        page_s = self._median(page, repeat)
        self.stdout.write(
            f"{connection.vendor}, {count} answers, median of {repeat}:\n"
            f"  bare SQL aggregate  {bare_s * 1000:8.1f} ms\n"
            f"  results page        {page_s * 1000:8.1f} ms\n"
            f"  ratio               {page_s / bare_s:8.2f} (target: within 2)"
        )
