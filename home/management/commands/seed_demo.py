import importlib
import importlib.util

from django.core.management.base import BaseCommand
from django.db import transaction

# Each area seeds its own demo content in <app>/demo.py, in this order (later areas refer to
# the pages and taxonomy of earlier ones).
DEMO_MODULES = [
    "home.demo",
    "home.demo_survey",
    "directory.demo",
    "calls.demo",
    "events.demo",
    "bulletins.demo",
    "bulletins.demo_subscribers",
]


class Command(BaseCommand):
    help = "Create or refresh the demo content in Russian, Estonian and English (idempotent)."

    def handle(self, *args, **options):
        results = {}
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                if importlib.util.find_spec(module_name) is None:
                    continue
                module = importlib.import_module(module_name)
                results[module_name] = module.seed() or {}
                self.stdout.write(f"Seeded {module_name}")
        accounts = results["home.demo"]["accounts"]
        self.stdout.write(self.style.SUCCESS("Demo content is ready. Log in at /admin/ with:"))
        for username, email, password in accounts:
            self.stdout.write(f"  {username:8} e-mail {email:22} password {password}")
