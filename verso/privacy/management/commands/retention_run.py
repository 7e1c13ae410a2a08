from django.core.management.base import BaseCommand

from verso.privacy.retention import retention_run


class Command(BaseCommand):
    help = "Anonymise or delete personal data that has outlived its purpose. Run daily."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        for name, count in retention_run(dry_run=dry_run).items():
            self.stdout.write(f"{name}: {count}{' (dry run)' if dry_run else ''}")
