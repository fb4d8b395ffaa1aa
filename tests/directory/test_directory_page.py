import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from directory.factories import (
    OrganisationFactory,
    bulk_create_organisations,
    create_profile,
    registry_code,
)
from directory.models import DirectoryIndexPage, OrganisationPage
from home.models import HomePage
from portal.navigation import page_tree_changed

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [link.get_text(strip=True) for link in soup(response).select(".directory-card h2 a")]


def facet_label(response, input_id):
    label = soup(response).find("label", attrs={"for": input_id})
    return label.get_text(" ", strip=True) if label else None


class TestPageTypes(WagtailPageTestCase):
    def test_directory_lives_under_home_and_holds_profiles(self):
        self.assertAllowedParentPageTypes(DirectoryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(DirectoryIndexPage, {OrganisationPage})
        self.assertAllowedParentPageTypes(OrganisationPage, {DirectoryIndexPage})
        self.assertAllowedSubpageTypes(OrganisationPage, set())


def test_directory_answers_at_organisations_in_every_language(client, directories):
    for language in ("ru", "et", "en"):
        assert client.get(f"/{language}/organisations/").status_code == 200


def test_one_directory_per_home_page(directories):
    home = directories["ru"].get_parent().specific

    assert not DirectoryIndexPage.can_create_at(home)


@pytest.fixture
def sample(make_organisation):
    make_organisation(
        {"et": {"title": "Aabits", "description": "Lugemisring lastele."}},
        county="tartu",
        town="Tartu",
        fields=["education"],
        works_in_estonian=True,
    )
    make_organisation(
        {"ru": {"title": "Букварь", "description": "Кружок чтения для детей."}},
        county="ida-viru",
        town="Narva",
        fields=["education", "youth"],
        works_in_estonian=False,
        works_in_russian=True,
        looking_for_partners=True,
    )
    make_organisation(
        {
            "et": {"title": "Cello Selts", "description": "Muusikaõpe noortele."},
            "ru": {"title": "Общество виолончели", "description": "Музыка для молодёжи."},
        },
        county="ida-viru",
        town="Jõhvi",
        fields=["culture", "youth"],
        works_in_russian=True,
        looking_for_partners=True,
    )


def test_without_query_results_are_sorted_by_name_in_the_readers_version(client, sample):
    assert titles(client.get("/et/organisations/")) == ["Aabits", "Cello Selts", "Букварь"]
    assert titles(client.get("/ru/organisations/")) == ["Aabits", "Букварь", "Общество виолончели"]


def test_facets_combine_and_show_counts(client, sample):
    response = client.get(
        "/en/organisations/", {"county": "ida-viru", "field": "youth", "partners": "1"}
    )

    assert sorted(titles(response)) == ["Букварь", "Общество виолончели"]
    # Counts of a facet are computed with the other facets applied.
    assert facet_label(response, "county-ida-viru") == "Ida-Viru County (2)"
    assert facet_label(response, "county-tartu") is None
    assert facet_label(response, "field-education") == "Education (1)"
    assert facet_label(response, "language-ru") == "Russian (2)"
    assert facet_label(response, "partners") == "Looking for partners (2)"
    assert soup(response).find("input", id="county-ida-viru").has_attr("checked")


def test_language_facet_filters_by_working_language(client, sample):
    assert titles(client.get("/et/organisations/", {"language": "et"})) == [
        "Aabits",
        "Cello Selts",
    ]


def test_unknown_facet_values_are_ignored(client, sample):
    response = client.get(
        "/ru/organisations/",
        {"county": "atlantis", "field": "alchemy", "language": "xx", "partners": "maybe"},
    )

    assert len(titles(response)) == 3


def test_a_query_ranks_names_above_mentions(client, make_organisation):
    make_organisation(
        {"et": {"title": "Kodukant", "description": "Koostöö Narva ja Tartu vahel."}},
        town="Tartu",
        county="tartu",
    )
    make_organisation(
        {"et": {"title": "Narva Kunstiklubi", "description": "Kunstiõpe."}},
        town="Narva",
        county="ida-viru",
    )

    assert titles(client.get("/et/organisations/", {"q": "Narva"})) == [
        "Narva Kunstiklubi",
        "Kodukant",
    ]


def test_a_profile_in_another_language_is_marked_with_its_language(client, sample):
    page = soup(client.get("/ru/organisations/", {"q": "Aabits"}))
    card = page.select_one(".directory-card")

    assert card["lang"] == "et"
    assert "Русский" not in card.get_text()
    assert [badge.get_text() for badge in card.select(".directory-badges .badge")] == [
        "Estonian"
    ] or card.select(".directory-badges .badge")


def test_drafts_and_unpublished_profiles_are_not_listed(client, sample, directories):
    organisation = OrganisationFactory(registered_name="MTÜ Mustand")
    create_profile(
        directories,
        organisation,
        {"et": {"title": "Mustand", "description": "Veel pooleli."}},
        publish=False,
    )
    assert "Mustand" not in titles(client.get("/et/organisations/", {"q": "Mustand"}))
    assert client.get("/et/organisations/mustand/").status_code == 404

    published = OrganisationPage.objects.get(title="Aabits")
    published.unpublish()
    assert titles(client.get("/et/organisations/", {"q": "Aabits"})) == []


def test_results_are_paginated_and_keep_the_filters(client, make_organisation):
    for number in range(23):
        make_organisation(
            {"et": {"title": f"Külaselts {number:02d}", "description": "Külaelu."}},
            county="voru",
            town="Võru",
        )

    first = soup(client.get("/et/organisations/", {"county": "voru"}))
    next_link = first.select_one(".pagination a[rel=next]")["href"]
    second = client.get("/et/organisations/" + next_link)

    assert "county=voru" in next_link
    assert len(first.select(".directory-card")) == 20
    assert titles(second) == ["Külaselts 20", "Külaselts 21", "Külaselts 22"]


def _queries(client, path, *, kept=False):
    """The queries of ``path`` read after a publication, when the result cards are rendered
    afresh, or (``kept``) read again, when they are kept."""
    client.get(path)
    if not kept:
        page_tree_changed()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _youth_organisations(count, start):
    for number in range(start, start + count):
        yield (
            {
                "registered_name": f"MTÜ Ühing {number:03d}",
                "registry_code": registry_code(700_000 + number),
                "county": "harju",
                "town": "Tallinn",
                "works_in_estonian": True,
                "works_in_russian": number % 2 == 0,
                "email": f"info{number}@org.example",
            },
            ["youth"],
            {
                "et": {"title": f"Ühing {number:03d}", "description": "Noorte ühing."},
                "ru": {"title": f"Общество {number:03d}", "description": "Молодёжь."},
            },
        )


def test_the_number_of_queries_does_not_grow_with_the_results(client, directories):
    path = "/ru/organisations/?q=молодёжь&county=harju&language=et"
    bulk_create_organisations(directories, _youth_organisations(10, 0))
    assert len(titles(client.get(path))) == 10
    with_ten = _queries(client, path)

    bulk_create_organisations(directories, _youth_organisations(90, 10))

    assert "100" in soup(client.get(path)).select_one(".result-count").get_text()
    assert _queries(client, path) == with_ten
    assert _queries(client, path + "&page=5") == with_ten
    assert _queries(client, "/ru/organisations/") <= with_ten
    # A new generation reads the site's menus and vocabularies again too.
    assert with_ten <= 16
    # Kept cards: only the page and the freshness of the search's tables are read.
    assert _queries(client, path, kept=True) <= 2


def test_bulk_created_profiles_are_real_pages(client, directories):
    bulk_create_organisations(directories, _youth_organisations(3, 0))

    response = client.get("/et/organisations/uhing-000/")

    assert response.status_code == 200
    assert "Ühing 000" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"unterminated quote',
        "'; DROP TABLE directory_organisation; --",
        "🤝🌉 партнёры",
        "a" * 10_000,
        "Нарва " * 2_000,
        "OR AND NOT ( ) * : ^ ~ % _ \\",
        "\x00\x01",
        "   ",
        "и в на",
    ],
)
def test_any_search_input_returns_a_page(client, sample, query):
    response = client.get(
        "/ru/organisations/", {"q": query, "page": "not-a-number", "county": query[:50]}
    )

    assert response.status_code == 200


