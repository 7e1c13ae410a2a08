"""Send the feedback link to the participants of activities that have ended::

    manage.py send_feedback_requests

Run it from cron (like ``send_event_reminders``). Each confirmed sign-up with an e-mail
address gets one link per activity, queued with the change; running it again sends
nothing twice."""

from django.core.management.base import BaseCommand

from verso.evaluation.requests import send_feedback_requests


class Command(BaseCommand):
    help = "Queue the feedback link to participants of ended activities (once each)."

    def handle(self, *args, **options):
        sent = send_feedback_requests()
        self.stdout.write(f"{sent} feedback request(s) queued.")
