"""``manage.py import_organisations FILE.csv``: create or update organisation profiles.

The registry code is the key: a second run updates the organisations and profile versions it
created the first time and never duplicates them. A bad row is reported with its line number
and skipped; the other rows are imported. The columns are described in ``COLUMNS`` (and in the
README).
"""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale

from directory.models import (
    ActivityField,
    DirectoryIndexPage,
    Organisation,
    OrganisationPage,
    TargetGroup,
)
from directory.taxonomy import County, LegalForm
from portal.search_text import transliterate
from portal.validators import validate_single_line

LANGUAGES = ("ru", "et", "en")
PAGE_FIELDS = (
    "name",
    "short_name",
    "introduction",
    "description",
    "target_groups",
    "partner_wanted",
)
COLUMNS = {
    "registry_code": "required: eight digits, the key (8… associations, 9… foundations)",
    "registered_name": "required: the name in the register",
    "legal_form": "non-profit (default), foundation, informal or other",
    "founding_year": "e.g. 2004",
    "county": "harju, hiiu, ida-viru, jogeva, jarva, laane, laane-viru, polva, parnu, rapla, "
    "saare, tartu, valga, viljandi, voru",
    "town": "as written in Estonian, e.g. Jõhvi",
    "fields": "slugs of fields of activity separated by spaces, commas or semicolons",
    "target_groups": "slugs of target groups separated by spaces, commas or semicolons",
    "languages": "working languages: ru, et, en separated by spaces or commas",
    "other_languages": "other working languages as text",
    "email": "where contact-form messages go",
    "publish_email": "yes to show the address on the profile",
    "phone": "e.g. +372 5555 1234",
    "website": "https://…",
    "social_links": "addresses separated by spaces",
    "looking_for_partners": "yes or no",
    "slug": "optional: the address of the profile, else the Latin form of the name",
}
for _language in LANGUAGES:
    for _field in PAGE_FIELDS:
        COLUMNS[f"{_field}_{_language}"] = f"the {_field.replace('_', ' ')} in {_language}" + (
            "; a version in this language is made when this is filled" if _field == "name" else ""
        )

TRUE_VALUES = {"1", "yes", "y", "true", "jah", "да", "x"}


class RowError(Exception):
    pass


def _split(value):
    return [part for part in value.replace(";", " ").replace(",", " ").split() if part]


def _bool(value):
    return (value or "").strip().casefold() in TRUE_VALUES


def _messages(error):
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(str(m) for m in messages)}"
            for field, messages in error.message_dict.items()
        )
    return " ".join(str(message) for message in error.messages)


