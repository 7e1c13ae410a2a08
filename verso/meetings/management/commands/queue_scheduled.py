"""Put the scheduled work on the task queue: meeting reminders and the retention run.

A systemd timer (see the README) runs ``manage.py queue_scheduled`` hourly for reminders
and ``manage.py queue_scheduled --retention`` daily; the worker does the work.
"""

from django.core.management.base import BaseCommand

from verso.meetings.mail import remind_task
from verso.privacy.tasks import retention_run_task


class Command(BaseCommand):
    help = "Queue meeting reminders (and with --retention the daily retention run)."

    def add_arguments(self, parser):
        parser.add_argument("--retention", action="store_true", help="Also queue retention.")
        parser.add_argument(
            "--no-reminders", action="store_true", help="Do not queue the reminders."
        )

    def handle(self, *args, **options):
        queued = []
        if not options["no_reminders"]:
            remind_task.enqueue()
            queued.append("reminders")
        if options["retention"]:
            retention_run_task.enqueue()
            queued.append("retention")
        self.stdout.write("queued: " + (", ".join(queued) or "nothing"))
