"""Record today's embedding score of every active network (run daily, like retention_run)."""

from django.core.management.base import BaseCommand

from verso.embedding.services import score_snapshot_record
from verso.networks.choices import NetworkStatus
from verso.networks.models import Network


class Command(BaseCommand):
    help = "Record today's embedding score of every active network."

    def handle(self, *args, **options) -> None:
        count = 0
        for network in Network.objects.filter(status=NetworkStatus.ACTIVE).iterator():
            score_snapshot_record(network)
            count += 1
        if options["verbosity"]:
            self.stdout.write(f"{count} networks")
