from django.core.management.base import BaseCommand

from verso.events.services import signup_send_reminders


class Command(BaseCommand):
    help = "E-mail a reminder to confirmed participants of activities starting soon (run hourly)."

    def handle(self, *args, **options):
        count = signup_send_reminders()
        self.stdout.write(f"{count} reminders sent.")