def test_nothing_found_says_so_with_the_query(client, sample):
    response = client.get("/en/organisations/", {"q": "zzqqxx"})

    assert "No organisation was found for “zzqqxx”" in response.content.decode()


def test_a_repeated_query_follows_the_profiles_published_and_withdrawn(
    client, sample, make_organisation
):
    assert titles(client.get("/et/organisations/", {"q": "aabits"})) == ["Aabits"]

    OrganisationPage.objects.get(title="Aabits").unpublish()
    assert titles(client.get("/et/organisations/", {"q": "aabits"})) == []

    make_organisation({"et": {"title": "Aabitsa Sõbrad", "description": "Lugemisõhtud."}})
    assert titles(client.get("/et/organisations/", {"q": "aabits"})) == ["Aabitsa Sõbrad"]


def card(response, title):
    link = soup(response).find("a", string=title)
    assert link is not None, title
    return link.find_parent("article").get_text(" ", strip=True)


def test_a_kept_card_follows_the_organisations_facts_and_profile_at_once(client, sample):
    assert "Narva" in card(client.get("/ru/organisations/"), "Букварь")
    assert "Ищет партнёров" in card(client.get("/ru/organisations/"), "Букварь")

    organisation, *_ = [
        page.organisation for page in OrganisationPage.objects.filter(title="Букварь")
    ]
    organisation.town = "Sillamäe"
    organisation.looking_for_partners = False
    organisation.save()
    shown = card(client.get("/ru/organisations/"), "Букварь")
    assert "Sillamäe" in shown
    assert "Ищет партнёров" not in shown

    profile = OrganisationPage.objects.get(title="Букварь")
    profile.title = "Букварь и друзья"
    profile.save_revision().publish()
    assert "Букварь и друзья" in titles(client.get("/ru/organisations/"))


def test_each_reader_gets_the_card_of_their_own_language(client, sample):
    assert "Общество виолончели" in titles(client.get("/ru/organisations/"))
    assert "Cello Selts" in titles(client.get("/et/organisations/"))
    english = client.get("/en/organisations/")
    assert "Cello Selts" in titles(english) or "Общество виолончели" in titles(english)
    assert "Profile in" in soup(english).select_one(".directory-card").get_text()
