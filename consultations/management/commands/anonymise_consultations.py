from django.core.management.base import BaseCommand

from consultations.retention import anonymise_expired


class Command(BaseCommand):
    help = (
        "Anonymise consultation requests older than CONSULTATION_RETENTION_DAYS. "
        "Idempotent: run it from cron once a day."
    )

    def handle(self, *args, **options):
        count = anonymise_expired()
        self.stdout.write(f"Anonymised {count} consultation request(s).")
