from django.core.management.base import BaseCommand

from portal.admin_catalogue import admin_catalogue_path, update_catalogue


class Command(BaseCommand):
    help = (
        "Add to portal/admin_locale/et the strings that Wagtail and the other third-party apps "
        "translate into Russian but not into Estonian (an Estonian editor would see them in "
        "Russian), and drop the ones no app needs any more. Translations are kept."
    )

    def handle(self, *args, **options):
        for domain in ("django", "djangojs"):
            added, removed = update_catalogue(domain)
            path = admin_catalogue_path(domain)
            self.stdout.write(f"{path}: {added} new string(s), {removed} removed.")
