"""The header (menu, language switcher, home links) and the site lookup come from the cache, and
an editor's change shows on the very next request."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def menu_titles(client, path):
    page = BeautifulSoup(client.get(path).content, "html.parser")
    # After the link to the home page, before the account link.
    return [
        link.get_text(strip=True) for link in page.select("nav.main-nav li:not(.nav-account) a")
    ][1:]


def switcher(client, path):
    page = BeautifulSoup(client.get(path).content, "html.parser")
    return {
        link["hreflang"]: link["href"] for link in page.select("nav.language-switcher a[hreflang]")
    }


def new_menu_page(parent, title, slug):
    page = StandardPage(title=title, slug=slug, show_in_menus=True)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_published_menu_page_appears_at_once_and_leaves_when_unpublished(client, site_tree):
    home = site_tree["homes"]["et"]
    before = menu_titles(client, "/et/")
    assert "Koolitused" not in before

    page = new_menu_page(home, "Koolitused", "koolitused")
    assert menu_titles(client, "/et/") == [*before, "Koolitused"]

    page.title = "Koolitused ja seminarid"
    page.save_revision().publish()
    assert "Koolitused ja seminarid" in menu_titles(client, "/et/")

    page.unpublish()
    assert menu_titles(client, "/et/") == before


def test_a_moved_or_deleted_page_leaves_the_menu(client, site_tree):
    home = site_tree["homes"]["et"]
    page = new_menu_page(home, "Arhiiv", "arhiiv")
    assert "Arhiiv" in menu_titles(client, "/et/")

    page.move(site_tree["about"]["et"], pos="last-child")
    assert "Arhiiv" not in menu_titles(client, "/et/")

    page.refresh_from_db()
    page.move(home, pos="last-child")
    assert "Arhiiv" in menu_titles(client, "/et/")
    page.delete()
    assert "Arhiiv" not in menu_titles(client, "/et/")


def test_a_private_page_leaves_the_menu_and_the_switcher(client, site_tree):
    about = site_tree["about"]
    assert "Võrgustikust" in menu_titles(client, "/et/")
    assert switcher(client, "/ru/about/")["et"] == "/et/about/"

    PageViewRestriction.objects.create(page=about["et"], restriction_type="login")

    assert "Võrgustikust" not in menu_titles(client, "/et/")
    assert switcher(client, "/ru/about/")["et"] == "/et/"


def test_a_new_translation_takes_over_the_switcher_link(client, site_tree, locales):
    source = new_menu_page(site_tree["homes"]["et"], "Nõustamine", "noustamine")
    assert switcher(client, "/et/noustamine/")["ru"] == "/ru/"

    russian = source.copy_for_translation(locales["ru"])
    russian.title = "Консультации"
    russian.save_revision().publish()

    assert switcher(client, "/et/noustamine/")["ru"] == "/ru/noustamine/"


def test_the_header_costs_no_query_once_cached(client, site_tree):
    client.get("/et/about/")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/et/about/").status_code == 200

    statements = [query["sql"] for query in queries.captured_queries]
    assert not [sql for sql in statements if "wagtailcore_site" in sql]
    conditions = [sql.split(" WHERE ", 1)[-1] for sql in statements if " WHERE " in sql]
    assert not [condition for condition in conditions if "show_in_menus" in condition]
    # The page itself remains (routes and view restrictions come from the cache too).
    assert len(queries.captured_queries) <= 3


def test_a_second_site_answers_on_its_own_host_as_soon_as_it_is_saved(client, site_tree):
    root = site_tree["homes"]["ru"].get_parent()
    other_home = HomePage(title="Partnerite portaal", slug="partners-portal")
    root.add_child(instance=other_home)
    other_home.save_revision().publish()
    assert client.get("/et/", headers={"host": "partners.example"}).status_code == 200

    Site.objects.create(hostname="partners.example", port=80, root_page=other_home)

    response = client.get("/ru/", headers={"host": "partners.example"})
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == (
        "Partnerite portaal"
    )
    assert client.get("/ru/", headers={"host": "testserver"}).status_code == 200
