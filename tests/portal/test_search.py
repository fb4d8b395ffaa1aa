import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def result_titles(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in page.select(".search-results h2 a")]


def test_search_finds_live_pages_of_the_current_language_only(client, site_tree):
    response = client.get("/et/search/", {"q": "ajakirjanikele"})

    assert response.status_code == 200
    titles = result_titles(response)
    assert "Võrgustikust" in titles
    assert "О сети" not in titles


def test_search_does_not_show_drafts_or_private_pages(client, site_tree):
    draft = StandardPage(title="Salajane mustand", slug="mustand", live=False)
    site_tree["homes"]["et"].add_child(instance=draft)
    draft.save_revision()

    assert result_titles(client.get("/et/search/", {"q": "mustand"})) == []


def test_search_without_query_shows_the_form(client, site_tree):
    response = client.get("/ru/search/")

    assert response.status_code == 200
    assert b'name="q"' in response.content


def test_search_says_when_nothing_is_found(client, site_tree):
    response = client.get("/en/search/", {"q": "zzzqqxxy"})

    assert response.status_code == 200
    assert "Nothing was found" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"unterminated quote',
        "'; DROP TABLE wagtailcore_page; --",
        "🤝🌉 партнёры",
        "a" * 10_000,
        "OR AND NOT ( ) * : ^ ~",
        "\x00\x01",
        "   ",
    ],
)
def test_search_survives_any_input(client, site_tree, query):
    response = client.get("/ru/search/", {"q": query, "page": "not-a-number"})

    assert response.status_code == 200


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the index is PostgreSQL's (home/migrations/0004)"
)
def test_the_site_search_on_postgresql_matches_the_expression_of_the_title_and_body_index(
    client, site_tree
):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'sild_search_title_body_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (((title || body)))" in definition

    with CaptureQueriesContext(connection) as queries:
        assert "Võrgustikust" in result_titles(client.get("/et/search/", {"q": "ajakirjanikele"}))

    # The planner uses an expression index only for that very expression.
    matching = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'
    searches = [query["sql"] for query in queries if "@@" in query["sql"]]
    assert searches
    assert all(matching in sql for sql in searches), searches
