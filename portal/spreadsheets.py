"""Spreadsheet exports that open safely.

A cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is run as a
formula by spreadsheet programs; text typed by visitors or editors must never be. (To be
merged with ``portal/exports.py`` of the hardening work, which brings the same rule.)
"""

import csv

from django.http import HttpResponse

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
