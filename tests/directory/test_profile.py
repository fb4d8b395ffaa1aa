import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import OrganisationPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual(make_organisation):
    organisation, pages = make_organisation(
        {
            "et": {
                "title": "Narva Noortekeskus",
                "description": "Huviringid ja projektid Narva noortele.",
                "partner_wanted": "Otsime partnerit Tartust suvelaagriks.",
            },
            "ru": {
                "title": "Нарвский молодёжный центр",
                "description": "Кружки и проекты для молодёжи Нарвы.",
                "partner_wanted": "Ищем партнёра из Тарту для летнего лагеря.",
            },
        },
        slug="narva-noortekeskus",
        registered_name="MTÜ Narva Noortekeskus",
        county="ida-viru",
        town="Narva",
        fields=["youth"],
        works_in_russian=True,
        looking_for_partners=True,
        email="info@narva-noored.example",
        phone="+372 5555 1234",
    )
    return organisation, pages


def test_profile_shows_texts_of_its_language_and_shared_facts(client, bilingual):
    organisation, _pages = bilingual

    estonian = client.get("/et/organisations/narva-noortekeskus/").content.decode()
    russian = client.get("/ru/organisations/narva-noortekeskus/").content.decode()

    assert "Otsime partnerit Tartust" in estonian
    assert "Ищем партнёра из Тарту" in russian
    for html in (estonian, russian):
        assert organisation.registry_code in html
        assert "+372 5555 1234" in html
    assert "Noorsootöö" in estonian
    assert "Молодёжная работа" in russian


def test_versions_share_a_translation_key_and_link_each_other(client, bilingual):
    _organisation, pages = bilingual

    assert pages["et"].translation_key == pages["ru"].translation_key
    page = BeautifulSoup(client.get("/et/organisations/narva-noortekeskus/").content, "html.parser")
    assert page.find("link", hreflang="ru")["href"].endswith(
        "/ru/organisations/narva-noortekeskus/"
    )


def test_editing_shared_facts_once_changes_every_version(client, bilingual):
    organisation, _pages = bilingual

    organisation.town = "Narva-Jõesuu"
    organisation.phone = "+372 5000 0000"
    organisation.save()

    for language in ("et", "ru"):
        html = client.get(f"/{language}/organisations/narva-noortekeskus/").content.decode()
        assert "Narva-Jõesuu" in html
        assert "+372 5000 0000" in html
    found = client.get("/ru/organisations/", {"q": "Нарва-Йыэсуу"}).content.decode()
    assert "Нарвский молодёжный центр" in found


def test_unpublished_address_never_appears_in_the_html(client, bilingual):
    html = client.get("/et/organisations/narva-noortekeskus/").content.decode()

    assert "info@narva-noored.example" not in html
    assert "mailto:" not in html.split('<footer class="site-footer">')[0]


def test_published_address_is_a_mailto_link(client, bilingual):
    organisation, _pages = bilingual
    organisation.publish_email = True
    organisation.save()

    html = client.get("/et/organisations/narva-noortekeskus/").content.decode()

    assert 'href="mailto:info@narva-noored.example"' in html


def _json_ld(response):
    page = BeautifulSoup(response.content, "html.parser")
    return json.loads(page.find("script", type="application/ld+json").string)


def test_profile_carries_schema_org_organization(client, bilingual):
    organisation, _pages = bilingual

    data = _json_ld(client.get("/ru/organisations/narva-noortekeskus/"))

    assert data["@type"] == "Organization"
    assert data["name"] == "Нарвский молодёжный центр"
    assert data["identifier"] == organisation.registry_code
    assert data["address"]["addressLocality"] == "Narva"
    assert "email" not in data
    assert sorted(data["knowsLanguage"]) == ["et", "ru"]


def test_names_cannot_break_out_of_the_json_ld_script(client, make_organisation):
    hostile = '</script><script>alert("x")</script> & <b>'
    make_organisation(
        {"et": {"title": hostile, "description": hostile, "introduction": hostile}},
        slug="hostile",
        registered_name=hostile,
    )

    response = client.get("/et/organisations/hostile/")
    html = response.content.decode()

    assert '<script>alert("x")</script>' not in html
    assert _json_ld(response)["name"] == hostile
    page = BeautifulSoup(response.content, "html.parser")
    assert [tag.get("type") for tag in page.find_all("script")].count(None) == 0


def test_joint_projects_are_listed(client, make_organisation):
    make_organisation(
        {
            "et": {
                "title": "Koostööselts",
                "description": "Ühisprojektid.",
                "joint_projects": [
                    (
                        "project",
                        {
                            "title": "Kakskeelne suvelaager",
                            "partners": "MTÜ Tartu Noored",
                            "year": 2025,
                            "description": "Laager Narva ja Tartu noortele.",
                            "url": "",
                        },
                    )
                ],
            }
        },
        slug="koostooselts",
    )

    html = client.get("/et/organisations/koostooselts/").content.decode()

    assert "Kakskeelne suvelaager" in html
    assert "MTÜ Tartu Noored" in html


def test_a_second_version_written_from_scratch_joins_the_first(bilingual, directories):
    organisation, pages = bilingual
    english = OrganisationPage(
        organisation=organisation,
        title="Narva Youth Centre",
        slug="narva-noortekeskus",
        description="Clubs and projects for young people in Narva.",
    )
    directories["en"].add_child(instance=english)

    assert english.translation_key == pages["et"].translation_key


def test_profile_renders_with_a_bounded_number_of_queries(client, bilingual):
    client.get("/ru/organisations/narva-noortekeskus/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/ru/organisations/narva-noortekeskus/")

    statements = [query["sql"] for query in queries]
    assert response.status_code == 200
    # The organisation's facts come with the page; its other versions from the navigation
    # kept per generation of the tree.
    assert not [sql for sql in statements if sql.startswith('SELECT "directory_organisation"')]
    assert len([sql for sql in statements if 'FROM "wagtailcore_page"' in sql]) <= 1
    # Its news and joint projects are read once per generation of the content.
    assert not [sql for sql in statements if "directory_newsitem" in sql]
    assert not [sql for sql in statements if "directory_jointproject" in sql]
    assert len(statements) == 1, statements


def test_other_versions_follow_a_renamed_translation_at_once(client, bilingual):
    _organisation, pages = bilingual
    path = "/et/organisations/narva-noortekeskus/"
    assert other_versions(client, path)["ru"][0] == "Нарвский молодёжный центр"

    pages["ru"].title = "Молодёжный центр Нарвы"
    pages["ru"].save_revision().publish()

    assert other_versions(client, path) == {
        "ru": ("Молодёжный центр Нарвы", "/ru/organisations/narva-noortekeskus/")
    }


def other_versions(client, path):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    heading = soup.find("h2", string="See profiil teistes keeltes")
    return {
        link["hreflang"]: (link.get_text(), link["href"])
        for link in heading.find_next_sibling("ul").find_all("a")
    }
