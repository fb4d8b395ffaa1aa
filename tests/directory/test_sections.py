"""Sections the directory contributes to other pages: newest organisations on the home page,
organisations looking for partners on a call's page."""

import pytest
from bs4 import BeautifulSoup

from calls.factories import CallPageFactory
from tests.calls.conftest import call_indexes  # noqa: F401

pytestmark = pytest.mark.django_db


def test_home_page_lists_the_newest_organisations_of_its_language(client, make_organisation):
    make_organisation({"et": {"title": "Värske Selts", "description": "Uus ühing."}})
    make_organisation({"ru": {"title": "Новое общество", "description": "Новое."}})

    estonian = client.get("/et/").content.decode()
    russian = client.get("/ru/").content.decode()

    assert "Värske Selts" in estonian
    assert "Новое общество" not in estonian
    assert "Новое общество" in russian


def test_home_page_without_organisations_has_no_empty_section(client, site_tree):
    assert "newest-organisations" not in client.get("/en/").content.decode()


@pytest.fixture
def call_versions(call_indexes, locales):  # noqa: F811 - the fixture imported above
    estonian = CallPageFactory(parent=call_indexes["et"], title="Kogukonnavoor")
    russian = estonian.copy_for_translation(locales["ru"])
    russian.title = "Конкурс для сообществ"
    russian.save_revision().publish()
    return {"et": estonian, "ru": russian}


def test_a_call_page_lists_organisations_looking_for_partners_for_it(
    client, make_organisation, call_versions
):
    # The organisation named the Estonian call; the Russian call page lists it too.
    make_organisation(
        {
            "ru": {
                "title": "Нарвские соседи",
                "description": "Соседская помощь.",
                "partner_wanted": "Ищем эстоноязычного партнёра для заявки.",
            }
        },
        looking_for_partners=True,
        partner_call=call_versions["et"],
    )
    make_organisation(
        {"et": {"title": "Ei otsi", "description": "Meil on partner olemas."}},
        looking_for_partners=False,
        partner_call=call_versions["et"],
    )

    for call in call_versions.values():
        html = client.get(call.url).content.decode()
        page = BeautifulSoup(html, "html.parser")
        section = page.find(id="call-partners")
        assert section is not None
        assert "Нарвские соседи" in html
        assert "Ei otsi" not in html


def test_a_call_nobody_named_has_no_partner_section(client, call_versions):
    html = client.get(call_versions["et"].url).content.decode()

    assert 'id="call-partners"' not in html


def test_an_organisation_that_starts_looking_for_partners_shows_on_the_call_at_once(
    client, make_organisation, call_versions
):
    organisation, _pages = make_organisation(
        {"et": {"title": "Tartu Naabrid", "description": "Naabriabi."}},
        looking_for_partners=False,
        partner_call=call_versions["et"],
    )
    assert "Tartu Naabrid" not in client.get(call_versions["ru"].url).content.decode()

    organisation.looking_for_partners = True
    organisation.save()
    assert "Tartu Naabrid" in client.get(call_versions["ru"].url).content.decode()

    organisation.looking_for_partners = False
    organisation.save()
    assert "Tartu Naabrid" not in client.get(call_versions["ru"].url).content.decode()


def test_a_profile_published_after_the_home_page_was_read_is_listed_at_once(
    client, make_organisation
):
    make_organisation({"et": {"title": "Esimene Selts", "description": "Esimene."}})
    assert "Esimene Selts" in client.get("/et/").content.decode()

    _organisation, pages = make_organisation(
        {"et": {"title": "Teine Selts", "description": "Uus."}}
    )
    assert "Teine Selts" in client.get("/et/").content.decode()
    pages["et"].refresh_from_db()  # published through a revision, not this instance
    pages["et"].unpublish()
    assert "Teine Selts" not in client.get("/et/").content.decode()
