"""Profile one page in-process, as the bench user sees it: `manage.py profile_page PATH`.

Runs the request through the whole middleware with Django's test client (after a warm-up)
under pyinstrument (a development dependency) and prints where the time goes, with the
query count. Run it with the same environment as `make bench` to see the production
settings (cached template loaders, no DEBUG).
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from verso.networks.bench import bench_world
from verso.networks.management.commands.bench import PROXY_HEADERS, bench_session_cookie


class Command(BaseCommand):
    help = "Profile a page in-process as the bench user (after seed_bulk); needs pyinstrument."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--anonymous", action="store_true")
        parser.add_argument("--repeat", type=int, default=50)
        parser.add_argument("--html", default="", help="also write pyinstrument's HTML here")

    def handle(self, *args, path: str, anonymous: bool, repeat: int, html: str, **options):
        try:
            from pyinstrument import Profiler
        except ImportError:
            raise CommandError(
                "pyinstrument is a development dependency: make install-dev"
            ) from None
        world = bench_world()
        if world is None:
            raise CommandError("Run `manage.py seed_bulk` first.")
        client = Client(HTTP_HOST="127.0.0.1", **PROXY_HEADERS)
        if not anonymous:
            user = get_user_model().objects.get(pk=world.user_id)
            name, value = bench_session_cookie(user).split("=", 1)
            client.cookies[name] = value
        for _ in range(3):
            response = client.get(path)
            if response.status_code != 200:
                raise CommandError(f"{path} answered {response.status_code}")
        reset_queries()  # request_started empties the log: count from an empty one
        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
        profiler = Profiler(interval=0.0005)
        started = time.perf_counter()
        profiler.start()
        for _ in range(repeat):
            client.get(path)
        profiler.stop()
        per_request = (time.perf_counter() - started) / repeat * 1000
        self.stdout.write(
            f"{path}: {per_request:.2f} ms per request in-process (profiled), "
            f"{len(ctx.captured_queries)} queries"
        )
        for query in ctx.captured_queries:
            self.stdout.write(f"  {query['time']}s  {query['sql'][:160]}")
        self.stdout.write(
            profiler.output_text(unicode=True, color=False, show_all=options["verbosity"] > 1)
        )
        if html:
            with open(html, "w") as f:
                f.write(profiler.output_html())
