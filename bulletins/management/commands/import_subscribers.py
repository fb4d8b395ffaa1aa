"""``manage.py import_subscribers FILE.csv``: bring over an existing list of subscribers.

The people on the old list agreed to get the bulletin there, so they come in as confirmed
subscribers with the source of that consent noted. The address is the key: an address already
on the list is left exactly as it is (a subscriber who changed their choices, or left, stays
so), which also makes a second run change nothing. A bad row is reported as
``line N: column: reason`` and skipped; the other rows are imported. The columns are
described in ``COLUMNS`` (and in the README).
"""

import csv
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from bulletins.models import Subscriber, Topic

LANGUAGES = [code for code, _name in settings.LANGUAGES]
COLUMNS = {
    "email": "required: the address",
    "language": f"{', '.join(LANGUAGES)}; ru when empty",
    "topics": f"{', '.join(Topic.values)} separated by spaces, commas or semicolons; all when "
    "empty",
    "kind": f"{', '.join(Subscriber.Kind.values)}; other when empty",
    "consent_source": "where the person agreed to get the bulletin; “import from FILE” when empty",
    "consented_at": "when they agreed: an ISO date or date and time, e.g. 2021-03-15 or "
    "2021-03-15T10:30 (Estonian time unless an offset is given)",
}
CONSENT_SOURCE_LENGTH = Subscriber._meta.get_field("consent_source").max_length


class RowError(Exception):
    def __init__(self, column, reason):
        super().__init__(f"{column}: {reason}")


def _split(value):
    return [part for part in value.replace(";", " ").replace(",", " ").split() if part]


def _moment(value, now):
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RowError("consented_at", f"“{value}” is not a date (e.g. 2021-03-15)") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > now:
        raise RowError("consented_at", f"“{value}” is in the future")
    return moment


def subscriber_from_row(row, default_source, now):
    """An unsaved confirmed Subscriber from a CSV row, or ``RowError``."""
    email = Subscriber.normalise_email(row.get("email"))
    if not email:
        raise RowError("email", "required")
    try:
        validate_email(email)
    except ValidationError:
        raise RowError("email", f"“{email}” is not an e-mail address") from None
    if len(email) > Subscriber._meta.get_field("email").max_length:
        raise RowError("email", "longer than 254 characters")

    language = row.get("language", "").lower() or "ru"
    if language not in LANGUAGES:
        raise RowError("language", f"“{language}” is not one of {', '.join(LANGUAGES)}")
    topics = [topic.lower() for topic in _split(row.get("topics", ""))] or list(Topic.values)
    unknown = [topic for topic in topics if topic not in Topic.values]
    if unknown:
        raise RowError("topics", f"unknown {', '.join(unknown)} (known: {', '.join(Topic.values)})")
    kind = row.get("kind", "").lower() or Subscriber.Kind.OTHER
    if kind not in Subscriber.Kind.values:
        raise RowError("kind", f"“{kind}” is not one of {', '.join(Subscriber.Kind.values)}")
    source = row.get("consent_source", "") or default_source
    if len(source) > CONSENT_SOURCE_LENGTH:
        raise RowError("consent_source", f"longer than {CONSENT_SOURCE_LENGTH} characters")
    consented_at = _moment(row["consented_at"], now) if row.get("consented_at") else None
    return Subscriber(
        email=email,
        language=language,
        topics=topics,
        kind=kind,
        status=Subscriber.Status.CONFIRMED,
        confirmed_at=consented_at or now,
        consented_at=consented_at,
        consent_source=source,
    )


def read_rows(path):
    """(line number, row) for each record of a UTF-8 CSV file with a header row, comma or
    semicolon separated; a record the csv module cannot read comes as (line, csv.Error)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{path} is not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    header = text.partition("\n")[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(text.splitlines(keepends=True), delimiter=delimiter)
    reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames or []]
    yield 1, reader.fieldnames
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield line, error
            continue
        yield line, {key: (value or "").strip() for key, value in row.items() if key}


class Command(BaseCommand):
    help = "Import confirmed newsletter subscribers from a CSV file (UTF-8, comma or semicolon)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the CSV file")

    def handle(self, path, **options):
        file_path = Path(path)
        if not file_path.is_file():
            raise CommandError(f"No such file: {path}")
        rows = read_rows(file_path)
        _line, columns = next(rows)
        if "email" not in columns:
            raise CommandError("Missing column: email (the first line must name the columns)")
        ignored = [name for name in columns if name and name not in COLUMNS]
        if ignored:
            self.stdout.write(f"Ignored columns (not imported): {', '.join(ignored)}")

        now = timezone.now()
        default_source = f"import from {file_path.name}"
        existing = set(Subscriber.objects.values_list("email", flat=True))
        lines_by_email = {}
        new = []
        counts = {"unchanged": 0, "skipped": 0}
        for line, row in rows:
            try:
                if isinstance(row, csv.Error):
                    raise RowError("(row)", f"unreadable CSV: {row}")
                subscriber = subscriber_from_row(row, default_source, now)
                first = lines_by_email.get(subscriber.email)
                if first:
                    raise RowError("email", f"{subscriber.email} is already on line {first}")
            except RowError as error:
                counts["skipped"] += 1
                self.stderr.write(f"line {line}: {error}")
                continue
            lines_by_email[subscriber.email] = line
            if subscriber.email in existing:
                counts["unchanged"] += 1
            else:
                new.append(subscriber)
        with transaction.atomic():
            # A sign-up that arrives meanwhile wins: that address is simply already there.
            Subscriber.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
        self.stdout.write(
            f"Imported {len(new)} subscribers; {counts['unchanged']} already on the list were "
            f"left as they are; {counts['skipped']} rows skipped."
        )
