"""Subscribers in the Wagtail admin (wagtail-modeladmin): list, filters, search, create, edit,
inspect, and a CSV export that a spreadsheet cannot run as formulas."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from bulletins.models import Subscriber

from . import fixtures_subscribers as fixtures

make_subscriber = fixtures.make_subscriber

pytestmark = pytest.mark.django_db

URL = "/admin/bulletins/subscriber/"


@pytest.fixture
def admin_client(client, site_tree):
    user = get_user_model().objects.create_superuser("boss", "boss@sild.example", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def subscribers(make_subscriber):
    return {
        "irina": make_subscriber(
            "irina@ngo-narva.example", language="ru", topics=["calls"], kind="organisation"
        ),
        "anna": make_subscriber(
            "anna@tartu.example", language="et", topics=["network", "organisations"], kind="person"
        ),
        "left": make_subscriber(
            "left@ngo.example",
            language="ru",
            topics=["trainings"],
            kind="journalist",
            status=Subscriber.Status.UNSUBSCRIBED,
        ),
    }


def listed(response):
    page = response.content.decode()
    return {
        email
        for email in ("irina@ngo-narva.example", "anna@tartu.example", "left@ngo.example")
        if email in page
    }


def test_the_list_shows_every_subscriber(admin_client, subscribers):
    response = admin_client.get(URL)

    assert response.status_code == 200
    assert listed(response) == {
        "irina@ngo-narva.example",
        "anna@tartu.example",
        "left@ngo.example",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=unsubscribed", {"left@ngo.example"}),
        ("language=et", {"anna@tartu.example"}),
        ("topic=calls", {"irina@ngo-narva.example"}),
        # One value of the list, matched whole.
        ("topic=organisations", {"anna@tartu.example"}),
        ("kind=journalist", {"left@ngo.example"}),
        ("status=confirmed&language=ru", {"irina@ngo-narva.example"}),
        ("q=tartu", {"anna@tartu.example"}),
    ],
)
def test_filters_and_search(admin_client, subscribers, query, expected):
    response = admin_client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert listed(response) == expected


def test_the_csv_export_follows_the_filters_and_defuses_formulas(admin_client, make_subscriber):
    dangerous = ['=HYPERLINK("http://evil.example")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"]
    for number, source in enumerate(dangerous):
        make_subscriber(f"person{number}@ngo.example", consent_source=source, language="et")
    make_subscriber("other@ngo.example", language="ru")

    response = admin_client.get(f"{URL}?language=et&export=csv")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="subscribers.csv"'
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(dangerous)
    # The headings are in the admin's language: find the column by what it holds.
    source_column = next(name for name in rows[0] if rows[0][name].startswith("'"))
    assert sorted(row[source_column] for row in rows) == sorted("'" + s for s in dangerous)
    assert "other@ngo.example" not in text


def test_creating_a_subscriber_normalises_the_address(admin_client):
    response = admin_client.post(
        f"{URL}create/",
        {
            "email": "  Maria@Example.ORG ",
            "language": "ru",
            "kind": "person",
            "topics": ["calls", "network"],
            "status": "confirmed",
            "consent_source": "asked by phone, 2026-03-02",
            "consented_at": "2026-03-02 10:00",
        },
    )

    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "maria@example.org"
    assert subscriber.topics == ["calls", "network"]
    assert subscriber.confirmed_at is not None


def test_a_duplicate_written_differently_is_an_error_on_the_form(admin_client, make_subscriber):
    make_subscriber("maria@example.org")

    response = admin_client.post(
        f"{URL}create/",
        {"email": "MARIA@example.org", "language": "ru", "kind": "person", "status": "pending"},
    )

    assert response.status_code == 200
    assert "MARIA@example.org" in response.content.decode()
    assert Subscriber.objects.count() == 1


def test_editing_and_inspecting_a_subscriber(admin_client, subscribers):
    irina = subscribers["irina"]

    assert admin_client.get(f"{URL}edit/{irina.pk}/").status_code == 200
    assert admin_client.get(f"{URL}inspect/{irina.pk}/").status_code == 200
    response = admin_client.post(
        f"{URL}edit/{irina.pk}/",
        {
            "email": irina.email,
            "language": "et",
            "kind": "organisation",
            "topics": ["calls"],
            "status": "unsubscribed",
            "consent_source": irina.consent_source,
            "consented_at": "",
        },
    )

    assert response.status_code == 302
    irina.refresh_from_db()
    assert irina.language == "et"
    assert irina.status == Subscriber.Status.UNSUBSCRIBED
    assert irina.unsubscribed_at is not None


def test_editors_without_the_permission_see_no_subscriber(client, site_tree, subscribers):
    editor = get_user_model().objects.create_user("ed", "ed@sild.example", "pw")
    editors, _created = Group.objects.get_or_create(name="Editors")
    editor.groups.add(editors)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    for path in (URL, f"{URL}?export=csv", f"{URL}inspect/{subscribers['irina'].pk}/"):
        response = client.get(path)
        assert response.status_code in (302, 403), path
        assert b"irina@ngo-narva.example" not in response.content


def test_the_xlsx_export_keeps_formulas_as_text(admin_client, make_subscriber):
    from openpyxl import load_workbook

    make_subscriber("person@ngo.example", consent_source='=HYPERLINK("http://evil.example")')

    response = admin_client.get(f"{URL}?export=xlsx")

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row if "HYPERLINK" in str(cell.value)]
    assert [cell.data_type for cell in cells] == ["s"]
