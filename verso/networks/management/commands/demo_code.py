import time

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from verso.networks.demo import DEMO_TOTP_KEY_HEX, DEMO_TWO_FACTOR, demo_key_base32


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo's coordinators and superuser."

    def handle(self, *args, **options):
        code = totp(bytes.fromhex(DEMO_TOTP_KEY_HEX), step=30, t0=0, digits=6)
        left = 30 - int(time.time()) % 30
        self.stdout.write(f"{code:06d}  (valid for {left} more seconds)")
        self.stdout.write(
            f"for {', '.join(DEMO_TWO_FACTOR)}; authenticator key {demo_key_base32()}"
        )
