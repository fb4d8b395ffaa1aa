"""The Funder snippet through the Wagtail admin: list, create, edit."""

import pytest

from calls.models import Funder

pytestmark = pytest.mark.django_db

URL = "/admin/snippets/calls/funder/"


def test_editor_lists_creates_and_edits_funders(editor_client, funders, locales):
    listing = editor_client.get(URL, {"locale": "et"})
    assert listing.status_code == 200
    assert "Kodanikuühiskonna Sihtkapital" in listing.content.decode()

    created = editor_client.post(
        f"{URL}add/?locale=et",
        {
            "name": "Tartu Linnavalitsus",
            "slug": "tartu",
            "website": "https://www.tartu.ee/",
            "description": "Tartu linna toetused.",
        },
    )
    assert created.status_code == 302
    funder = Funder.objects.get(slug="tartu")
    assert funder.locale == locales["et"]

    edited = editor_client.post(
        f"{URL}edit/{funder.pk}/",
        {
            "name": "Tartu Linnavalitsus",
            "slug": "tartu",
            "website": "https://www.tartu.ee/toetused",
            "description": "Tartu linna toetused vabaühendustele.",
        },
    )
    assert edited.status_code == 302
    funder.refresh_from_db()
    assert funder.website == "https://www.tartu.ee/toetused"


def test_invalid_funder_keeps_input_and_explains(editor_client, locales):
    response = editor_client.post(
        f"{URL}add/?locale=et", {"name": "Vigane", "slug": "", "website": "ei ole link"}
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"slug", "website"}
    assert form.data["name"] == "Vigane"
