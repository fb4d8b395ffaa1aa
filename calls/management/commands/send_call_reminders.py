from django.core.management.base import BaseCommand

from calls.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the funding-call reminders that are due (7 days and 1 day before each deadline). "
        "Idempotent: run it from cron every 15 minutes."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"Sent {sent} reminder(s).")
