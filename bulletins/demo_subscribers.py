"""A handful of demo subscribers, read from ``demo_subscribers.csv`` through the real importer
(``import_subscribers``), so that a second ``seed_demo`` changes nothing."""

import io
from pathlib import Path

from django.core.management import call_command

DATA = Path(__file__).with_name("demo_subscribers.csv")


def seed():
    call_command("import_subscribers", str(DATA), stdout=io.StringIO())
    return {}
