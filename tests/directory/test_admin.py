"""Editors manage organisations in the Wagtail admin: the shared facts as a snippet, each
language version as a page. Bad input gets translated field errors, nothing is lost."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from directory.factories import registry_code
from directory.models import ActivityField, Organisation, OrganisationPage

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/directory/organisation/"
ADD_URL = LIST_URL + "add/"


def _login(client, language):
    user = get_user_model().objects.get(username="admin")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(client, directories):
    return _login(client, "en")


def facts(**overrides):
    youth = ActivityField.objects.get(slug="youth", locale__language_code="ru")
    return {
        "registered_name": "MTÜ Jõhvi Noored",
        "registry_code": registry_code(123),
        "legal_form": "non-profit",
        "founding_year": "2010",
        "county": "ida-viru",
        "town": "Jõhvi",
        "activity_fields": [youth.pk],
        "works_in_russian": "on",
        "works_in_estonian": "on",
        "other_languages": "",
        "email": "info@johvi-noored.example",
        "phone": "+372 5555 1234",
        "website": "https://johvi-noored.example",
        "social_links": "https://facebook.com/johvinoored",
        **overrides,
    }


def errors(response):
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        error.get_text(" ", strip=True) for error in page.select(".error-message, .errorlist")
    )


def test_the_organisation_list_opens_and_finds_by_registry_code(admin_client, make_organisation):
    organisation, _pages = make_organisation(
        {"et": {"title": "Leitav", "description": "Kirjeldus."}}, registered_name="MTÜ Leitav"
    )

    listing = admin_client.get(LIST_URL)
    search = admin_client.get(LIST_URL, {"q": organisation.registry_code})

    assert listing.status_code == 200
    assert "MTÜ Leitav" in search.content.decode()


def test_an_editor_creates_an_organisation(admin_client):
    response = admin_client.post(ADD_URL, facts())

    assert response.status_code == 302, errors(response)
    organisation = Organisation.objects.get(registry_code=registry_code(123))
    assert organisation.slugs == ["youth"]
    assert organisation.works_in_russian and organisation.works_in_estonian


def test_an_editor_edits_the_shared_facts(admin_client, make_organisation):
    organisation, _pages = make_organisation(
        {"et": {"title": "Muudetav", "description": "Kirjeldus."}}, town="Narva"
    )
    edit_url = f"{LIST_URL}edit/{organisation.pk}/"
    assert admin_client.get(edit_url).status_code == 200

    response = admin_client.post(
        edit_url,
        facts(
            registry_code=organisation.registry_code, registered_name="MTÜ Muudetav", town="Tartu"
        ),
    )

    assert response.status_code == 302, errors(response)
    organisation.refresh_from_db()
    assert organisation.town == "Tartu"
    assert admin_client.get("/et/organisations/", {"q": "Тарту"}).content.decode().count("Muudetav")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("registry_code", "1234", "eight digits"),
        ("registry_code", "10234957", "not the code of a non-profit"),
        ("registry_code", "80000001", "does not exist"),
        ("registry_code", registry_code(5, prefix="9"), "non-profit associations begin with 8"),
        ("email", "info@", "Enter a valid email address"),
        ("registered_name", "x" * 201, "at most 200 characters"),
        ("social_links", "facebook", "is not a web address"),
        ("founding_year", "2999", "founding year"),
        ("phone", "call us", "phone number"),
    ],
)
def test_bad_facts_get_field_errors_and_keep_the_input(admin_client, field, value, message):
    response = admin_client.post(ADD_URL, facts(**{field: value}))

    assert response.status_code == 200
    assert message in errors(response)
    assert "Jõhvi" in response.content.decode()  # the rest of the form is kept
    assert not Organisation.objects.filter(town="Jõhvi").exists()


def test_field_errors_are_in_the_editors_language(client, directories):
    russian_admin = _login(client, "ru")

    response = russian_admin.post(ADD_URL, facts(email="info@"))

    assert response.status_code == 200
    assert "Введите правильный адрес электронной почты" in errors(response)


def test_at_least_one_working_language(admin_client):
    data = facts()
    del data["works_in_russian"], data["works_in_estonian"]

    response = admin_client.post(ADD_URL, data)

    assert "at least one working language" in errors(response)


def _page_data(organisation, **overrides):
    return nested_form_data(
        {
            "title": "Jõhvi Noored",
            "slug": "johvi-noored",
            "short_name": "",
            "organisation": organisation.pk,
            "introduction": "Noorteühing Jõhvis.",
            "description": "Huviringid ja projektid.",
            "target_groups": "noored",
            "partner_wanted": "",
            "joint_projects": streamfield([]),
            "comments": inline_formset([]),
            **overrides,
        }
    )


def test_an_editor_creates_a_profile_version_in_the_admin(admin_client, directories):
    organisation = Organisation.objects.create(
        registered_name="MTÜ Jõhvi Noored",
        registry_code=registry_code(321),
        county="ida-viru",
        town="Jõhvi",
        works_in_estonian=True,
        email="info@johvi.example",
    )
    parent = directories["et"]

    response = admin_client.post(
        f"/admin/pages/add/directory/organisationpage/{parent.pk}/",
        {**_page_data(organisation), "action-publish": "publish"},
    )

    assert response.status_code == 302, errors(response)
    page = OrganisationPage.objects.get(slug="johvi-noored")
    assert page.live
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert "Jõhvi Noored" in admin_client.get("/ru/organisations/", {"q": "Йыхви"}).content.decode()


def test_an_over_long_description_is_refused_with_the_text_kept(admin_client, directories):
    organisation = Organisation.objects.create(
        registered_name="MTÜ Pikk",
        registry_code=registry_code(322),
        county="harju",
        works_in_estonian=True,
    )

    response = admin_client.post(
        f"/admin/pages/add/directory/organisationpage/{directories['et'].pk}/",
        _page_data(organisation, description="Pikk tekst. " * 600),
    )

    assert response.status_code == 200
    assert "at most 5000 characters" in errors(response)
    assert "Pikk tekst." in response.content.decode()
    assert not OrganisationPage.objects.filter(slug="johvi-noored").exists()


def test_a_second_profile_in_the_same_language_is_refused(admin_client, make_organisation):
    organisation, pages = make_organisation(
        {"et": {"title": "Ainus", "description": "Kirjeldus."}}, slug="ainus"
    )

    response = admin_client.post(
        f"/admin/pages/add/directory/organisationpage/{pages['et'].get_parent().pk}/",
        _page_data(organisation, slug="teine"),
    )

    assert response.status_code == 200
    assert "already has a profile in this language" in errors(response)


def _png(size=(64, 64)):
    buffer = io.BytesIO()
    PILImage.effect_noise(size, 100).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


def test_an_oversized_logo_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2_000
    upload = SimpleUploadedFile("logo.png", _png((200, 200)), content_type="image/png")

    response = admin_client.post("/admin/images/add/", {"title": "Logo", "file": upload})

    assert response.status_code == 200
    assert "This file is too big" in errors(response)
    assert not get_image_model().objects.filter(title="Logo").exists()


def test_a_logo_that_is_not_an_image_is_refused(admin_client):
    upload = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")

    response = admin_client.post("/admin/images/add/", {"title": "Logo", "file": upload})

    assert response.status_code == 200
    assert errors(response)
    assert not get_image_model().objects.filter(title="Logo").exists()


def test_a_logo_is_shown_on_every_version(client, make_organisation):
    image = get_image_model().objects.create(
        title="Logo",
        file=SimpleUploadedFile("logo.png", _png(), content_type="image/png"),
    )
    _organisation, _pages = make_organisation(
        {
            "et": {"title": "Logoga", "description": "Kirjeldus."},
            "ru": {"title": "С логотипом", "description": "Описание."},
        },
        slug="logoga",
        logo=image,
    )

    for language in ("et", "ru"):
        page = BeautifulSoup(
            client.get(f"/{language}/organisations/logoga/").content, "html.parser"
        )
        assert page.select_one("img.organisation-logo") is not None
