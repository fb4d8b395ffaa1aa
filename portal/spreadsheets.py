"""Spreadsheet exports that open safely.

A cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is run as a
formula by spreadsheet programs; text typed by visitors or editors must never be. (To be
merged with ``portal/exports.py`` of the hardening work, which brings the same rule.)
"""

import csv
import datetime

from django.http import HttpResponse
from django.utils import timezone, translation
from wagtail.admin.views.mixins import SpreadsheetExportMixin, list_to_str

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as text a spreadsheet shows as it is: a leading formula character gets a
    ``'`` before it. Numbers stay numbers."""
    if isinstance(value, bool | int | float) or value is None:
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