class Command(BaseCommand):
    help = "Create or update organisation profiles from a CSV file (UTF-8, comma or semicolon)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the CSV file")
        parser.add_argument("--unpublished", action="store_true", help="save drafts only")

    def handle(self, path, unpublished=False, **options):
        file_path = Path(path)
        if not file_path.is_file():
            raise CommandError(f"No such file: {path}")
        self.publish = not unpublished
        self.directories = {
            page.locale.language_code: page
            for page in DirectoryIndexPage.objects.select_related("locale")
        }
        if not self.directories:
            raise CommandError("There is no directory page yet: create one (or run seed_demo).")
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.field_ids = dict(ActivityField.objects.canonical().values_list("slug", "pk"))
        self.group_ids = dict(TargetGroup.objects.canonical().values_list("slug", "pk"))

        counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
        with file_path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.readline()
            handle.seek(0)
            delimiter = ";" if sample.count(";") > sample.count(",") else ","
            reader = csv.DictReader(handle, delimiter=delimiter)
            reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames or []]
            missing = {"registry_code", "registered_name"} - set(reader.fieldnames)
            if missing:
                raise CommandError(f"Missing columns: {', '.join(sorted(missing))}")
            while True:
                line = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as error:
                    counts["skipped"] += 1
                    self.stderr.write(f"line {line}: unreadable CSV: {error}")
                    continue
                row = {key: (value or "").strip() for key, value in row.items() if key}
                try:
                    with transaction.atomic():
                        outcome = self.import_row(row)
                except (RowError, ValidationError) as error:
                    counts["skipped"] += 1
                    message = _messages(error) if isinstance(error, ValidationError) else error
                    self.stderr.write(f"line {line}: {message}")
                    continue
                counts[outcome] += 1
        self.stdout.write(
            "Created {created}, updated {updated}, unchanged {unchanged}, "
            "skipped {skipped} rows.".format(**counts)
        )

    # --- one row ---

    def import_row(self, row):
        code = row.get("registry_code", "")
        if not code:
            raise RowError("registry_code: required")
        versions = {
            language: {
                "title": row.get(f"name_{language}", ""),
                **{
                    field: row.get(f"{field}_{language}", "")
                    for field in PAGE_FIELDS
                    if field != "name"
                },
            }
            for language in LANGUAGES
            if row.get(f"name_{language}")
        }
        if not versions:
            raise RowError("no name_ru, name_et or name_en: a profile needs a name")
        for language in versions:
            if language not in self.directories:
                raise RowError(f"name_{language}: there is no directory page in this language")

        organisation = Organisation.objects.filter(registry_code=code).first()
        created = organisation is None
        organisation = organisation or Organisation()
        facts = self.facts(row)
        changed = created or any(
            getattr(organisation, name) != value for name, value in facts.items()
        )
        for name, value in facts.items():
            setattr(organisation, name, value)
        organisation.full_clean(exclude=["logo"])
        if changed:
            organisation.save()
        field_ids = self.fields(row)
        if field_ids is not None and set(
            organisation.activity_fields.values_list("pk", flat=True)
        ) != set(field_ids):
            organisation.activity_fields.set(field_ids)
            changed = True
        group_ids = self.target_groups(row)
        if group_ids is not None and set(
            organisation.target_groups.values_list("pk", flat=True)
        ) != set(group_ids):
            organisation.target_groups.set(group_ids)
            changed = True

        slug = (
            row.get("slug")
            or slugify(transliterate(row.get("name_et") or next(iter(versions.values()))["title"]))[
                :80
            ]
        )
        if not slug:
            raise RowError("slug: cannot make an address from the name, give a slug")
        for language, content in versions.items():
            changed = self.save_version(organisation, language, slug, content) or changed
        if created:
            return "created"
        return "updated" if changed else "unchanged"

    def facts(self, row):
        county = row.get("county", "").lower()
        if county not in County.values:
            raise RowError(f"county: unknown county “{row.get('county', '')}”")
        legal_form = row.get("legal_form", "").lower() or LegalForm.NON_PROFIT
        if legal_form not in LegalForm.values:
            raise RowError(f"legal_form: unknown legal form “{legal_form}”")
        year = row.get("founding_year", "")
        if year and not year.isdigit():
            raise RowError(f"founding_year: “{year}” is not a year")
        languages = set(_split(row.get("languages", "")))
        return {
            "registry_code": row["registry_code"],
            "registered_name": row.get("registered_name", ""),
            "legal_form": legal_form,
            "founding_year": int(year) if year else None,
            "county": county,
            "town": row.get("town", ""),
            "works_in_russian": "ru" in languages,
            "works_in_estonian": "et" in languages,
            "works_in_english": "en" in languages,
            "other_languages": row.get("other_languages", ""),
            "email": row.get("email", ""),
            "publish_email": _bool(row.get("publish_email")),
            "phone": row.get("phone", ""),
            "website": row.get("website", ""),
            "social_links": "\n".join(_split(row.get("social_links", "").replace("|", " "))),
            "looking_for_partners": _bool(row.get("looking_for_partners")),
        }

    def fields(self, row):
        if "fields" not in row:
            return None
        slugs = _split(row["fields"])
        unknown = [slug for slug in slugs if slug not in self.field_ids]
        if unknown:
            raise RowError(f"fields: unknown field of activity {', '.join(unknown)}")
        return [self.field_ids[slug] for slug in slugs]

    def target_groups(self, row):
        if "target_groups" not in row:
            return None
        slugs = _split(row["target_groups"])
        unknown = [slug for slug in slugs if slug not in self.group_ids]
        if unknown:
            raise RowError(f"target_groups: unknown target group {', '.join(unknown)}")
        return [self.group_ids[slug] for slug in slugs]

    def save_version(self, organisation, language, slug, content):
        for name, value in content.items():
            try:
                OrganisationPage._meta.get_field(name).clean(value, None)
                if name == "title":
                    # Page.title has no validators of its own; BasePage.clean checks this.
                    validate_single_line(value)
            except ValidationError as error:
                label = "name" if name == "title" else name
                raise RowError(f"{label}_{language}: {' '.join(error.messages)}") from None
        parent = self.directories[language]
        page = OrganisationPage.objects.filter(
            organisation=organisation, locale=parent.locale
        ).first()
        if page is None:
            if OrganisationPage.objects.child_of(parent).filter(slug=slug).exists():
                raise RowError(f"slug: “{slug}” is taken by another organisation in {language}")
            # Not live until published: Wagtail's pages are live by default.
            page = OrganisationPage(organisation=organisation, slug=slug, live=False, **content)
            parent.add_child(instance=page)
            revision = page.save_revision()
            if self.publish:
                revision.publish()
            return True
        page = page.specific
        if all(getattr(page, name) == value for name, value in content.items()):
            return False
        for name, value in content.items():
            setattr(page, name, value)
        revision = page.save_revision()
        if self.publish:
            revision.publish()
        return True
