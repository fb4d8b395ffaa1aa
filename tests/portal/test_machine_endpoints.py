import xml.etree.ElementTree as ET

import pytest

from home.models import StandardPage

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def test_sitemap_lists_every_language_with_hreflang_alternates(client, site_tree):
    draft = StandardPage(title="Mustand", slug="draft", live=False)
    site_tree["homes"]["et"].add_child(instance=draft)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = {url.findtext("sm:loc", namespaces=SITEMAP_NS): url for url in root}
    for language in ("ru", "et", "en"):
        assert f"http://testserver/{language}/about/" in locations
    assert "http://testserver/et/draft/" not in locations
    about_alternates = {
        link.get("hreflang"): link.get("href")
        for link in locations["http://testserver/ru/about/"].findall("xhtml:link", SITEMAP_NS)
    }
    assert about_alternates == {
        "ru": "http://testserver/ru/about/",
        "et": "http://testserver/et/about/",
        "en": "http://testserver/en/about/",
    }


def test_robots_txt_points_at_the_sitemap_and_hides_private_areas(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /ru/my/" in body


def test_api_lists_live_public_pages_and_filters_by_locale(client, site_tree):
    draft = StandardPage(title="Mustand API jaoks", slug="api-draft", live=False)
    site_tree["homes"]["et"].add_child(instance=draft)

    everything = client.get("/api/v2/pages/", {"limit": 100}).json()
    estonian = client.get("/api/v2/pages/", {"locale": "et", "type": "home.StandardPage"}).json()

    titles = {item["title"] for item in everything["items"]}
    assert {"О сети", "Võrgustikust", "About the network"} <= titles
    assert "Mustand API jaoks" not in titles
    assert {item["title"] for item in estonian["items"]} == {"Võrgustikust", "Andmekaitse"}


def test_api_is_read_only(client, site_tree):
    response = client.post("/api/v2/pages/", {"title": "x"})

    assert response.status_code == 405
