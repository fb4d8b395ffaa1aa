"""``manage.py import_register FILE.csv``: load the business register's open data for
non-profits (name, registry code, legal form, status). Re-running updates the entries; codes
no longer in the file are kept as they were. A bad row is reported and skipped."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.models import RegisterEntry
from directory.register import COLUMNS, legal_form, status
from directory.validators import REGISTRY_CODE_RE

BATCH = 2000


class Command(BaseCommand):
    help = "Import the Estonian business register's non-profits (CSV: name, registry code, "
    "legal form, status; the register's own Estonian column names work too)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the CSV file (UTF-8, comma or semicolon separated)")

    def handle(self, path, **options):
        file_path = Path(path)
        if not file_path.is_file():
            raise CommandError(f"No such file: {path}")
        counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
        with file_path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.readline()
            handle.seek(0)
            delimiter = ";" if sample.count(";") > sample.count(",") else ","
            reader = csv.DictReader(handle, delimiter=delimiter)
            headers = [(name or "").strip().lower() for name in reader.fieldnames or []]
            reader.fieldnames = headers
            columns = {}
            for key, names in COLUMNS.items():
                found = next((name for name in names if name in headers), None)
                if found is None and key != "status":
                    raise CommandError(f"Missing column: {names[0]} (or {', '.join(names[1:])})")
                columns[key] = found
            batch = {}
            for row in reader:
                line = reader.line_num
                code = (row.get(columns["registry_code"]) or "").strip()
                name = (row.get(columns["name"]) or "").strip()
                if not REGISTRY_CODE_RE.match(code):
                    counts["skipped"] += 1
                    self.stderr.write(f"line {line}: registry_code: not eight digits “{code}”")
                    continue
                if not name:
                    counts["skipped"] += 1
                    self.stderr.write(f"line {line}: name: required")
                    continue
                batch[code] = RegisterEntry(
                    registry_code=code,
                    name=name[:300],
                    legal_form=legal_form(row.get(columns["legal_form"])),
                    status=status(row.get(columns["status"]))
                    if columns["status"]
                    else "registered",
                )
                if len(batch) >= BATCH:
                    self.save(batch, counts)
                    batch = {}
            self.save(batch, counts)
        self.stdout.write(
            "Created {created}, updated {updated}, unchanged {unchanged}, "
            "skipped {skipped} rows.".format(**counts)
        )

    def save(self, batch, counts):
        if not batch:
            return
        fields = ("name", "legal_form", "status")
        with transaction.atomic():
            existing = {
                entry.registry_code: entry
                for entry in RegisterEntry.objects.filter(registry_code__in=batch)
            }
            new, changed = [], []
            for code, entry in batch.items():
                old = existing.get(code)
                if old is None:
                    new.append(entry)
                elif any(getattr(old, field) != getattr(entry, field) for field in fields):
                    for field in fields:
                        setattr(old, field, getattr(entry, field))
                    changed.append(old)
                else:
                    counts["unchanged"] += 1
            RegisterEntry.objects.bulk_create(new)
            RegisterEntry.objects.bulk_update(changed, fields)
        counts["created"] += len(new)
        counts["updated"] += len(changed)
