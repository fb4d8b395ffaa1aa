# Fixtures are imported and named as test arguments:
# ruff: noqa: F811
"""A member whose organisation has an Estonian version asks for a machine-translated draft of
the Russian one (against a LibreTranslate-compatible server on 127.0.0.1), reviews it, edits
and publishes it; the public page says "machine-translated" until a person has changed and
saved the text. A failing service is a clear message with what was typed kept and nothing
saved; nobody can use it on another organisation."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext

from directory.models import OrganisationPage
from portal import machine_translation
from tests.fake_translation_service import libretranslate  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

GLOSSARY = {
    "Narva Noored": "Нарвская молодёжь",
    "Tekst.": "Текст.",
}


@pytest.fixture
def a(two_organisations, sign_in):
    sign_in(two_organisations["a"]["editor"])
    return two_organisations["a"]


def url(member, language="ru"):
    return f"/et/my/organisations/{member['organisation'].pk}/profile/{language}/"


def russian_version(member):
    return OrganisationPage.objects.filter(
        organisation=member["organisation"], locale__language_code="ru"
    ).first()


def form_values(response):
    page = BeautifulSoup(response.content, "html.parser")
    return {
        field["name"]: field.get("value", field.string or "").strip()
        for field in page.select("form.my-form input[name], form.my-form textarea[name]")
        if field["name"] != "csrfmiddlewaretoken"
    }


def test_without_a_service_no_machine_draft_is_offered(client, a):
    response = client.get(url(a))

    assert response.status_code == 200
    assert 'name="machine_from"' not in response.content.decode()


def test_member_gets_reviews_edits_and_publishes_a_machine_draft(client, a, libretranslate):
    libretranslate.glossary = GLOSSARY
    offer = client.get(url(a))
    assert 'name="machine_from" value="et"' in offer.content.decode()

    response = client.post(url(a), {"machine_from": "et"})

    assert response.status_code == 302
    assert response["Location"] == url(a)
    draft = russian_version(a)
    assert not draft.live
    assert draft.title == "Нарвская молодёжь"
    assert draft.description == "Текст."
    assert draft.machine_translated_from == "et"
    assert libretranslate.requests[0]["source"] == "et"
    assert libretranslate.requests[0]["target"] == "ru"
    assert client.get("/ru/organisations/narva-noored/").status_code == 404  # not published
    # The member reviews it in the editor, which says it is an unchecked machine translation.
    review = client.get(url(a))
    assert "machine-translated" in review.content.decode()
    assert form_values(review)["title"] == "Нарвская молодёжь"
    listing = client.get(f"/et/my/organisations/{a['organisation'].pk}/")
    with translation.override("et"):
        marked = gettext("machine-translated draft: check it and save it to publish it")
    assert marked in listing.content.decode()

    # Saved as it came: published, and the public page says it is machine-translated.
    values = form_values(review)
    saved = client.post(url(a), values)
    assert saved.status_code == 302
    public = client.get("/ru/organisations/narva-noored/")
    assert public.status_code == 200
    assert public.context["page"].machine_translated_from == "et"
    assert BeautifulSoup(public.content, "html.parser").select_one(".machine-translated")

    # A person corrects the text and saves: no longer marked.
    client.post(url(a), {**values, "description": "Мы работаем с молодёжью Нарвы."})
    public = client.get("/ru/organisations/narva-noored/")
    assert public.context["page"].description == "Мы работаем с молодёжью Нарвы."
    assert BeautifulSoup(public.content, "html.parser").select_one(".machine-translated") is None


def test_what_the_member_typed_is_kept_in_the_draft(client, a, libretranslate):
    client.post(url(a), {"machine_from": "et", "short_name": "НМ", "title": ""})

    draft = russian_version(a)
    assert draft.short_name == "НМ"
    assert draft.title == "[ru] Narva Noored"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("down", machine_translation.UNREACHABLE),
        ("slow", machine_translation.TOO_SLOW),
        (429, machine_translation.QUOTA),
        (403, machine_translation.REFUSED_KEY),
        ("garbage", machine_translation.UNEXPECTED),
    ],
)
def test_a_failing_service_shows_why_keeps_what_was_typed_and_saves_nothing(
    client, a, libretranslate, answer, message
):
    if answer == "down":
        libretranslate.stop()
    else:
        libretranslate.answer = answer

    response = client.post(
        url(a), {"machine_from": "et", "title": "Нарвская молодёжь", "description": "Черновик"}
    )

    assert response.status_code == 503
    page = BeautifulSoup(response.content, "html.parser")
    with translation.override("et"):  # the language of the member's page
        expected = str(message) % {"seconds": 1} if answer == "slow" else str(message)
    assert page.select_one('[role="alert"]').get_text(" ", strip=True) == expected
    values = form_values(response)
    assert values["title"] == "Нарвская молодёжь"
    assert values["description"] == "Черновик"
    assert russian_version(a) is None


def test_no_machine_draft_over_an_existing_version(client, a, libretranslate, directories):
    from directory.factories import create_profile

    create_profile(directories, a["organisation"], {"ru": {"title": "Нарва", "description": "Т"}})

    response = client.get(url(a))

    assert 'name="machine_from"' not in response.content.decode()
    client.post(url(a), {"machine_from": "et"})
    assert russian_version(a).title == "Нарва"
    assert libretranslate.requests == []


def test_only_the_organisations_own_versions_can_be_translated(
    client, two_organisations, a, libretranslate
):
    # English is not a version of organisation A: refused, nothing asked of the service.
    response = client.post(url(a), {"machine_from": "en"})
    assert response.status_code == 400
    assert libretranslate.requests == []

    # Organisation B is not the member's.
    other = two_organisations["b"]
    response = client.post(url(other), {"machine_from": "et"})
    assert response.status_code == 404
    assert russian_version(other) is None
    assert libretranslate.requests == []
