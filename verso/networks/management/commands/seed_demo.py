from django.core.management.base import BaseCommand

from verso.networks.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_key_base32, seed_demo


class Command(BaseCommand):
    help = "Load the demo network (Kuusamo summer oasis, fictional people). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Load only when the database has no network."
        )

    def handle(self, *args, if_empty: bool = False, **options):
        from verso.networks.models import Network

        if if_empty and Network.objects.exists():
            self.stdout.write("The database already has data; the demo was not loaded.")
        elif seed_demo():
            self.stdout.write(self.style.SUCCESS("The demo network was loaded."))
        else:
            self.stdout.write("The demo network is already loaded.")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, who in DEMO_LOGINS:
            self.stdout.write(f"  {email:32} {who}")
        self.stdout.write(
            "Coordinators and the superuser also give a two-factor code: run "
            "`.venv/bin/python manage.py demo_code`, or add the key "
            f"{demo_key_base32()} to an authenticator app."
        )
