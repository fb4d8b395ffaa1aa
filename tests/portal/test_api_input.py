"""The read-only API answers bad parameters with a 400 and a JSON message, unknown paths with
a JSON 404, and searches whatever was typed the way the site search does: never a 500, never
a redirect into the HTML site."""

import pytest

from home.models import StandardPage

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"]


def json_answer(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code < 500
    assert response["Content-Type"] == "application/json", (response.status_code, response)
    return response.status_code, response.json()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    "params",
    [
        {"offset": "99999999999999999999999"},
        {"offset": "1e5"},
        {"limit": "99999999999999999999999"},
        {"search": "   "},
        {"search": "\x00"},
        {"search": "a", "search_operator": "xor"},
    ],
    ids=["huge offset", "float offset", "huge limit", "blank search", "nul search", "operator"],
)
def test_bad_parameters_get_a_400_with_a_message(client, site_tree, endpoint, params):
    status, data = json_answer(client, endpoint, params)

    assert status == 400
    assert data["message"]


def test_an_unknown_locale_is_a_bad_parameter(client, site_tree):
    assert json_answer(client, "/api/v2/pages/", {"locale": "xx\x00"})[0] == 400


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    "search",
    [
        '"',
        '"network',
        "network\x00organisations",
        "'; DROP TABLE wagtailcore_page; --",
        "NEAR(a b) OR (c AND",
        "network " * 5000,
        "a OR " * 2500,
        "\ufffd\ufffe",
    ],
    ids=["quote", "open quote", "nul", "sql", "syntax", "5000 words", "5000 ors", "bad utf-8"],
)
def test_any_search_text_is_searched(client, site_tree, endpoint, search):
    status, data = json_answer(client, endpoint, {"search": search})

    assert status == 200
    assert isinstance(data["items"], list)


def test_search_still_finds_pages_and_phrases(client, site_tree):
    page = StandardPage(title="Ühisprojektide laat", slug="laat", introduction="Kohtumispaik.")
    site_tree["homes"]["et"].add_child(instance=page)
    page.save_revision().publish()

    for search in ("Ühisprojektide", '"Ühisprojektide laat"', "laat\x00", "  laat  "):
        status, data = json_answer(client, "/api/v2/pages/", {"search": search})
        assert status == 200
        assert [item["title"] for item in data["items"]] == ["Ühisprojektide laat"], search


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/",
        "/api/v2/nothing/",
        "/api/v2/pages/abc/",
        "/api/v2/pages/99999999999999999999999/",
        "/api/v2/pages/find/?html_path=/nowhere/",
        "/api/v2/pages/find/?html_path=a%00b",
        "/api/v2/images/123456/",
        "/api/nothing",
    ],
)
def test_unknown_api_paths_get_a_json_404(client, site_tree, path):
    status, data = json_answer(client, path)

    assert status == 404
    assert data["message"]
