import pytest
from bs4 import BeautifulSoup

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("prefix", "title"),
    [
        ("/ru/", "Сеть некоммерческих организаций Эстонии"),
        ("/et/", "Eesti mittetulundusühingute võrgustik"),
        ("/en/", "Network of Estonian Non-profit Organisations"),
    ],
)
def test_each_language_prefix_serves_its_home_page_with_its_lang(client, site_tree, prefix, title):
    response = client.get(prefix)

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == prefix.strip("/")
    assert page.h1.get_text(strip=True) == title


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("et-EE,et;q=0.9,en;q=0.5", "/et/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("ru-RU,ru;q=0.9", "/ru/"),
        ("de-DE,de;q=0.9,fr;q=0.5", "/ru/"),
        ("", "/ru/"),
    ],
)
def test_root_redirects_by_accept_language_falling_back_to_russian(
    client, site_tree, accept_language, target
):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == target


def test_interface_strings_follow_the_prefix(client, site_tree):
    skip_links = {
        prefix: soup(client.get(prefix)).select_one("a.skip-link").get_text(strip=True)
        for prefix in ("/ru/", "/et/", "/en/")
    }

    assert skip_links["/en/"] == "Skip to content"
    assert skip_links["/ru/"] == "Перейти к содержанию"
    assert skip_links["/et/"] == "Edasi sisu juurde"


def switcher_links(response):
    return {
        link["hreflang"]: link["href"]
        for link in soup(response).select("nav.language-switcher a[hreflang]")
    }


def test_switcher_leads_to_the_same_page_in_the_other_languages(client, site_tree):
    response = client.get("/et/about/")

    assert switcher_links(response) == {"ru": "/ru/about/", "en": "/en/about/"}
    current = soup(response).select_one("nav.language-switcher [aria-current]")
    assert current["lang"] == "et"


def test_switcher_leads_to_the_language_home_when_the_page_has_no_translation(client, site_tree):
    lonely = StandardPage(title="Только по-русски", slug="only-russian")
    site_tree["homes"]["ru"].add_child(instance=lonely)
    lonely.save_revision().publish()

    response = client.get("/ru/only-russian/")

    assert response.status_code == 200
    assert switcher_links(response) == {"et": "/et/", "en": "/en/"}


def test_switcher_ignores_an_unpublished_translation(client, site_tree):
    english_about = site_tree["about"]["en"]
    english_about.unpublish()

    response = client.get("/ru/about/")

    assert switcher_links(response)["en"] == "/en/"


def test_hreflang_alternates_list_only_existing_translations(client, site_tree):
    lonely = StandardPage(title="Ainult eesti keeles", slug="ainult-eesti")
    site_tree["homes"]["et"].add_child(instance=lonely)
    lonely.save_revision().publish()

    about = soup(client.get("/ru/about/"))
    alternates = {
        link["hreflang"]: link["href"] for link in about.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "ru": "http://testserver/ru/about/",
        "et": "http://testserver/et/about/",
        "en": "http://testserver/en/about/",
    }
    only_estonian = soup(client.get("/et/ainult-eesti/"))
    assert [link["hreflang"] for link in only_estonian.select('link[rel="alternate"]')] == ["et"]


def test_switcher_on_a_non_page_view_keeps_the_path_and_query(client, site_tree):
    response = client.get("/et/search/?q=Narva")

    assert switcher_links(response) == {"ru": "/ru/search/?q=Narva", "en": "/en/search/?q=Narva"}


def test_every_page_has_skip_link_nav_and_footer(client, site_tree):
    page = soup(client.get("/en/about/"))

    skip = page.select_one("a.skip-link")
    assert skip["href"] == "#main"
    assert page.select_one("main#main") is not None
    assert page.select_one('nav[aria-label="Main menu"]') is not None
    assert page.select_one("footer") is not None
    assert page.select_one("form[role=search]")["action"] == "/en/search/"
