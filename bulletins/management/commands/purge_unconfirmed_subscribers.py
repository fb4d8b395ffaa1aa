"""``manage.py purge_unconfirmed_subscribers``: delete sign-ups left unconfirmed for more than
7 days. The task worker does it every night by itself; this is for cron, with a task backend
that cannot defer work, or to do it now."""

from django.core.management.base import BaseCommand

from bulletins.subscriber_tasks import PURGE_AFTER, purge_unconfirmed


class Command(BaseCommand):
    help = "Delete newsletter sign-ups that were not confirmed within 7 days."

    def handle(self, **options):
        deleted = purge_unconfirmed()
        self.stdout.write(
            f"Deleted {deleted} sign-ups unconfirmed for more than {PURGE_AFTER.days} days."
        )
