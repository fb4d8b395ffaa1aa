"""Search never shows what a visitor may not read (drafts, unpublished changes of live pages,
pages behind a login or a password) and cuts very long queries before running them: the site
search, the API's search and the directory."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from portal.search_text import QUERY_MAX_LENGTH

pytestmark = pytest.mark.django_db


def result_titles(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in page.select(".search-results h2 a")]


def api_titles(client, query):
    response = client.get("/api/v2/pages/", {"search": query, "locale": "et", "fields": "title"})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def make_page(site_tree):
    def make(title, introduction, restriction=None, **kwargs):
        page = StandardPage(
            title=title, slug=title.lower().replace(" ", "-"), introduction=introduction
        )
        site_tree["homes"]["et"].add_child(instance=page)
        page.save_revision().publish()
        if restriction:
            PageViewRestriction.objects.create(page=page, **restriction)
        return page

    return make


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "juhatus"},
    ],
    ids=["login", "password"],
)
def test_private_pages_are_never_found(client, make_page, restriction):
    make_page("Juhatuse koosolek", "Eelarve kärbetest salajasel koosolekul.", restriction)
    make_page("Avalik teade", "Eelarve on avalik.")

    assert result_titles(client.get("/et/search/", {"q": "eelarve"})) == ["Avalik teade"]
    assert api_titles(client, "eelarve") == ["Avalik teade"]
    # Not even by the words only the private page holds.
    assert result_titles(client.get("/et/search/", {"q": "salajasel"})) == []
    assert api_titles(client, "salajasel") == []


def test_the_unpublished_changes_of_a_live_page_are_never_found(client, make_page):
    page = make_page("Aastaaruanne", "Aruanne on valmis.")
    page.introduction = "Mustandis: kärpimisettepanek koondamisest."
    page.save_revision()  # a draft, not published

    assert result_titles(client.get("/et/search/", {"q": "koondamisest"})) == []
    assert api_titles(client, "koondamisest") == []
    found = client.get("/et/search/", {"q": "aruanne"})
    assert result_titles(found) == ["Aastaaruanne"]
    assert "koondamisest" not in found.content.decode()


def test_a_very_long_query_is_cut_before_it_is_run(client, make_page):
    make_page("Avalik teade", "Eelarve on avalik.")
    # The only word that would match comes after the cut.
    query = "zzz " * (QUERY_MAX_LENGTH // 4 + 10) + "eelarve"
    assert len(query) > QUERY_MAX_LENGTH

    response = client.get("/et/search/", {"q": query})

    assert response.status_code == 200
    assert result_titles(response) == []
    field = BeautifulSoup(response.content, "html.parser").select_one("input[name=q]")
    assert len(field["value"]) <= QUERY_MAX_LENGTH
    assert api_titles(client, query) == []


def test_a_very_long_directory_query_is_cut_and_answered(client, site_tree):
    from directory.demo import ensure_directory

    ensure_directory(site_tree["homes"])
    response = client.get("/et/organisations/", {"q": "noored " * 5000})

    assert response.status_code == 200
    field = BeautifulSoup(response.content, "html.parser").select_one("input[name=q]")
    assert len(field["value"]) <= QUERY_MAX_LENGTH
