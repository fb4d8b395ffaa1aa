"""Names go into e-mail headers (the contact relay's subject and From name): a line break in
one would be a header injection, and Django refuses to send it. So a name with a line break is
refused where it is typed: at the contact form, at the CSV import and in the admin."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from directory.factories import OrganisationFactory, registry_code
from directory.models import ContactRecord, Organisation, OrganisationPage
from tests.directory.test_admin import ADD_URL, _login, errors, facts

pytestmark = pytest.mark.django_db

PROFILE = "/et/organisations/tartu-noored/"

# The message of portal.validators.validate_single_line.
ONE_LINE = "Write this on one line, without line breaks."

BREAKS = ["Olga\r\nBcc: everyone@example.org", "Olga\nIvanova", "Olga\rIvanova", "Olga\u2028X"]


@pytest.fixture
def organisation(make_organisation):
    organisation, _pages = make_organisation(
        {"et": {"title": "Tartu Noored", "description": "Noorteühing Tartus."}},
        slug="tartu-noored",
        email="juhatus@tartu-noored.example",
    )
    return organisation


def message(**overrides):
    return {
        "name": "Olga Ivanova",
        "email": "olga@narva-noored.example",
        "organisation": "MTÜ Narva Noortekeskus",
        "message": "Tere! Otsime partnerit suvelaagriks 2026. aastal.",
        "homepage": "",
        **overrides,
    }


@pytest.mark.parametrize("field", ["name", "organisation"])
@pytest.mark.parametrize("value", BREAKS)
def test_the_contact_form_refuses_a_line_break_in_a_name(
    client, organisation, mailoutbox, field, value
):
    response = client.post(PROFILE + "contact/", message(**{field: value}))

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    with translation.override("et"):
        expected = translation.gettext(ONE_LINE)
    assert expected in page.select_one(f"#id_{field}").find_parent().get_text()
    # What the person typed is kept (an input shows it on one line; the browser would too).
    assert page.select_one("#id_message").get_text(strip=True).startswith("Tere!")
    assert mailoutbox == []
    assert not ContactRecord.objects.exists()


def import_csv(tmp_path, *rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "organisations.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_organisations", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def csv_row(number, **overrides):
    return {
        "registry_code": registry_code(number),
        "registered_name": f"MTÜ Rida {number}",
        "county": "tartu",
        "languages": "et",
        "name_et": f"Rida {number}",
        "short_name_et": "",
        "description_et": "Üks selts.",
        "name_ru": f"Строка {number}",
        "description_ru": "Одно общество.",
        **overrides,
    }


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("registered_name", "MTÜ Kaks\nRida"),
        ("name_et", "Kaks\r\nRida"),
        ("name_ru", "Две\nстроки"),
        ("short_name_et", "KR\nX"),
    ],
)
def test_the_import_skips_a_row_with_a_line_break_in_a_name(tmp_path, directories, column, value):
    out, err = import_csv(tmp_path, csv_row(51, **{column: value}), csv_row(52))

    assert "Created 1" in out, err
    assert "skipped 1" in out
    line, where, _reason = err.strip().split(": ", 2)
    assert line == "line 2"
    assert where == column
    assert not Organisation.objects.filter(registry_code=registry_code(51)).exists()
    assert Organisation.objects.filter(registry_code=registry_code(52)).exists()


def test_model_validation_refuses_line_breaks_in_names(directories):
    organisation = OrganisationFactory.build(registered_name="MTÜ Kaks\nRida")
    with pytest.raises(ValidationError) as refused:
        organisation.full_clean(exclude=["logo"])
    assert "registered_name" in refused.value.message_dict

    saved = OrganisationFactory()
    page = OrganisationPage(
        organisation=saved, title="Kaks\nRida", short_name="K\rR", slug="kaks-rida"
    )
    page.locale = directories["et"].locale
    with pytest.raises(ValidationError) as refused:
        page.full_clean(exclude=["path", "depth"])
    assert {"title", "short_name"} <= set(refused.value.message_dict)


def test_the_admin_refuses_an_organisation_name_with_a_line_break(client, directories):
    admin = _login(client, "en")
    response = admin.post(ADD_URL, facts(registered_name="MTÜ Kaks\r\nRida"))

    assert response.status_code == 200
    assert "one line" in errors(response)
    assert not Organisation.objects.filter(registered_name__startswith="MTÜ Kaks").exists()
