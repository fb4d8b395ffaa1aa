from django.core.management.base import BaseCommand

from bulletins.sending import requeue_stalled


class Command(BaseCommand):
    help = (
        "Start bulletin campaigns that are due and hand deliveries left by a worker that died "
        "(their lease expired) to the task queue. Idempotent: run it from cron every minute "
        "as a safety net, or when the task backend cannot defer work."
    )

    def handle(self, *args, **options):
        active = requeue_stalled()
        self.stdout.write("Campaigns in progress." if active else "No campaign in progress.")
