"""A large synthetic data set for benchmarks: `manage.py seed_bulk --scale S`.

Scale 1 is 1,000 networks and 50,000 people with their memberships, roles and
organisations, plus what the later apps' registered bulk seeders add (see
``verso.networks.bulk``). Fictional and random; running it again keeps what is there.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from verso.networks.bulk import BulkContext, seed_bulk


class ProgressBar:
    """A one-line progress bar on a terminal; a line every tenth of the way elsewhere."""

    WIDTH = 30

    def __init__(self, stream, *, tty: bool):
        self.stream = stream
        self.tty = tty
        self.started: dict[str, float] = {}
        self.last_tenth: dict[str, int] = {}

    def __call__(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        start = self.started.setdefault(label, now)
        total = max(total, 1)
        share = min(done / total, 1.0)
        finished = done >= total
        if self.tty:
            filled = int(share * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r  {label:14} [{bar}] {done:>10,}/{total:,}")
            if finished:
                self.stream.write(f"  {now - start:6.1f} s\n")
            self.stream.flush()
            return
        tenth = int(share * 10)
        if tenth > self.last_tenth.get(label, -1) or finished:
            self.last_tenth[label] = tenth
            suffix = f"  {now - start:6.1f} s" if finished else ""
            self.stream.write(f"  {label:14} {share:4.0%} {done:>10,}/{total:,}{suffix}\n")
            self.stream.flush()


class Command(BaseCommand):
    help = "Build the large synthetic data set for `make bench` (fictional, random)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=0.1,
            help="1 = 1,000 networks and 50,000 people (default 0.1)",
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale: float, seed: int, **options):
        if not 0 < scale <= 20:
            raise CommandError("--scale must be above 0 and at most 20.")
        progress = ProgressBar(self.stdout._out, tty=sys.stdout.isatty())
        ctx = BulkContext(scale=scale, progress=progress, seed=seed)
        started = time.monotonic()
        try:
            with transaction.atomic():
                seed_bulk(ctx)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Bulk data set at scale {scale:g} ready in {time.monotonic() - started:.1f} s."
            )
        )
